/**
 * The diagram canvas: the layout Rust computed, drawn with xyflow. Selection is the App's
 * (`selection` / `onSelectionChange`); every change to the definition goes out as an `Edit`.
 * Node positions the user drags are UI-only overrides, dropped by Auto-layout.
 */
import '@xyflow/react/dist/style.css';
import './tones.css';
import './canvas.css';
import './run.css';
import {
  Background,
  BackgroundVariant,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  SelectionMode,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type Node,
  type NodeChange,
  type ReactFlowState,
  type XYPosition,
} from '@xyflow/react';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent, type ReactElement } from 'react';
import { findTemplate } from '../palette/templates';
import type { CanvasRunOverlay, EdgeRun, NodeRun } from '../run/overlay';
import {
  canConnect,
  connectEdit,
  disconnectEdit,
  dropEdit,
  getClipboard,
  isEditableTarget,
  laneAt,
  moveIntoLaneEdit,
  parseStatesText,
  pasteScope,
  setClipboard,
  type LaneHit,
} from './actions';
import { useBrokenTransitions } from './broken';
import { diagramToFlow, reuseUnchanged, type FlowEdge, type FlowElements, type FlowNode } from './convert';
import { getDrag, registerDropHandler, setDropTarget, subscribeDrag, type DragState } from './dnd';
import { ArrowDefs, MarkerPrefix, edgeTypes, offsetKey } from './edges';
import { FindState } from './FindState';
import { EDGE_HIT_DISTANCE, edgeAt, fitViewport, translatePoints, unionRect, type HitEdge } from './geometry';
import { nodeTypes, RunCanvasContext, type RunCanvasContextValue } from './nodes';
import { modalOpen } from '../lib/shortcuts';
import { openMenu } from '../menu/store';
import { edgeMenu, paneMenu, stateMenu } from './menus';
import { isMarker, scopeOfState, stateNameOf } from './pointers';
import { useRefitOnResize } from './refit';
import { Toolbar } from './Toolbar';
import { useSteadyView } from './useSteadyView';
import type { CanvasView, DiagramEdge, Edit, NodeKind } from './types';

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
/** Above states nested a few containers deep (xyflow puts a child one above its parent). */
const FAILED_Z = 10;

/** Node objects with the run's data, kept between frames when nothing of theirs changed. */
function useRunNodes(nodes: FlowNode[], run: CanvasRunOverlay | null, breakpoints: ReadonlySet<string>): FlowNode[] {
  const cache = useRef(new Map<string, { base: FlowNode; run: NodeRun | null; bp: boolean; out: FlowNode }>());
  return useMemo(() => {
    if (run === null && breakpoints.size === 0) {
      cache.current.clear();
      return nodes;
    }
    const next = new Map<string, { base: FlowNode; run: NodeRun | null; bp: boolean; out: FlowNode }>();
    const out = nodes.map((n) => {
      if (isMarker(n.id)) return n;
      const r = run === null ? null : (run.nodes.get(n.id) ?? run.notReached);
      const bp = breakpoints.has(n.data.name);
      const c = cache.current.get(n.id);
      // A failed state's error tag hangs below it: above the states it may overlap.
      const raise = r !== null && r.status === 'failed' && r.error !== null ? { zIndex: FAILED_Z } : null;
      const node = c !== undefined && c.base === n && c.run === r && c.bp === bp ? c.out : { ...n, ...raise, data: { ...n.data, run: r, breakpoint: bp } };
      next.set(n.id, { base: n, run: r, bp, out: node });
      return node;
    });
    cache.current = next;
    return out;
  }, [nodes, run, breakpoints]);
}

