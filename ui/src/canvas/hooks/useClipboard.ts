import { useCallback, useRef } from 'react';
import { getClipboard, parseStatesText, setClipboard } from '../actions';
import type { Edit } from '../types';
import { useLatest } from './useLatest';

export interface CanvasClipboard {
  /** Copies the states (and deletes them when `cut`): to the canvas's clipboard and the system's. */
  copy: (pointers: string[], cut: boolean) => void;
  /** Pastes into the scope what was copied last, or states as JSON from the system clipboard. */
  paste: (scope: string) => Promise<void>;
}

/** Copy, cut and paste of states; Rust gives the states' definitions (`copyStates`). */
export function useClipboard(
  copyStates: (pointers: string[]) => Promise<Record<string, unknown>>,
  onEdit: (edit: Edit) => void,
): CanvasClipboard {
  const latest = useLatest({ copyStates, onEdit });
  // Ctrl+V straight after Ctrl+C must paste what was copied, so a paste waits for the copy.
  const copying = useRef<Promise<void>>(Promise.resolve());

  const copy = useCallback(
    (pointers: string[], cut: boolean): void => {
      if (pointers.length === 0) return;
      const got = latest.current.copyStates(pointers).then((states) => {
        setClipboard(states);
        return states;
      });
      // Only Rust's answer is waited for: the system clipboard may never answer.
      copying.current = got.then(
        () => undefined,
        () => undefined,
      );
      void got.then(
        async (states) => {
          if (cut) latest.current.onEdit({ op: 'delete', pointers });
          try {
            await navigator.clipboard?.writeText(JSON.stringify(states, null, 2));
          } catch {
            // The system clipboard is a bonus; the canvas keeps its own copy.
          }
        },
        () => undefined,
      );
    },
    [latest],
  );

  const paste = useCallback(
    async (scope: string): Promise<void> => {
      await copying.current;
      let states = getClipboard();
      if (states === null) {
        try {
          const text = (await navigator.clipboard?.readText()) ?? '';
          states = parseStatesText(text);
        } catch {
          states = null;
        }
      }
      if (states !== null) latest.current.onEdit({ op: 'paste', scope, states });
    },
    [latest],
  );

  return { copy, paste };
}
