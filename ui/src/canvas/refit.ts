import { useCallback, useEffect, useRef, type MutableRefObject, type RefObject } from 'react';
import type { Viewport } from '@xyflow/react';

export interface Size {
  width: number;
  height: number;
}

/**
 * What the canvas does when its area changes size:
 * - while the view still shows the fitted diagram (the user has not panned or zoomed), it fits
 *   again, so the whole machine stays in view as panels open, close or are dragged;
 * - after the user framed something by hand, that frame is theirs: the view keeps its middle
 *   where it was (what they looked at stays in front of them) instead of its top-left corner;
 * - unless the area changed a lot since they framed it (a side grew or shrank by more than
 *   `BIG_CHANGE`, e.g. the window maximised or restored): their frame no longer means much,
 *   and the diagram is fitted again.
 */
export type ResizeAction = { kind: 'fit' } | { kind: 'recenter'; dx: number; dy: number } | { kind: 'none' };

/** A side changing by more than this share of its size is a big change. */
export const BIG_CHANGE = 0.35;
/** Fits wait until the area has stopped changing this long (a splitter drag, a window resize). */
export const FIT_DEBOUNCE_MS = 120;

export function resizeAction(fitted: boolean, framedAt: Size, before: Size, now: Size): ResizeAction {
  if (now.width === 0 || now.height === 0) return { kind: 'none' };
  if (fitted) return { kind: 'fit' };
  const changed = (a: number, b: number): boolean => a > 0 && Math.abs(b - a) / a > BIG_CHANGE;
  if (changed(framedAt.width, now.width) || changed(framedAt.height, now.height)) return { kind: 'fit' };
  const dx = (now.width - before.width) / 2;
  const dy = (now.height - before.height) / 2;
  return dx === 0 && dy === 0 ? { kind: 'none' } : { kind: 'recenter', dx, dy };
}

interface ViewportApi {
  getViewport: () => Viewport;
  setViewport: (v: Viewport) => unknown;
}

/**
 * Follows the canvas element's size (ResizeObserver) and fits or recenters the view as
 * `resizeAction` says. `fitted` is the canvas's flag: true after a fit, false once the user
 * moves the view; call the returned `userMoved` when they do, so the frame's size is known.
 */
export function useRefitOnResize(
  element: RefObject<HTMLElement | null>,
  fitted: MutableRefObject<boolean>,
  fit: (animate?: boolean) => void,
  viewport: ViewportApi,
): { userMoved: () => void } {
  const size = useRef<Size>({ width: 0, height: 0 });
  const framedAt = useRef<Size>({ width: 0, height: 0 });
  const latest = useRef({ fit, viewport });
  latest.current = { fit, viewport };

  useEffect(() => {
    const el = element.current;
    if (el === null || typeof ResizeObserver === 'undefined') return;
    size.current = { width: el.clientWidth, height: el.clientHeight };
    framedAt.current = size.current;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      const before = size.current;
      const now = { width: el.clientWidth, height: el.clientHeight };
      if (now.width === before.width && now.height === before.height) return;
      size.current = now;
      const action = resizeAction(fitted.current, framedAt.current, before, now);
      if (action.kind === 'recenter') {
        const v = latest.current.viewport.getViewport();
        latest.current.viewport.setViewport({ x: v.x + action.dx, y: v.y + action.dy, zoom: v.zoom });
      } else if (action.kind === 'fit') {
        clearTimeout(timer);
        timer = setTimeout(() => {
          framedAt.current = size.current;
          latest.current.fit(false);
        }, FIT_DEBOUNCE_MS);
      }
    });
    observer.observe(el);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [element, fitted]);

  const userMoved = useCallback(() => {
    framedAt.current = size.current;
  }, []);
  return { userMoved };
}
