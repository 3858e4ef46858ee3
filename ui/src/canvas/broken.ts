/**
 * What the canvas does with broken transitions (edges into a missing-state placeholder):
 * clicking the placeholder or the edge selects the state whose transition is broken and asks
 * the inspector to show that field; dragging the edge's end onto a state re-connects it.
 */
import type { Connection, FinalConnectionState, HandleType } from '@xyflow/react';
import { useMemo, useRef, type MouseEvent as ReactMouseEvent, type MutableRefObject } from 'react';
import { revealField } from '../lib/reveal';
import { canConnect } from './actions';
import type { BrokenTransition, FlowEdge, FlowNode } from './convert';
import { START_ID, isMarker, isMissing, stateNameOf } from './pointers';
import type { Edit, NodeKind } from './types';

/** The edit that points a broken transition at `target` (a state pointer); `null` when it cannot. */
export function reconnectEdit(broken: BrokenTransition, target: string, sourceKind: NodeKind | undefined): Edit | null {
  if (isMarker(target)) return null;
  const from = broken.slot.kind === 'start' ? START_ID : broken.source;
  if (!canConnect(from, target, sourceKind)) return null;
  return { op: 'connect', source: broken.source, slot: broken.slot, target: stateNameOf(target) };
}

/** The first broken transition into a placeholder. */
export function brokenInto(edges: ReadonlyArray<FlowEdge>, missingId: string): BrokenTransition | null {
  for (const e of edges) {
    if (e.target === missingId && e.data?.broken != null) return e.data.broken;
  }
  return null;
}

export interface BrokenHandlers {
  onNodeClick: (event: ReactMouseEvent, node: FlowNode) => void;
  onEdgeClick: (event: ReactMouseEvent, edge: FlowEdge) => void;
  onReconnectStart: () => void;
  onReconnect: (edge: FlowEdge, connection: Connection) => void;
  onReconnectEnd: (event: MouseEvent | TouchEvent, edge: FlowEdge, handleType: HandleType, state: FinalConnectionState) => void;
  /**
   * True while an edge's end is dragged. xyflow also calls the canvas's `onConnectEnd` when a
   * re-connection ends (before `onReconnectEnd`), which must then not add a transition too.
   */
  reconnecting: MutableRefObject<boolean>;
}

/** While an edge's end is dragged, the drag selects no text on the page. */
const DRAGGING_CLASS = 'sw-reconnecting';

function dragging(on: boolean): void {
  document.body.classList.toggle(DRAGGING_CLASS, on);
  window.getSelection()?.removeAllRanges();
}

interface Deps {
  /** The canvas's current edges and node kinds (read when an event comes). */
  current: () => { edges: ReadonlyArray<FlowEdge>; kinds: ReadonlyMap<string, NodeKind> };
  select: (pointers: string[]) => void;
  edit: (edit: Edit) => void;
}

export function useBrokenTransitions({ current, select, edit }: Deps): BrokenHandlers {
  const reconnecting = useRef(false);
  return useMemo(() => {
    const show = (b: BrokenTransition): void => {
      // A broken StartAt belongs to the machine (or branch): the machine settings show it.
      select(b.slot.kind === 'start' ? [] : [b.source]);
      revealField(b.field);
    };
    const reconnect = (b: BrokenTransition, target: string | null | undefined): void => {
      if (target === null || target === undefined) return;
      const e = reconnectEdit(b, target, current().kinds.get(b.source));
      if (e !== null) edit(e);
    };
    return {
      onNodeClick: (_event, node) => {
        if (!isMissing(node.id)) return;
        const b = brokenInto(current().edges, node.id);
        if (b !== null) show(b);
      },
      onEdgeClick: (_event, edge) => {
        const b = edge.data?.broken;
        if (b != null) show(b);
      },
      onReconnectStart: () => {
        reconnecting.current = true;
        dragging(true);
      },
      onReconnect: (edge, connection) => {
        const b = edge.data?.broken;
        if (b != null) reconnect(b, connection.target);
      },
      onReconnectEnd: (event, edge, _handleType, state) => {
        reconnecting.current = false;
        dragging(false);
        // Released over a state's body rather than its handle: connect to that state.
        const b = edge.data?.broken;
        if (b == null || state.isValid === true) return;
        const at = 'changedTouches' in event ? event.changedTouches[0] : event;
        if (at === undefined) return;
        const hit = document.elementFromPoint(at.clientX, at.clientY)?.closest('.react-flow__node');
        reconnect(b, hit?.getAttribute('data-id'));
      },
      reconnecting,
    };
  }, [current, select, edit]);
}
