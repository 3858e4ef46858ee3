import { useCallback, useEffect, useState } from 'react';
import type { XYPosition } from '@xyflow/react';

export interface PositionOverrides {
  /** Where the user dragged states, by pointer; the layout's position for the others. */
  overrides: ReadonlyMap<string, XYPosition>;
  move: (moved: ReadonlyArray<readonly [string, XYPosition]>) => void;
  /** The layout places this state again (it moved to another scope). */
  forget: (id: string) => void;
  /** Every state goes back to the layout's position (Auto-layout). */
  clear: () => void;
}

/**
 * Node positions the user drags: UI-only, never sent to Rust. Positions of states that are
 * gone (`kinds` no longer has them) are forgotten.
 */
export function usePositionOverrides(kinds: ReadonlyMap<string, unknown>): PositionOverrides {
  const [overrides, setOverrides] = useState<ReadonlyMap<string, XYPosition>>(() => new Map());

  useEffect(() => {
    setOverrides((prev) => {
      if ([...prev.keys()].every((k) => kinds.has(k))) return prev;
      return new Map([...prev].filter(([k]) => kinds.has(k)));
    });
  }, [kinds]);

  const move = useCallback((moved: ReadonlyArray<readonly [string, XYPosition]>) => {
    setOverrides((prev) => {
      const next = new Map(prev);
      for (const [id, p] of moved) next.set(id, p);
      return next;
    });
  }, []);
  const forget = useCallback((id: string) => {
    setOverrides((prev) => {
      const next = new Map(prev);
      next.delete(id);
      return next;
    });
  }, []);
  const clear = useCallback(() => setOverrides(new Map()), []);
  return { overrides, move, forget, clear };
}
