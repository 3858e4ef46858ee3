/**
 * Reading a run event's `kind` (classified from AWS's type in Rust, `src-tauri/src/run/kind.rs`):
 * what the fold and the event table ask of it. Each question is an exhaustive switch, so a new
 * kind fails the TypeScript compiler here until it is answered.
 */
import type { EventKind } from '../bindings/EventKind';

/** How an event ended what it is about, for the table's tone and its Errors group. */
export type Outcome = 'succeeded' | 'failed' | 'aborted' | null;

export function outcomeOf(k: EventKind): Outcome {
  switch (k.is) {
    case 'execution':
      return k.phase === 'succeeded' ? 'succeeded' : k.phase === 'failed' || k.phase === 'timedOut' ? 'failed' : k.phase === 'aborted' ? 'aborted' : null;
    case 'task':
      switch (k.phase) {
        case 'succeeded':
          return 'succeeded';
        case 'failed':
        case 'timedOut':
        case 'scheduleFailed':
        case 'startFailed':
        case 'submitFailed':
          return 'failed';
        case 'scheduled':
        case 'started':
        case 'submitted':
          return null;
      }
      return null;
    case 'map':
    case 'parallel':
    case 'iteration':
    case 'mapRun':
      return k.phase === 'started' || k.phase === 'redriven' ? null : k.phase;
    case 'stateAborted':
      return 'aborted';
    case 'evaluationFailed':
      return 'failed';
    case 'stateEntered':
    case 'stateExited':
    case 'other':
      return null;
  }
}

/**
 * A failure of the state itself: its task, its Map or Parallel, its Map Run or an expression
 * failed (or timed out). Not a Map item's or an execution's end.
 */
export function isStateFailure(k: EventKind): boolean {
  switch (k.is) {
    case 'task':
    case 'map':
    case 'parallel':
    case 'mapRun':
    case 'evaluationFailed':
      return outcomeOf(k) === 'failed';
    case 'execution':
    case 'iteration':
    case 'stateEntered':
    case 'stateExited':
    case 'stateAborted':
    case 'other':
      return false;
  }
}

/** A state, its Map or Parallel, or its Map Run was stopped. */
export function isStateAbort(k: EventKind): boolean {
  switch (k.is) {
    case 'stateAborted':
      return true;
    case 'map':
    case 'parallel':
    case 'mapRun':
      return k.phase === 'aborted';
    case 'execution':
    case 'iteration':
    case 'task':
    case 'stateEntered':
    case 'stateExited':
    case 'evaluationFailed':
    case 'other':
      return false;
  }
}

/** The event is about a Task state's work (the table's Tasks group). */
export function isTaskEvent(k: EventKind): boolean {
  return k.is === 'task' || (k.is === 'stateAborted' && k.stateType === 'Task');
}

/** The event is about a Map or a Parallel state (the table's Map & Parallel group). */
export function isFlowEvent(k: EventKind): boolean {
  switch (k.is) {
    case 'map':
    case 'parallel':
    case 'iteration':
    case 'mapRun':
      return true;
    case 'stateEntered':
    case 'stateExited':
    case 'stateAborted':
      return k.stateType === 'Map' || k.stateType === 'Parallel';
    case 'execution':
    case 'task':
    case 'evaluationFailed':
    case 'other':
      return false;
  }
}
