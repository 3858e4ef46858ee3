import { useReactFlow } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { findTemplate } from '../../palette/templates';
import { dropEdit, laneAt, type LaneHit } from '../actions';
import type { FlowEdge, FlowNode } from '../convert';
import { getDrag, registerDropHandler, setDropTarget, subscribeDrag, type DragState } from '../dnd';
import { offsetKey } from '../edges';
import { EDGE_HIT_DISTANCE, edgeAt, translatePoints, type HitEdge } from '../geometry';
import type { Edit } from '../types';
import { useLatest } from './useLatest';

/**
 * A state dragged from the palette (see dnd.ts) and dropped on the canvas: on a transition it
 * is inserted there, in a lane it is added to that branch or processor, elsewhere to the top
 * level. While it is dragged over the canvas, the drop target is shown.
 */
export function usePaletteDrop(
  wrapper: RefObject<HTMLDivElement | null>,
  edges: ReadonlyArray<FlowEdge>,
  lanesNow: () => LaneHit[],
  onEdit: (edit: Edit) => void,
): void {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const latest = useLatest({ edges, onEdit });

  useEffect(() => {
    // Computed once per drag: nothing on the canvas moves while a palette item is dragged.
    let cache: { edges: HitEdge[]; lanes: LaneHit[] } | null = null;

    /** Edges (as drawn now) a state can be dropped on, and the lanes, in flow coordinates. */
    const geometry = (): { edges: HitEdge[]; lanes: LaneHit[] } => {
      if (cache !== null) return cache;
      const hitEdges: HitEdge[] = [];
      for (const e of latest.current.edges) {
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
      const data = edgeId === null ? undefined : latest.current.edges.find((e) => e.id === edgeId)?.data;
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
  }, [rf, lanesNow, wrapper, latest]);
}
