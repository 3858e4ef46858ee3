import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { FlowEdge, FlowNode } from '../convert';
import { fitViewport, unionRect } from '../geometry';
import { useRefitOnResize } from '../refit';
import type { Diagram } from '../types';
import { useLatest } from './useLatest';

/** Room at the top for the canvas toolbar, so fitting never puts Start under it. */
const FIT_INSETS = { top: 60, right: 28, bottom: 28, left: 28 };
export const MIN_ZOOM = 0.02;
const FIT_MAX_ZOOM = 1.25;

export interface FitView {
  /** Fits the whole drawing (animated unless `animate` is false). */
  fit: (animate?: boolean) => void;
  /** For xyflow's `onMoveStart`: a move the user started frames the view by hand. */
  onMoveStart: (event: MouseEvent | TouchEvent | null) => void;
  zoomIn: () => void;
  zoomOut: () => void;
}

/**
 * The viewport: fitting the diagram, refitting as the canvas changes size until the user pans
 * or zooms (see refit.ts), and fitting again each time `fitSignal` changes (not on mount: the
 * first fit is xyflow's `onInit`).
 */
export function useFitView(wrapper: RefObject<HTMLDivElement | null>, diagram: Diagram, fitSignal: number): FitView {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const latest = useLatest(diagram);
  // Until the user pans or zooms, the view keeps fitting the diagram as the canvas changes size.
  const fitted = useRef(true);

  /**
   * The diagram's own bounds (edges routed around the side and their labels included, which
   * xyflow's fitView, counting nodes only, would cut off), and any state dragged beyond them.
   */
  const fit = useCallback(
    (animate = true) => {
      fitted.current = true;
      const el = wrapper.current;
      if (el === null || el.clientWidth === 0 || el.clientHeight === 0) return;
      const d = latest.current;
      let bounds = { x: 0, y: 0, width: d.width, height: d.height };
      const nodes = rf.getNodes();
      if (nodes.length > 0) bounds = unionRect(bounds, rf.getNodesBounds(nodes));
      const v = fitViewport(bounds, el.clientWidth, el.clientHeight, FIT_INSETS, MIN_ZOOM, FIT_MAX_ZOOM);
      void rf.setViewport(v, animate ? { duration: 200 } : undefined);
    },
    [rf, wrapper, latest],
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
  const zoomIn = useCallback(() => {
    framedByHand();
    void rf.zoomIn({ duration: 150 });
  }, [framedByHand, rf]);
  const zoomOut = useCallback(() => {
    framedByHand();
    void rf.zoomOut({ duration: 150 });
  }, [framedByHand, rf]);

  const firstSignal = useRef(true);
  useEffect(() => {
    if (firstSignal.current) {
      firstSignal.current = false;
      return;
    }
    fit();
  }, [fitSignal, fit]);

  return { fit, onMoveStart, zoomIn, zoomOut };
}
