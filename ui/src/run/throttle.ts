import { useEffect, useRef, useState } from 'react';

/**
 * `value`, changing at most once per `ms` (the latest value wins, at the end of the wait);
 * with `ms` 0 it follows at once. For panels that need not redraw on every frame of a run.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (ms === 0) {
      last.current = performance.now();
      setShown(value);
      return;
    }
    const wait = Math.max(0, last.current + ms - performance.now());
    const t = window.setTimeout(() => {
      last.current = performance.now();
      setShown(value);
    }, wait);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return ms === 0 ? value : shown;
}