function useRunEdges(edges: FlowEdge[], run: CanvasRunOverlay | null): FlowEdge[] {
  const cache = useRef(new Map<string, { base: FlowEdge; run: EdgeRun; out: FlowEdge }>());
  return useMemo(() => {
    if (run === null || run.edges.size === 0) {
      cache.current.clear();
      return edges;
    }
    const next = new Map<string, { base: FlowEdge; run: EdgeRun; out: FlowEdge }>();
    const out = edges.map((e) => {
      const r = run.edges.get(e.id);
      if (r === undefined || e.data === undefined) return e;
      const c = cache.current.get(e.id);
      const edge = c !== undefined && c.base === e && c.run === r ? c.out : { ...e, data: { ...e.data, run: r } };
      next.set(e.id, { base: e, run: r, out: edge });
      return edge;
    });
    cache.current = next;
    return out;
  }, [edges, run]);
}

/** Room at the top for the canvas toolbar, so fitting never puts Start under it. */
const FIT_INSETS = { top: 60, right: 28, bottom: 28, left: 28 };
const MIN_ZOOM = 0.02;
const FIT_MAX_ZOOM = 1.25;
const MINIMAP_STATES = 30;
const MINIMAP_KEY = 'stepwise.minimap';

function loadMiniMapChoice(): boolean | null {
  try {
    const v = window.localStorage.getItem(MINIMAP_KEY);
    return v === 'on' ? true : v === 'off' ? false : null;
  } catch {
    return null;
  }
}

function saveMiniMapChoice(on: boolean): void {
  try {
    window.localStorage.setItem(MINIMAP_KEY, on ? 'on' : 'off');
  } catch {
    // Storage can be unavailable; the choice then lasts this session.
  }
}

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

