/**
 * The diagram canvas: the layout Rust computed, drawn with xyflow. Selection is the App's
 * (`selection` / `onSelectionChange`); every change to the definition goes out as an `Edit`.
 * Node positions the user drags are UI-only overrides, dropped by Auto-layout.
 *
 * `CanvasInner` only wires: each behaviour is a hook of its own under `hooks/`.
 */
import '@xyflow/react/dist/style.css';
import './tones.css';
import './canvas.css';
import './run.css';
import './coverage.css';
import '../diff/diff.css';
import {
  Background,
  BackgroundVariant,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  SelectionMode,
  useStore,
  type Node,
  type ReactFlowState,
} from '@xyflow/react';
import { useCallback, useId, useRef, type ReactElement } from 'react';
import type { CanvasRunOverlay } from '../run/overlay';
import type { CanvasDiff } from '../diff/decorations';
import type { CanvasCoverage } from '../tests/coverage';
import { useBrokenTransitions } from './broken';
import type { FlowEdge, FlowNode } from './convert';
import { ArrowDefs, MarkerPrefix, edgeTypes } from './edges';
import { FindState } from './FindState';
import { useCanvasSelection } from './hooks/useCanvasSelection';
import { useClipboard } from './hooks/useClipboard';
import { useConnections } from './hooks/useConnections';
import { useCoverageOverlay } from './hooks/useCoverageOverlay';
import { useDiffOverlay } from './hooks/useDiffOverlay';
import { useContextMenus } from './hooks/useContextMenus';
import { useEdgeSelection } from './hooks/useEdgeSelection';
import { MIN_ZOOM, useFitView } from './hooks/useFitView';
import { useFindBox } from './hooks/useFindBox';
import { useFlowElements } from './hooks/useFlowElements';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useLaneDrag } from './hooks/useLaneDrag';
import { useLanes } from './hooks/useLanes';
import { useLatest, useStableCallback } from './hooks/useLatest';
import { useMiniMap } from './hooks/useMiniMap';
import { useNodeChanges } from './hooks/useNodeChanges';
import { usePaletteDrop } from './hooks/usePaletteDrop';
import { usePositionOverrides } from './hooks/usePositionOverrides';
import { useReveal } from './hooks/useReveal';
import { useRunContext, useRunEdges, useRunNodes } from './hooks/useRunOverlay';
import { useShownElements } from './hooks/useShownElements';
import { nodeTypes, RunCanvasContext } from './nodes';
import { Toolbar } from './Toolbar';
import { useSteadyView } from './useSteadyView';
import type { CanvasView, Edit } from './types';

export interface CanvasProps {
  view: CanvasView;
  /** Selected state pointers. */
  selection: string[];
  onSelectionChange: (pointers: string[]) => void;
  /** The App applies it through Rust and passes the new view down. */
  onEdit: (edit: Edit) => void;
  /** The states at these pointers as `name -> definition` (Ctrl+C). */
  copyStates: (pointers: string[]) => Promise<Record<string, unknown>>;
  /** When it changes, the view fits the diagram. */
  fitSignal: number;
  /** The run shown on the canvas: node statuses and edges taken; `null` in design mode. */
  run?: CanvasRunOverlay | null | undefined;
  /** The tests' coverage drawn over the diagram; `null` when not shown. */
  coverage?: CanvasCoverage | null | undefined;
  /** Compare mode: the states and transitions marked added, changed, renamed, removed. */
  diff?: CanvasDiff | null | undefined;
  /** Names of the states with a breakpoint. */
  breakpoints?: ReadonlySet<string> | undefined;
  /** Toggles a state's breakpoint (the dot on a node's left edge); none when not given. */
  onToggleBreakpoint?: ((state: string) => void) | undefined;
  /** What the context menus offer beyond editing; missing ones are not offered. */
  menuActions?: CanvasMenuActions | undefined;
}

export interface CanvasMenuActions {
  /** Puts the state's name up for editing (F2). */
  rename?: (pointer: string) => void;
  /** Runs from a state of the machine's top level; `null` while it cannot (a run is going on). */
  runFrom?: ((name: string) => void) | null;
}

const NO_BREAKPOINTS: ReadonlySet<string> = new Set();
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** Below this zoom, subtitles, edge labels and handles are hidden. */
const FAR_ZOOM = 0.4;

export function Canvas(props: CanvasProps): ReactElement {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}

function miniMapClass(node: Node): string {
  const kind = (node.data as { kind?: string }).kind ?? 'Task';
  return `sw-minimap-node sw-tone--${kind.toLowerCase()}`;
}

const farSelector = (s: ReactFlowState): boolean => s.transform[2] < FAR_ZOOM;

