/**
 * The sample each state is previewed on (the data-flow preview's input, mocked task result and
 * variables), kept per state pointer for the session and shared: the expression editors show
 * their field's value on the same sample, and follow it as it is edited.
 */
import { useSyncExternalStore } from 'react';

export interface PreviewDraft {
  input: string;
  fails: boolean;
  result: string;
  error: string;
  cause: string;
  variables: string;
}

export const EMPTY_DRAFT: PreviewDraft = { input: '{}', fails: false, result: '{}', error: 'States.TaskFailed', cause: '', variables: '' };

const drafts = new Map<string, PreviewDraft>();
const listeners = new Set<() => void>();

export function sampleFor(pointer: string): PreviewDraft {
  return drafts.get(pointer) ?? EMPTY_DRAFT;
}

export function setSample(pointer: string, draft: PreviewDraft): void {
  drafts.set(pointer, draft);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The state's sample, re-rendering when it changes. */
export function useSample(pointer: string): PreviewDraft {
  return useSyncExternalStore(subscribe, () => sampleFor(pointer));
}
