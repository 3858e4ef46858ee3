import { useReactFlow } from '@xyflow/react';
import { useCallback, type RefObject } from 'react';
import type { FlowEdge, FlowNode } from '../convert';

/** Pans (keeping the zoom) so the state is in view, when it is not. */
export function useReveal(wrapper: RefObject<HTMLDivElement | null>): (pointer: string) => void {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  return useCallback(
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
    [rf, wrapper],
  );
}
