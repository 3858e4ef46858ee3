import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import type { LaneHit } from '../actions';
import type { FlowEdge, FlowNode } from '../convert';
import { useLatest } from './useLatest';

/**
 * The lanes of Parallel and Map containers as drawn now: every lane in absolute flow
 * coordinates (outer before inner), with the scope it holds. Read when a drag or a menu needs
 * them, since containers move as they are dragged.
 */
export function useLanes(nodes: ReadonlyArray<FlowNode>): () => LaneHit[] {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const latest = useLatest(nodes);
  return useCallback((): LaneHit[] => {
    const lanes: LaneHit[] = [];
    for (const n of latest.current) {
      if (n.data.lanes.length === 0) continue;
      const at = rf.getInternalNode(n.id)?.internals.positionAbsolute ?? n.position;
      n.data.lanes.forEach((l, i) => {
        lanes.push({ container: n.id, lane: i, scope: l.scope, rect: { x: at.x + l.x, y: at.y + l.y, width: l.width, height: l.height } });
      });
    }
    return lanes;
  }, [rf, latest]);
}
