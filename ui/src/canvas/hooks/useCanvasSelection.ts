import { useCallback, useEffect, useRef } from 'react';
import { isMarker } from '../pointers';
import type { Diagram } from '../types';
import { useLatest } from './useLatest';

export interface CanvasSelection {
  /** Asks the App for this selection (nothing when it is the one already asked for). */
  changeSelection: (next: string[]) => void;
  /** The selection as the canvas last asked for it, before the App passes it back down. */
  currentSelection: () => string[];
  /** Every state of the diagram (not the Start/End markers). */
  selectAll: () => void;
}

export function sameList(a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The state selection is the App's: the canvas asks for changes and gets the new selection
 * back as a prop. Between the two, the selection asked for is the current one (xyflow sends
 * several select changes in a row). A selection made elsewhere (the problems list, the
 * inspector) of one state brings it into view; one the canvas made itself does not move it.
 */
export function useCanvasSelection(
  selection: string[],
  onSelectionChange: (pointers: string[]) => void,
  diagram: Diagram,
  reveal: (pointer: string) => void,
): CanvasSelection {
  const latest = useLatest({ selection, onSelectionChange, diagram });
  /** The selection asked for but not yet passed back down. */
  const pending = useRef<string[] | null>(null);
  /** The last selection the canvas itself asked for. */
  const own = useRef<string[] | null>(null);

  const changeSelection = useCallback(
    (next: string[]) => {
      const current = pending.current ?? latest.current.selection;
      if (sameList(current, next)) return;
      pending.current = next;
      own.current = next;
      latest.current.onSelectionChange(next);
    },
    [latest],
  );
  const currentSelection = useCallback(() => pending.current ?? latest.current.selection, [latest]);
  const selectAll = useCallback(
    () => changeSelection(latest.current.diagram.nodes.filter((n) => !isMarker(n.id)).map((n) => n.id)),
    [changeSelection, latest],
  );

  useEffect(() => {
    pending.current = null;
    const mine = own.current;
    own.current = null;
    if (mine !== null && sameList(mine, selection)) return;
    const only = selection.length === 1 ? selection[0] : undefined;
    if (only !== undefined) reveal(only);
  }, [selection, reveal]);

  return { changeSelection, currentSelection, selectAll };
}
