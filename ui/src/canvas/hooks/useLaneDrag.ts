import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { laneAt, moveIntoLaneEdit, type LaneHit } from '../actions';
import type { FlowEdge, FlowNode } from '../convert';
import { setDropTarget } from '../dnd';
import type { Edit } from '../types';

export interface LaneDrag {
  onNodeDrag: (event: unknown, node: FlowNode, dragged: FlowNode[]) => void;
  onNodeDragStop: (event: unknown, node: FlowNode, dragged: FlowNode[]) => void;
}

/**
 * Dragging one state into a branch or processor (or out of one) moves it there: the lane it
 * would land in is highlighted during the drag, and the drop sends a `MoveIntoBranch` edit.
 */
export function useLaneDrag(lanesNow: () => LaneHit[], forget: (id: string) => void, onEdit: (edit: Edit) => void): LaneDrag {
  const rf = useReactFlow<FlowNode, FlowEdge>();

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
      forget(node.id);
      onEdit(edit);
    },
    [laneUnder, forget, onEdit],
  );

  return { onNodeDrag, onNodeDragStop };
}
