import { useCallback, useRef, type MutableRefObject } from 'react';

/**
 * A ref that always holds this render's value, for listeners and callbacks registered once
 * (window listeners, xyflow handlers) that must still see the latest props.
 */
export function useLatest<T>(value: T): MutableRefObject<T> {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

/** A callback whose identity never changes and which always calls this render's `fn`. */
export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useLatest(fn);
  return useCallback((...args: A) => latest.current(...args), [latest]);
}
