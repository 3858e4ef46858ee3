/**
 * "Show me the field": a request, from the canvas or the problems list, that the inspector
 * scroll to the field a JSON Pointer names and flash it. A tiny event hub, because the asker
 * (a click on a broken edge) and the inspector do not share a parent that owns this state.
 */

type Listener = (pointer: string) => void;

const listeners = new Set<Listener>();

/** Asks whoever shows fields to bring the one at `pointer` (or its nearest parent) into view. */
export function revealField(pointer: string): void {
  for (const listener of [...listeners]) listener(pointer);
}

/** Listens for reveal requests; returns the function that stops listening. */
export function onRevealField(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