function sameList(a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function miniMapClass(node: Node): string {
  const kind = (node.data as { kind?: string }).kind ?? 'Task';
  return `sw-minimap-node sw-tone--${kind.toLowerCase()}`;
}

const farSelector = (s: ReactFlowState): boolean => s.transform[2] < FAR_ZOOM;

function CanvasInner({ view, selection, onSelectionChange, onEdit, copyStates, fitSignal, run = null, breakpoints = NO_BREAKPOINTS, onToggleBreakpoint, menuActions }: CanvasProps): ReactElement {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const prefix = `sw${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  // Zoomed far out, the canvas drops the small print (one re-render when crossing).
  const far = useStore(farSelector);

  // --- Conversion, once per diagram; unchanged nodes and edges keep their objects. -------
  const previous = useRef<FlowElements>({ nodes: [], edges: [] });
  const base = useMemo(() => {
    const next = diagramToFlow(view.diagram, view.problems);
    const out: FlowElements = {
      nodes: reuseUnchanged(previous.current.nodes, next.nodes),
      edges: reuseUnchanged(previous.current.edges, next.edges),
    };
    previous.current = out;
    return out;
  }, [view.diagram, view.problems]);

  const kinds = useMemo(() => new Map<string, NodeKind>(view.diagram.nodes.map((n) => [n.id, n.type])), [view.diagram]);
  const diagramEdges = useMemo(() => new Map<string, DiagramEdge>(view.diagram.edges.map((e) => [e.id, e])), [view.diagram]);

  // --- UI-only state: dragged positions, selected edges, the find box. -------------------
  const [overrides, setOverrides] = useState<ReadonlyMap<string, XYPosition>>(() => new Map());
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(() => new Set());
  const [finding, setFinding] = useState(false);
  // The mini map helps on big machines and hides states of small ones: on by default from
  // MINIMAP_STATES states, and the user's choice once they toggle it.
  const [miniMapChoice, setMiniMapChoice] = useState<boolean | null>(loadMiniMapChoice);
  const miniMap = miniMapChoice ?? view.states.length >= MINIMAP_STATES;
  const toggleMiniMap = useCallback(() => {
    setMiniMapChoice(!miniMap);
    saveMiniMapChoice(!miniMap);
  }, [miniMap]);

  // Forget overrides and selected edges of elements that are gone.
  useEffect(() => {
    setOverrides((prev) => {
      if ([...prev.keys()].every((k) => kinds.has(k))) return prev;
      return new Map([...prev].filter(([k]) => kinds.has(k)));
    });
    setSelectedEdges((prev) => {
      if ([...prev].every((k) => diagramEdges.has(k))) return prev;
      return new Set([...prev].filter((k) => diagramEdges.has(k)));
    });
  }, [kinds, diagramEdges]);

  const selectedSet = useMemo(() => new Set(selection), [selection]);
  const runNodes = useRunNodes(base.nodes, run, breakpoints);
  const runEdges = useRunEdges(base.edges, run);

  const nodes = useMemo(
    () =>
      runNodes.map((n) => {
        const o = overrides.get(n.id);
        const sel = selectedSet.has(n.id);
        if (o === undefined && !sel) return n;
        return { ...n, position: o ?? n.position, selected: sel };
      }),
    [runNodes, overrides, selectedSet],
  );

  const edges = useMemo(
    () => (selectedEdges.size === 0 ? runEdges : runEdges.map((e) => (selectedEdges.has(e.id) ? { ...e, selected: true } : e))),
    [runEdges, selectedEdges],
  );

  const runContext = useMemo<RunCanvasContextValue>(
    () => ({ onToggleBreakpoint: onToggleBreakpoint ?? null, shown: run !== null }),
    [onToggleBreakpoint, run !== null],
  );

  // --- The latest props and state, for listeners registered once. ------------------------
  const latest = useRef({ view, selection, onSelectionChange, onEdit, copyStates, base, kinds, diagramEdges, selectedEdges, breakpoints, onToggleBreakpoint, menuActions });
  latest.current = { view, selection, onSelectionChange, onEdit, copyStates, base, kinds, diagramEdges, selectedEdges, breakpoints, onToggleBreakpoint, menuActions };
  /** The selection asked for but not yet passed back down. */
  const pendingSelection = useRef<string[] | null>(null);
  /** The last selection the canvas itself asked for. */
  const ownSelection = useRef<string[] | null>(null);

  const changeSelection = useCallback((next: string[]) => {
    const current = pendingSelection.current ?? latest.current.selection;
    if (sameList(current, next)) return;
    pendingSelection.current = next;
    ownSelection.current = next;
    latest.current.onSelectionChange(next);
  }, []);

  // Broken transitions: click to show, drag the end to re-connect.
  const currentEdges = useCallback(() => ({ edges: latest.current.base.edges, kinds: latest.current.kinds }), []);
  const sendEdit = useCallback((edit: Edit) => latest.current.onEdit(edit), []);
  const broken = useBrokenTransitions({ current: currentEdges, select: changeSelection, edit: sendEdit });

  /** Pans (keeping the zoom) so the state is in view, when it is not. */
  const reveal = useCallback(
    (pointer: string) => {
      const n = rf.getInternalNode(pointer);
      const el = wrapper.current;
      if (n === undefined || el === null || el.clientWidth === 0) return;
      const { x, y, zoom } = rf.getViewport();
      const p = n.internals.positionAbsolute;
      const w = n.measured.width ?? n.width ?? 0;
      const h = n.measured.height ?? n.height ?? 0;
      const left = p.x * zoom + x;
      const top = p.y * zoom + y;
      if (left >= 0 && top >= 0 && left + w * zoom <= el.clientWidth && top + h * zoom <= el.clientHeight) return;
      void rf.setCenter(p.x + w / 2, p.y + h / 2, { zoom, duration: 250 });
    },
    [rf],
  );

  useSteadyView(view.diagram, selection, overrides, wrapper, reveal);

  // A state selected elsewhere (the problems list, the inspector) is brought into view.
  useEffect(() => {
    pendingSelection.current = null;
    const own = ownSelection.current;
    ownSelection.current = null;
    if (own !== null && sameList(own, selection)) return;
    const only = selection.length === 1 ? selection[0] : undefined;
    if (only !== undefined) reveal(only);
  }, [selection, reveal]);

  // --- xyflow callbacks. -------------------------------------------------------------------
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const moved: Array<[string, XYPosition]> = [];
      let selected: Set<string> | null = null;
      const current = pendingSelection.current ?? latest.current.selection;
      for (const c of changes) {
        if (c.type === 'position' && c.position !== undefined) {
          moved.push([c.id, c.position]);
        } else if (c.type === 'select' && !isMarker(c.id)) {
          selected ??= new Set(current);
          if (c.selected) selected.add(c.id);
          else selected.delete(c.id);
        }
      }
      if (moved.length > 0) {
        setOverrides((prev) => {
          const next = new Map(prev);
          for (const [id, p] of moved) next.set(id, p);
          return next;
        });
      }
      if (selected !== null) {
        const keep = current.filter((p) => selected.has(p));
        const added = [...selected].filter((p) => !current.includes(p));
        changeSelection([...keep, ...added]);
      }
    },
    [changeSelection],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const sel = changes.filter((c) => c.type === 'select');
    if (sel.length === 0) return;
    setSelectedEdges((prev) => {
      const next = new Set(prev);
      for (const c of sel) {
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      return next.size === prev.size && [...next].every((x) => prev.has(x)) ? prev : next;
    });
  }, []);

  const isValidConnection = useCallback(
    (c: Connection | Edge) => canConnect(c.source, c.target, latest.current.kinds.get(c.source)),
    [],
  );

  const onConnect = useCallback((c: Connection) => {
    const edit = connectEdit(c.source, latest.current.kinds.get(c.source), c.sourceHandle, c.target);
    if (edit !== null) latest.current.onEdit(edit);
  }, []);

  const reconnecting = broken.reconnecting;
  /** A connection released over a state's body (not its handle) connects to that state. */
  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    // The end of a re-connection (a broken edge's end dragged) is handled by its own callback.
    if (reconnecting.current) return;
    if (state.isValid === true || state.fromNode === null || state.fromHandle?.type !== 'source') return;
    const at = 'changedTouches' in event ? event.changedTouches[0] : event;
    if (at === undefined) return;
    const hit = document.elementFromPoint(at.clientX, at.clientY)?.closest('.react-flow__node');
    const target = hit?.getAttribute('data-id');
    const source = state.fromNode.id;
    // Releasing on the state it started from is a slip, not a loop.
    if (target === null || target === undefined || target === source) return;
    const kind = latest.current.kinds.get(source);
    if (!canConnect(source, target, kind)) return;
    const edit = connectEdit(source, kind, state.fromHandle.id, target);
    if (edit !== null) latest.current.onEdit(edit);
  }, [reconnecting]);

  // --- Viewport. ---------------------------------------------------------------------------
  // Until the user pans or zooms, the view keeps fitting the diagram as the canvas changes size
  // (panels opening, the window settling on its size after the first fit); see refit.ts.
  const fitted = useRef(true);

  /**
   * Fits the whole drawing: the diagram's own bounds (edges routed around the side and their
   * labels included, which xyflow's fitView, counting nodes only, would cut off), and any
   * state dragged beyond them.
   */
  const fit = useCallback(
    (animate = true) => {
      fitted.current = true;
      const el = wrapper.current;
      if (el === null || el.clientWidth === 0 || el.clientHeight === 0) return;
      const { diagram } = latest.current.view;
      let bounds = { x: 0, y: 0, width: diagram.width, height: diagram.height };
      const nodes = rf.getNodes();
      if (nodes.length > 0) bounds = unionRect(bounds, rf.getNodesBounds(nodes));
      const v = fitViewport(bounds, el.clientWidth, el.clientHeight, FIT_INSETS, MIN_ZOOM, FIT_MAX_ZOOM);
      void rf.setViewport(v, animate ? { duration: 200 } : undefined);
    },
    [rf],
  );

  const { userMoved } = useRefitOnResize(wrapper, fitted, fit, rf);
  /** The user framed the view (pan, wheel, the zoom buttons): resizes keep their frame. */
  const framedByHand = useCallback(() => {
    fitted.current = false;
    userMoved();
  }, [userMoved]);
  const onMoveStart = useCallback(
    (event: MouseEvent | TouchEvent | null) => {
      // `event` is null when the move is ours (fit, reveal), not the user's.
      if (event !== null) framedByHand();
    },
    [framedByHand],
  );

  const firstSignal = useRef(true);
  useEffect(() => {
    if (firstSignal.current) {
      firstSignal.current = false;
      return;
    }
    fit();
  }, [fitSignal, fit]);

  const autoLayout = useCallback(() => {
    setOverrides(new Map());
    requestAnimationFrame(() => requestAnimationFrame(() => fit()));
  }, [fit]);

  const centerOn = useCallback(
    (pointer: string) => {
      changeSelection([pointer]);
      const n = rf.getInternalNode(pointer);
      if (n === undefined) return;
      const p = n.internals.positionAbsolute;
      const w = n.measured.width ?? n.width ?? 0;
      const h = n.measured.height ?? n.height ?? 0;
      void rf.setCenter(p.x + w / 2, p.y + h / 2, { zoom: Math.max(rf.getZoom(), 1), duration: 300 });
    },
    [rf, changeSelection],
  );

  // --- The lanes of Parallel and Map containers, as drawn now. ----------------------------
  /** Every lane in absolute flow coordinates (outer before inner), with the scope it holds. */
  const lanesNow = useCallback((): LaneHit[] => {
    const lanes: LaneHit[] = [];
    for (const n of latest.current.base.nodes) {
      if (n.data.lanes.length === 0) continue;
      const at = rf.getInternalNode(n.id)?.internals.positionAbsolute ?? n.position;
      n.data.lanes.forEach((l, i) => {
        lanes.push({ container: n.id, lane: i, scope: l.scope, rect: { x: at.x + l.x, y: at.y + l.y, width: l.width, height: l.height } });
      });
    }
    return lanes;
  }, [rf]);

  // --- Dragging a state into a branch or processor (or out of one) moves it there. --------
  /** The lane under the middle of a dragged state, its own lanes aside. */
  const laneUnder = useCallback(
    (id: string): LaneHit | null => {
      const n = rf.getInternalNode(id);
      if (n === undefined) return null;
      const p = n.internals.positionAbsolute;
      const middle = { x: p.x + (n.measured.width ?? 0) / 2, y: p.y + (n.measured.height ?? 0) / 2 };
      const others = lanesNow().filter((l) => l.container !== id && !l.container.startsWith(`${id}/`));
      return laneAt(others, middle);
    },
    [rf, lanesNow],
  );
  const onNodeDrag = useCallback(
    (_e: unknown, node: FlowNode, dragged: FlowNode[]) => {
      if (dragged.length !== 1) return;
      const lane = laneUnder(node.id);
      const moves = moveIntoLaneEdit(node.id, lane) !== null;
      setDropTarget(moves && lane !== null ? { kind: 'lane', container: lane.container, lane: lane.lane } : null);
    },
    [laneUnder],
  );
  const onNodeDragStop = useCallback(
    (_e: unknown, node: FlowNode, dragged: FlowNode[]) => {
      setDropTarget(null);
      if (dragged.length !== 1) return;
      const edit = moveIntoLaneEdit(node.id, laneUnder(node.id));
      if (edit === null) return;
      // The layout places it in its new scope; the dragged position no longer means anything.
      setOverrides((prev) => {
        const next = new Map(prev);
        next.delete(node.id);
        return next;
      });
      latest.current.onEdit(edit);
    },
    [laneUnder],
  );

  // --- Palette drag and drop. ------------------------------------------------------------
  useEffect(() => {
    let cache: { edges: HitEdge[]; lanes: LaneHit[] } | null = null;

    /** Edges (as drawn now) a state can be dropped on, and the lanes, in flow coordinates. */
    const geometry = (): { edges: HitEdge[]; lanes: LaneHit[] } => {
      if (cache !== null) return cache;
      const hitEdges: HitEdge[] = [];
      for (const e of latest.current.base.edges) {
        const data = e.data;
        if (data === undefined || data.insert === null) continue;
        const s = rf.getInternalNode(e.source);
        const t = rf.getInternalNode(e.target);
        const key = offsetKey(s?.internals.positionAbsolute, t?.internals.positionAbsolute, data);
        if (key === 'free' && s !== undefined && t !== undefined) {
          const sp = s.internals.positionAbsolute;
          const tp = t.internals.positionAbsolute;
          hitEdges.push({
            id: e.id,
            points: [
              { x: sp.x + (s.width ?? 0) / 2, y: sp.y + (s.height ?? 0) },
              { x: tp.x + (t.width ?? 0) / 2, y: tp.y },
            ],
          });
        } else {
          const [dx, dy] = key.split(',').map(Number);
          hitEdges.push({ id: e.id, points: dx === 0 && dy === 0 ? data.points : translatePoints(data.points, dx ?? 0, dy ?? 0) });
        }
      }
      cache = { edges: hitEdges, lanes: lanesNow() };
      return cache;
    };

    const inside = (drag: DragState): boolean => {
      const el = wrapper.current;
      if (el === null) return false;
      const r = el.getBoundingClientRect();
      return drag.clientX >= r.left && drag.clientX <= r.right && drag.clientY >= r.top && drag.clientY <= r.bottom;
    };

    const locate = (drag: DragState) => {
      const p = rf.screenToFlowPosition({ x: drag.clientX, y: drag.clientY }, { snapToGrid: false });
      const g = geometry();
      const max = EDGE_HIT_DISTANCE / Math.max(rf.getZoom(), 0.05);
      const edgeId = edgeAt(g.edges, p, max);
      const lane = edgeId === null ? laneAt(g.lanes, p) : null;
      return { edgeId, lane };
    };

    const onDrag = (): void => {
      const drag = getDrag();
      const el = wrapper.current;
      if (drag === null || !inside(drag)) {
        if (drag === null) cache = null;
        el?.classList.remove('is-drop-over');
        setDropTarget(null);
        return;
      }
      el?.classList.add('is-drop-over');
      const { edgeId, lane } = locate(drag);
      if (edgeId !== null) setDropTarget({ kind: 'edge', edgeId });
      else if (lane !== null) setDropTarget({ kind: 'lane', container: lane.container, lane: lane.lane });
      else setDropTarget({ kind: 'canvas' });
    };

    const onDrop = (drag: DragState): boolean => {
      if (!inside(drag)) return false;
      const { edgeId, lane } = locate(drag);
      cache = null;
      const template = findTemplate(drag.payload.id);
      const name = drag.payload.name !== '' ? drag.payload.name : (template?.name ?? 'State');
      const data = edgeId === null ? undefined : latest.current.base.edges.find((e) => e.id === edgeId)?.data;
      const edit = dropEdit(
        drag.payload.id,
        name,
        data === undefined ? null : { insert: data.insert, targetName: data.targetName },
        lane?.scope ?? '',
      );
      latest.current.onEdit(edit);
      return true;
    };

    const unsubscribe = subscribeDrag(onDrag);
    const unregister = registerDropHandler(onDrop);
    return () => {
      unsubscribe();
      unregister();
    };
  }, [rf, lanesNow]);

  // --- Clipboard. ------------------------------------------------------------------------
  // Ctrl+V straight after Ctrl+C must paste what was copied, so a paste waits for the copy.
  const copying = useRef<Promise<void>>(Promise.resolve());
  const copy = useCallback((pointers: string[], cut: boolean): void => {
    if (pointers.length === 0) return;
    const got = latest.current.copyStates(pointers).then((states) => {
      setClipboard(states);
      return states;
    });
    // Only Rust's answer is waited for: the system clipboard may never answer.
    copying.current = got.then(
      () => undefined,
      () => undefined,
    );
    void got.then(
      async (states) => {
        if (cut) latest.current.onEdit({ op: 'delete', pointers });
        try {
          await navigator.clipboard?.writeText(JSON.stringify(states, null, 2));
        } catch {
          // The system clipboard is a bonus; the canvas keeps its own copy.
        }
      },
      () => undefined,
    );
  }, []);

  const paste = useCallback(async (scope: string): Promise<void> => {
    await copying.current;
    let states = getClipboard();
    if (states === null) {
      try {
        const text = (await navigator.clipboard?.readText()) ?? '';
        states = parseStatesText(text);
      } catch {
        states = null;
      }
    }
    if (states !== null) latest.current.onEdit({ op: 'paste', scope, states });
  }, []);

  // --- Keyboard. -------------------------------------------------------------------------
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || isEditableTarget(e.target) || modalOpen()) return;
      const cur = latest.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const states = cur.selection.filter((p) => !isMarker(p));

      if (!mod && !e.altKey && (key === 'Delete' || key === 'Backspace')) {
        if (states.length > 0) {
          e.preventDefault();
          cur.onEdit({ op: 'delete', pointers: states });
          return;
        }
        const edits = [...cur.selectedEdges]
          .map((id) => cur.diagramEdges.get(id))
          .filter((x): x is DiagramEdge => x !== undefined)
          // Highest rule/catcher first, so the indices of the others stay right.
          .sort((a, b) => (b.rule ?? 0) - (a.rule ?? 0))
          .map(disconnectEdit)
          .filter((x): x is Edit => x !== null);
        if (edits.length > 0) {
          e.preventDefault();
          for (const edit of edits) cur.onEdit(edit);
          setSelectedEdges(new Set());
        }
        return;
      }
      if (mod && !e.altKey && !e.shiftKey) {
        switch (key) {
          case 'c':
          case 'x': {
            if (states.length === 0) return;
            // Leave a text selection (in a panel) to the browser.
            if ((window.getSelection()?.toString() ?? '') !== '') return;
            e.preventDefault();
            copy(states, key === 'x');
            return;
          }
          case 'v':
            e.preventDefault();
            void paste(pasteScope(cur.selection));
            return;
          case 'd':
            if (states.length === 0) return;
            e.preventDefault();
            cur.onEdit({ op: 'duplicate', pointers: states });
            return;
          case 'a':
            e.preventDefault();
            changeSelection(cur.view.diagram.nodes.filter((n) => !isMarker(n.id)).map((n) => n.id));
            return;
          case 'f':
            e.preventDefault();
            setFinding(true);
            return;
          default:
            return;
        }
      }
      if (!mod && !e.altKey && key === 'f') {
        e.preventDefault();
        fit();
        return;
      }
      if (key === 'F2' && states.length === 1 && states[0] !== undefined) {
        const rename = cur.menuActions?.rename;
        if (rename !== undefined) {
          e.preventDefault();
          rename(states[0]);
        }
        return;
      }
      if (key === 'Escape') {
        setFinding(false);
        if (cur.selection.length > 0 || cur.selectedEdges.size > 0) {
          changeSelection([]);
          setSelectedEdges(new Set());
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fit, changeSelection, copy, paste]);

  // --- Context menus. --------------------------------------------------------------------
  const openPaneMenu = useCallback(
    (e: { clientX: number; clientY: number; preventDefault: () => void }) => {
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false });
      const scope = laneAt(lanesNow(), p)?.scope ?? '';
      openMenu({
        x: e.clientX,
        y: e.clientY,
        label: 'Canvas',
        items: paneMenu({
          scope,
          edit: (edit) => latest.current.onEdit(edit),
          paste: (s) => void paste(s),
          selectAll: () => changeSelection(latest.current.view.diagram.nodes.filter((n) => !isMarker(n.id)).map((n) => n.id)),
          find: () => setFinding(true),
          fit: () => fit(),
          autoLayout,
        }),
      });
    },
    [rf, lanesNow, paste, changeSelection, fit, autoLayout],
  );

  const openStateMenu = useCallback(
    (e: { clientX: number; clientY: number; preventDefault: () => void }, pointer: string) => {
      const cur = latest.current;
      e.preventDefault();
      let sel = pendingSelection.current ?? cur.selection;
      if (!sel.includes(pointer)) {
        sel = [pointer];
        changeSelection(sel);
      }
      const scope = scopeOfState(pointer);
      const top = scope === '';
      const actions = cur.menuActions;
      const runFrom = actions?.runFrom;
      openMenu({
        x: e.clientX,
        y: e.clientY,
        label: `State ${stateNameOf(pointer)}`,
        items: stateMenu({
          pointer,
          kind: cur.kinds.get(pointer) ?? 'Task',
          selection: sel,
          siblings: cur.view.states.filter((r) => scopeOfState(r.pointer) === scope).map((r) => r.name),
          edit: (edit) => latest.current.onEdit(edit),
          copy: (pointers) => copy(pointers, false),
          rename: actions?.rename ?? null,
          breakpoint: cur.onToggleBreakpoint === undefined ? null : cur.breakpoints.has(stateNameOf(pointer)),
          toggleBreakpoint: (name) => latest.current.onToggleBreakpoint?.(name),
          runFrom: top && runFrom !== undefined ? runFrom : null,
        }),
      });
    },
    [changeSelection, copy],
  );

  const onNodeContextMenu = useCallback(
    (e: ReactMouseEvent, node: FlowNode) => {
      if (isMarker(node.id)) openPaneMenu(e);
      else openStateMenu(e, node.id);
    },
    [openPaneMenu, openStateMenu],
  );

  const onSelectionContextMenu = useCallback(
    (e: ReactMouseEvent, nodes: FlowNode[]) => {
      const first = nodes.find((n) => !isMarker(n.id));
      if (first === undefined) openPaneMenu(e);
      else openStateMenu(e, first.id);
    },
    [openPaneMenu, openStateMenu],
  );

  const onEdgeContextMenu = useCallback(
    (e: ReactMouseEvent, edge: FlowEdge) => {
      e.preventDefault();
      const diagramEdge = latest.current.diagramEdges.get(edge.id);
      if (diagramEdge === undefined || edge.data === undefined) return;
      setSelectedEdges(new Set([edge.id]));
      openMenu({
        x: e.clientX,
        y: e.clientY,
        label: 'Transition',
        items: edgeMenu({
          edge: diagramEdge,
          insert: edge.data.insert,
          targetName: edge.data.targetName,
          edit: (edit) => latest.current.onEdit(edit),
          select: (pointer) => changeSelection([pointer]),
        }),
      });
    },
    [changeSelection],
  );

  const onPaneClick = useCallback(() => setFinding(false), []);

  return (
    <div className={`sw-canvas${far ? ' is-far' : ''}${run !== null ? ' has-run' : ''}`} data-testid="canvas" data-run-shown={run !== null ? 'true' : undefined} ref={wrapper}>
      <ArrowDefs prefix={prefix} />
      <RunCanvasContext.Provider value={runContext}>
      <MarkerPrefix.Provider value={prefix}>
        <ReactFlow<FlowNode, FlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          onNodeDrag={onNodeDrag}
          onNodeDragStop={onNodeDragStop}
          onNodeContextMenu={onNodeContextMenu}
          onEdgeContextMenu={onEdgeContextMenu}
          onPaneContextMenu={openPaneMenu}
          onSelectionContextMenu={onSelectionContextMenu}
          onNodeClick={broken.onNodeClick}
          onEdgeClick={broken.onEdgeClick}
          onReconnectStart={broken.onReconnectStart}
          onReconnect={broken.onReconnect}
          onReconnectEnd={broken.onReconnectEnd}
          isValidConnection={isValidConnection}
          onPaneClick={onPaneClick}
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
              onZoomIn={() => {
                framedByHand();
                void rf.zoomIn({ duration: 150 });
              }}
              onZoomOut={() => {
                framedByHand();
                void rf.zoomOut({ duration: 150 });
              }}
              onAutoLayout={autoLayout}
              onFind={() => setFinding(true)}
              moved={overrides.size > 0}
              miniMap={miniMap}
              onToggleMiniMap={toggleMiniMap}
            />
          </Panel>
          {finding && (
            <Panel position="top-center">
              <FindState
                states={view.states}
                onPick={(pointer) => {
                  setFinding(false);
                  centerOn(pointer);
                }}
                onClose={() => setFinding(false)}
              />
            </Panel>
          )}
        </ReactFlow>
      </MarkerPrefix.Provider>
      </RunCanvasContext.Provider>
    </div>
  );
}
