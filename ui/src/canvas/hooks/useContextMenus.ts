import { useReactFlow } from '@xyflow/react';
import { useCallback, type MouseEvent as ReactMouseEvent } from 'react';
import { openMenu } from '../../menu/store';
import { laneAt, type LaneHit } from '../actions';
import type { FlowEdge, FlowNode } from '../convert';
import { edgeMenu, paneMenu, stateMenu } from '../menus';
import { isMarker, scopeOfState, stateNameOf } from '../pointers';
import type { CanvasStateRow, DiagramEdge, Edit, NodeKind } from '../types';
import { useLatest } from './useLatest';

/** What a right-click may need: an event with a position whose default menu can be stopped. */
type MenuEvent = { clientX: number; clientY: number; preventDefault: () => void };

export interface MenuSources {
  kinds: ReadonlyMap<string, NodeKind>;
  diagramEdges: ReadonlyMap<string, DiagramEdge>;
  states: ReadonlyArray<CanvasStateRow>;
  breakpoints: ReadonlySet<string>;
  onToggleBreakpoint: ((state: string) => void) | undefined;
  rename: ((pointer: string) => void) | undefined;
  runFrom: ((name: string) => void) | null | undefined;
  onEdit: (edit: Edit) => void;
  lanesNow: () => LaneHit[];
  currentSelection: () => string[];
  changeSelection: (next: string[]) => void;
  selectAll: () => void;
  selectOnlyEdge: (id: string) => void;
  copy: (pointers: string[], cut: boolean) => void;
  paste: (scope: string) => Promise<void>;
  openFind: () => void;
  fit: () => void;
  autoLayout: () => void;
}

export interface ContextMenus {
  onPaneContextMenu: (e: MenuEvent) => void;
  onNodeContextMenu: (e: ReactMouseEvent, node: FlowNode) => void;
  onSelectionContextMenu: (e: ReactMouseEvent, nodes: FlowNode[]) => void;
  onEdgeContextMenu: (e: ReactMouseEvent, edge: FlowEdge) => void;
}

/**
 * The canvas's right-click menus (their items are menus.ts's): the pane's (in the lane under
 * the pointer), a state's (on the selection when the state is in it, else on that state), and
 * a transition's. The Start and End markers open the pane's.
 */
export function useContextMenus(sources: MenuSources): ContextMenus {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const latest = useLatest(sources);

  const onPaneContextMenu = useCallback(
    (e: MenuEvent) => {
      const cur = latest.current;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false });
      const scope = laneAt(cur.lanesNow(), p)?.scope ?? '';
      openMenu({
        x: e.clientX,
        y: e.clientY,
        label: 'Canvas',
        items: paneMenu({
          scope,
          edit: (edit) => latest.current.onEdit(edit),
          paste: (s) => void cur.paste(s),
          selectAll: cur.selectAll,
          find: cur.openFind,
          fit: () => cur.fit(),
          autoLayout: cur.autoLayout,
        }),
      });
    },
    [rf, latest],
  );

  const openStateMenu = useCallback(
    (e: MenuEvent, pointer: string) => {
      const cur = latest.current;
      e.preventDefault();
      let sel = cur.currentSelection();
      if (!sel.includes(pointer)) {
        sel = [pointer];
        cur.changeSelection(sel);
      }
      const scope = scopeOfState(pointer);
      const top = scope === '';
      openMenu({
        x: e.clientX,
        y: e.clientY,
        label: `State ${stateNameOf(pointer)}`,
        items: stateMenu({
          pointer,
          kind: cur.kinds.get(pointer) ?? 'Task',
          selection: sel,
          siblings: cur.states.filter((r) => scopeOfState(r.pointer) === scope).map((r) => r.name),
          edit: (edit) => latest.current.onEdit(edit),
          copy: (pointers) => cur.copy(pointers, false),
          rename: cur.rename ?? null,
          breakpoint: cur.onToggleBreakpoint === undefined ? null : cur.breakpoints.has(stateNameOf(pointer)),
          toggleBreakpoint: (name) => latest.current.onToggleBreakpoint?.(name),
          runFrom: top && cur.runFrom !== undefined ? cur.runFrom : null,
        }),
      });
    },
    [latest],
  );

  const onNodeContextMenu = useCallback(
    (e: ReactMouseEvent, node: FlowNode) => {
      if (isMarker(node.id)) onPaneContextMenu(e);
      else openStateMenu(e, node.id);
    },
    [onPaneContextMenu, openStateMenu],
  );

  const onSelectionContextMenu = useCallback(
    (e: ReactMouseEvent, nodes: FlowNode[]) => {
      const first = nodes.find((n) => !isMarker(n.id));
      if (first === undefined) onPaneContextMenu(e);
      else openStateMenu(e, first.id);
    },
    [onPaneContextMenu, openStateMenu],
  );

  const onEdgeContextMenu = useCallback(
    (e: ReactMouseEvent, edge: FlowEdge) => {
      const cur = latest.current;
      e.preventDefault();
      const diagramEdge = cur.diagramEdges.get(edge.id);
      if (diagramEdge === undefined || edge.data === undefined) return;
      cur.selectOnlyEdge(edge.id);
      openMenu({
        x: e.clientX,
        y: e.clientY,
        label: 'Transition',
        items: edgeMenu({
          edge: diagramEdge,
          insert: edge.data.insert,
          targetName: edge.data.targetName,
          edit: (edit) => latest.current.onEdit(edit),
          select: (pointer) => cur.changeSelection([pointer]),
        }),
      });
    },
    [latest],
  );

  return { onPaneContextMenu, onNodeContextMenu, onSelectionContextMenu, onEdgeContextMenu };
}
