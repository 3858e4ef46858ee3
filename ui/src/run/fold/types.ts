/**
 * What the run fold hands out (`FoldSnapshot` and its parts) and the keys it files things
 * under: scopes, iteration paths, transitions.
 */
import type { IterationRef } from '../../bindings/IterationRef';
import type { RunEvent } from '../../bindings/RunEvent';
import type { StageValue } from '../../bindings/StageValue';
import type { StateType } from '../../bindings/StateType';

export type VisitStatus = 'running' | 'succeeded' | 'failed' | 'caught' | 'aborted';
/** What a state node shows: a visit status, or that the run never got there. */
export type StateStatus = VisitStatus | 'not-reached';
export type ExecutionStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'timedOut' | 'aborted';
export type BranchStatus = 'running' | 'succeeded' | 'failed' | 'aborted';

export type AttemptStatus = 'running' | 'succeeded' | 'failed' | 'aborted';

/** One try of a retried state: from its first event (the entered event for the first try,
 * the next `TaskScheduled` for a retry) to its failure or the state's exit. */
export interface Attempt {
  /** 1 for the first try. */
  number: number;
  startMs: number;
  endMs: number | null;
  status: AttemptStatus;
  error: string | null;
  cause: string | null;
  /** The processing stages of this try (each failure and exit event carries its try's). */
  stages: StageValue[];
  /** Indexes (into the run's event list) of this try's events, the state's own
   * entered and exited events left out. */
  events: number[];
}

/** One time a state was entered: in a loop, a retry counts in the same visit; a Map item
 * or Parallel branch gets its own visits. */
export interface Visit {
  /** Position in `FoldSnapshot.visits`. */
  seq: number;
  state: string;
  /** `Task`, `Choice`, `Map`, ...: the entered event's state type. */
  kind: StateType;
  enteredId: number;
  scope: string;
  iterations: IterationRef[];
  branch: number | null;
  parent: number | null;
  child: boolean;
  startMs: number;
  endMs: number | null;
  status: VisitStatus;
  retries: number;
  input: string | null;
  output: string | null;
  stages: StageValue[];
  error: string | null;
  cause: string | null;
  /** Indexes (into the run's event list) of this visit's events. */
  events: number[];
  /** The transition that led here; `null` at the start of a branch or iteration. */
  via: string | null;
  /** Each try, once a retrier ran the state again; `null` while it has had one try. */
  attempts: Attempt[] | null;
}

/** A state's visits summed up, for its node. A new object whenever anything in it changes. */
export interface StateRunView {
  name: string;
  status: VisitStatus;
  visits: number;
  running: number;
  succeeded: number;
  failed: number;
  caught: number;
  aborted: number;
  retries: number;
  /** The error of its latest failed or caught visit (`null` when none failed). */
  error: string | null;
  cause: string | null;
}

export interface Transition {
  key: string;
  /** `null`: the start of the machine. */
  from: string | null;
  /** `null`: the end of the machine. */
  to: string | null;
  viaCatch: boolean;
  /** For a Catch: the error caught (the latest time), to tell which catcher took it. */
  error: string | null;
  count: number;
  /** Order of the latest time it was taken. */
  seq: number;
}

export interface MapProgress {
  name: string;
  /** Items to process: the sum of the `MapStateStarted` lengths (every visit of the Map). */
  length: number;
  started: number;
  succeeded: number;
  failed: number;
  aborted: number;
}

export interface IterationRecord {
  map: string;
  index: number;
  /** Key of the iteration path, this iteration included. */
  path: string;
  status: BranchStatus;
  startMs: number;
  endMs: number | null;
}

export interface ExecutionView {
  status: ExecutionStatus;
  input: string | null;
  output: string | null;
  error: string | null;
  cause: string | null;
  endMs: number | null;
  /** How many times the run was redriven. */
  redriven: number;
}

/** Where a failed (or timed-out) run failed: the state that raised the error, inside the
 * Parallel or Map states it went up through. */
export interface RunFailure {
  state: string;
  /** That state's visit (`FoldSnapshot.visits[seq]`). */
  seq: number;
  /** The state's own error and cause (the run's may differ: a Map's tolerated-failure
   * threshold, a timeout). */
  error: string | null;
  cause: string | null;
  /** The Parallel and Map states the error went up through, outermost first. */
  through: string[];
}

export interface FoldSnapshot {
  /** Grows with every change; mutable parts (`visits`) are fresh when it changed. */
  version: number;
  /** Events folded so far. */
  applied: number;
  states: ReadonlyMap<string, StateRunView>;
  transitions: ReadonlyMap<string, Transition>;
  lastTransition: string | null;
  /** Transitions into visits running now: the edges that glow. */
  active: ReadonlySet<string>;
  maps: ReadonlyMap<string, MapProgress>;
  iterations: ReadonlyMap<string, readonly IterationRecord[]>;
  branches: ReadonlyMap<string, readonly BranchStatus[]>;
  execution: ExecutionView;
  visits: readonly Visit[];
  /** The visits a retrier ran again, in order (grows in place, as `visits`). */
  retried: readonly Visit[];
  /** Set once the run failed or timed out. */
  failure: RunFailure | null;
}

export function iterationsKey(iterations: ReadonlyArray<IterationRef>): string {
  let s = '';
  for (const it of iterations) s += `${it.map}#${it.index}/`;
  return s;
}

/** The scope an event happens in: the enclosing container, Map item and Parallel branch. */
export function scopeOf(e: Pick<RunEvent, 'child' | 'parent' | 'iterations' | 'branch'>): string {
  return `${e.child ? 'c' : ''}|${e.parent ?? ''}|${iterationsKey(e.iterations)}|${e.branch ?? ''}`;
}

export const ROOT_SCOPE = scopeOf({ child: false, parent: null, iterations: [], branch: null });

export function transitionKey(from: string | null, to: string | null, viaCatch: boolean): string {
  return `${from ?? ''}\u2192${to ?? ''}${viaCatch ? '\u2192catch' : ''}`;
}

/** A state's status from its visits: running wins, then failed, caught, aborted, succeeded. */
export function summarise(counts: Record<VisitStatus, number>, last: VisitStatus): VisitStatus {
  if (counts.running > 0) return 'running';
  if (counts.failed > 0) return 'failed';
  if (counts.caught > 0) return 'caught';
  if (counts.aborted > 0) return 'aborted';
  if (counts.succeeded > 0) return 'succeeded';
  return last;
}

export function zeroCounts(): Record<VisitStatus, number> {
  return { running: 0, succeeded: 0, failed: 0, caught: 0, aborted: 0 };
}