function CanvasInner({ view, selection, onSelectionChange, onEdit, copyStates, fitSignal, run = null, coverage = null, diff = null, breakpoints = NO_BREAKPOINTS, onToggleBreakpoint, menuActions }: CanvasProps): ReactElement {
  const wrapper = useRef<HTMLDivElement>(null);
  const prefix = `sw${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  // Zoomed far out, the canvas drops the small print (one re-render when crossing).
  const far = useStore(farSelector);
  const sendEdit = useStableCallback(onEdit);

  // What is drawn: the diagram, the run over it, dragged positions and the selection.
  const { base, kinds, diagramEdges } = useFlowElements(view);
  const positions = usePositionOverrides(kinds);
  const edgeSelection = useEdgeSelection(diagramEdges);
  const { miniMap, toggleMiniMap } = useMiniMap(view.states.length);
  const runNodes = useRunNodes(base.nodes, run, breakpoints);
  const runEdges = useRunEdges(base.edges, run);
  const runContext = useRunContext(run, onToggleBreakpoint);
  const covered = useCoverageOverlay(runNodes, runEdges, coverage);
  const compared = useDiffOverlay(covered.nodes, covered.edges, diff);
  const { nodes, edges } = useShownElements(compared.nodes, compared.edges, positions.overrides, selection, edgeSelection.selectedEdges);

  // Selection and the viewport.
  const reveal = useReveal(wrapper);
  useSteadyView(view.diagram, selection, positions.overrides, wrapper, reveal);
  const { changeSelection, currentSelection, selectAll } = useCanvasSelection(selection, onSelectionChange, view.diagram, reveal);
  const { fit, onMoveStart, zoomIn, zoomOut } = useFitView(wrapper, view.diagram, fitSignal);
  const { finding, openFind, closeFind, pick } = useFindBox(changeSelection);
  const { clear: clearPositions } = positions;
  const autoLayout = useCallback(() => {
    clearPositions();
    requestAnimationFrame(() => requestAnimationFrame(() => fit()));
  }, [clearPositions, fit]);

  // Gestures that edit: broken transitions (click to show, drag the end to re-connect),
  // connections, lanes, the palette, the clipboard, the keyboard and the context menus.
  const elements = useLatest({ edges: base.edges, kinds });
  const currentEdges = useCallback(() => ({ edges: elements.current.edges, kinds: elements.current.kinds }), [elements]);
  const broken = useBrokenTransitions({ current: currentEdges, select: changeSelection, edit: sendEdit });
  const onNodesChange = useNodeChanges(currentSelection, changeSelection, positions.move);
  const { isValidConnection, onConnect, onConnectEnd } = useConnections(kinds, sendEdit, broken.reconnecting);
  const lanesNow = useLanes(base.nodes);
  const { onNodeDrag, onNodeDragStop } = useLaneDrag(lanesNow, positions.forget, sendEdit);
  usePaletteDrop(wrapper, base.edges, lanesNow, sendEdit);
  const { copy, paste } = useClipboard(copyStates, sendEdit);
  useKeyboardShortcuts({
    selection,
    selectedEdges: edgeSelection.selectedEdges,
    diagramEdges,
    onEdit: sendEdit,
    rename: menuActions?.rename,
    copy,
    paste,
    changeSelection,
    selectAll,
    clearEdgeSelection: edgeSelection.clear,
    fit,
    openFind,
    closeFind,
  });
  const menus = useContextMenus({
    kinds,
    diagramEdges,
    states: view.states,
    breakpoints,
    onToggleBreakpoint,
    rename: menuActions?.rename,
    runFrom: menuActions?.runFrom,
    onEdit: sendEdit,
    lanesNow,
    currentSelection,
    changeSelection,
    selectAll,
    selectOnlyEdge: edgeSelection.selectOnly,
    copy,
    paste,
    openFind,
    fit,
    autoLayout,
  });

  return (
    <div className={`sw-canvas${far ? ' is-far' : ''}${run !== null ? ' has-run' : ''}${coverage !== null ? ' has-coverage' : ''}${diff !== null ? ' has-diff' : ''}`} data-testid="canvas" data-run-shown={run !== null ? 'true' : undefined} data-coverage-shown={coverage !== null ? 'true' : undefined} ref={wrapper}>
      <ArrowDefs prefix={prefix} />
      <RunCanvasContext.Provider value={runContext}>
      <MarkerPrefix.Provider value={prefix}>
        <ReactFlow<FlowNode, FlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={edgeSelection.onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          onNodeDrag={onNodeDrag}
          onNodeDragStop={onNodeDragStop}
          onNodeContextMenu={menus.onNodeContextMenu}
          onEdgeContextMenu={menus.onEdgeContextMenu}
          onPaneContextMenu={menus.onPaneContextMenu}
          onSelectionContextMenu={menus.onSelectionContextMenu}
          onNodeClick={broken.onNodeClick}
          onEdgeClick={broken.onEdgeClick}
          onReconnectStart={broken.onReconnectStart}
          onReconnect={broken.onReconnect}
          onReconnectEnd={broken.onReconnectEnd}
          isValidConnection={isValidConnection}
          onPaneClick={closeFind}
          onMoveStart={onMoveStart}
          onInit={() => fit(false)}
          minZoom={MIN_ZOOM}
          maxZoom={2.5}
          onlyRenderVisibleElements
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          selectionMode={SelectionMode.Partial}
          elevateNodesOnSelect={false}
          nodeDragThreshold={3}
          connectionRadius={28}
          zoomOnDoubleClick={false}
          proOptions={{ hideAttribution: true }}
        >
          <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
          {miniMap && (
            <MiniMap
              pannable
              zoomable
              nodeClassName={miniMapClass}
              nodeStrokeWidth={0}
              ariaLabel="Mini map"
              style={{ width: 150, height: 110 }}
            />
          )}
          <Panel position="top-right">
            <Toolbar
              onFit={() => fit()}
              onZoomIn={zoomIn}
              onZoomOut={zoomOut}
              onAutoLayout={autoLayout}
              onFind={openFind}
              moved={positions.overrides.size > 0}
              miniMap={miniMap}
              onToggleMiniMap={toggleMiniMap}
            />
          </Panel>
          {finding && (
            <Panel position="top-center">
              <FindState
                states={view.states}
                onPick={pick}
                onClose={closeFind}
              />
            </Panel>
          )}
        </ReactFlow>
      </MarkerPrefix.Provider>
      </RunCanvasContext.Provider>
    </div>
  );
}
