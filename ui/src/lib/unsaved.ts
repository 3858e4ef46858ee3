import { useCallback, useRef, useState } from 'react';

/** What the user was about to do when the document had unsaved edits. */
export type UnsavedReason = 'close' | 'new' | 'open' | 'example';

/** The user's answer: save first, go on without saving, or stay. */
export type UnsavedChoice = 'save' | 'discard' | 'cancel';

export interface UnsavedQuestion {
  reason: UnsavedReason;
  fileName: string;
}

/** How the question ends a sentence: "... if you {consequence} without saving." */
export const UNSAVED_CONSEQUENCE: Record<UnsavedReason, string> = {
  close: 'close the window',
  new: 'start a new state machine',
  open: 'open another file',
  example: 'open the example',
};

/**
 * The Save / Don't save / Cancel question, as a promise: `ask` shows it and resolves with the
 * answer; a second `ask` while one is open answers `cancel` at once (a repeated Ctrl+N must not
 * stack dialogs).
 */
export function useUnsavedQuestion(): {
  question: UnsavedQuestion | null;
  ask: (q: UnsavedQuestion) => Promise<UnsavedChoice>;
  answer: (choice: UnsavedChoice) => void;
} {
  const [question, setQuestion] = useState<UnsavedQuestion | null>(null);
  const pending = useRef<((choice: UnsavedChoice) => void) | null>(null);
  const ask = useCallback((q: UnsavedQuestion): Promise<UnsavedChoice> => {
    if (pending.current !== null) return Promise.resolve('cancel');
    return new Promise((resolve) => {
      pending.current = resolve;
      setQuestion(q);
    });
  }, []);
  const answer = useCallback((choice: UnsavedChoice) => {
    const resolve = pending.current;
    pending.current = null;
    setQuestion(null);
    resolve?.(choice);
  }, []);
  return { question, ask, answer };
}
