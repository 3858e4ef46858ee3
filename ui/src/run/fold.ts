/**
 * The fold of a run's history events into what the canvas and the panels draw: each state's
 * status (running, succeeded, failed, caught, retried, aborted), its visits (input, output,
 * stages, error), the transitions taken, Map progress and Parallel branches.
 *
 * Incremental and allocation-light: `apply` mutates the fold's own structures, `snapshot`
 * hands out immutable views that reuse the objects of states that did not change, so a run
 * of 40,000 events folds in a few tens of milliseconds and React re-renders only what moved.
 *
 * It reads AWS's history semantics: a failure event (`TaskFailed`, `ParallelStateFailed`, ...)
 * followed by another event of the same state in the same scope is a retry; followed by the
 * `*StateEntered` of another state in the same scope, it was caught (AWS writes no
 * `*StateExited` then); otherwise the state failed.
 */
import type { IterationRef } from '../bindings/IterationRef';
import type { RunEvent } from '../bindings/RunEvent';
import type { StageValue } from '../bindings/StageValue';

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
  /** `Task`, `Choice`, `Map`, ... read off the entered event's type. */
  kind: string;
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

const ENTERED = 'StateEntered';
const EXITED = 'StateExited';

export function isEnteredType(type: string): boolean {
  return type.endsWith(ENTERED);
}

export function isExitedType(type: string): boolean {
  return type.endsWith(EXITED);
}

/** A state-level failure: the state's task (or its Map or Parallel) failed. */
export function isFailureType(type: string): boolean {
  if (type.startsWith('Execution') || type.startsWith('MapIteration')) return false;
  return type.endsWith('Failed') || type.endsWith('TimedOut');
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

type IterationKind = 'started' | 'succeeded' | 'failed' | 'aborted';

const ITERATION_KIND: Record<string, IterationKind | undefined> = {
  MapIterationStarted: 'started',
  MapIterationSucceeded: 'succeeded',
  MapIterationFailed: 'failed',
  MapIterationAborted: 'aborted',
};

const CHILD_KIND: Record<string, IterationKind | undefined> = {
  ExecutionStarted: 'started',
  ExecutionSucceeded: 'succeeded',
  ExecutionFailed: 'failed',
  ExecutionTimedOut: 'failed',
  ExecutionAborted: 'aborted',
};

const ROOT_SCOPE = scopeOf({ child: false, parent: null, iterations: [], branch: null });

export function transitionKey(from: string | null, to: string | null, viaCatch: boolean): string {
  return `${from ?? ''}\u2192${to ?? ''}${viaCatch ? '\u2192catch' : ''}`;
}

/** The Map item a `MapIteration*` event is about. */
export function iterationOf(e: RunEvent): IterationRef | null {
  const last = e.iterations[e.iterations.length - 1];
  if (last !== undefined && last.map === e.state) return last;
  if (e.details !== null) {
    try {
      const d: unknown = JSON.parse(e.details);
      if (typeof d === 'object' && d !== null && 'index' in d && typeof d.index === 'number' && e.state !== null) {
        return { map: e.state, index: d.index };
      }
    } catch {
      // Details that do not parse name no iteration.
    }
  }
  return null;
}

interface StateAgg {
  name: string;
  counts: Record<VisitStatus, number>;
  visits: number;
  retries: number;
  last: VisitStatus;
  /** The latest visit that failed (or was caught), for the state's error. */
  failedVisit: Visit | null;
}

function emptyExecution(): ExecutionView {
  return { status: 'pending', input: null, output: null, error: null, cause: null, endMs: null, redriven: 0 };
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

function zeroCounts(): Record<VisitStatus, number> {
  return { running: 0, succeeded: 0, failed: 0, caught: 0, aborted: 0 };
}

export class RunFold {
  private version = 0;
  private applied = 0;
  private readonly visits: Visit[] = [];
  private readonly aggs = new Map<string, StateAgg>();
  /** The visit open now for `scope + state`. */
  private readonly open = new Map<string, Visit>();
  /** The latest visit of each state, the fallback for events whose scope does not match. */
  private readonly latestByName = new Map<string, Visit>();
  private readonly byEnteredId = new Map<number, Visit>();
  /** The last visit entered in each scope: the source of the next transition there. */
  private readonly lastInScope = new Map<string, Visit>();
  private readonly running = new Set<Visit>();
  private readonly transitionMap = new Map<string, Transition>();
  private transitionSeq = 0;
  private lastTransition: string | null = null;
  private readonly activeCounts = new Map<string, number>();
  private readonly mapMap = new Map<string, MapProgress>();
  private readonly iterationMap = new Map<string, IterationRecord[]>();
  private readonly iterationByPath = new Map<string, IterationRecord>();
  private readonly branchMap = new Map<string, BranchStatus[]>();
  /** Maps whose items the history tells by `MapIteration*` events. */
  private readonly iterationEvents = new Set<string>();
  private execution: ExecutionView = emptyExecution();
  private readonly retried: Visit[] = [];
  private failure: RunFailure | null = null;

  // What changed since the last snapshot.
  private readonly dirtyStates = new Set<string>();
  private dirtyTransitions = false;
  private dirtyActive = false;
  private readonly dirtyMaps = new Set<string>();
  private readonly dirtyIterations = new Set<string>();
  private readonly dirtyBranches = new Set<string>();
  private last: FoldSnapshot | null = null;

  /** Folds `events[from..to)`; `from` must be the number of events folded so far. */
  apply(events: ReadonlyArray<RunEvent>, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const e = events[i];
      if (e !== undefined) this.one(e, i);
    }
    this.applied = to;
    this.version += 1;
  }

  get count(): number {
    return this.applied;
  }

  private one(e: RunEvent, index: number): void {
    const type = e.type;
    if (type.startsWith('Execution')) {
      if (e.child) this.childExecution(e);
      else this.executionEvent(e);
      return;
    }
    if (e.state === null) return;
    if (isEnteredType(type)) {
      this.entered(e, index);
      return;
    }
    const visit = this.visitOf(e);
    if (visit === undefined) return;
    visit.events.push(index);
    // The try going on; after a failure, the next event starts a new one (below).
    const attempt = visit.attempts === null || visit.status === 'failed' ? undefined : visit.attempts[visit.attempts.length - 1];
    if (attempt !== undefined && !isExitedType(type)) attempt.events.push(index);

    if (type.startsWith('MapIteration')) {
      this.iterationEvent(e);
      return;
    }
    if (type === 'MapStateStarted') {
      const m = this.mapProgress(e.state);
      m.length += e.length ?? 0;
      this.dirtyMaps.add(e.state);
    } else if (type === 'ParallelStateStarted') {
      this.branchMap.set(e.state, this.branchMap.get(e.state) ?? []);
    } else if (type === 'ParallelStateSucceeded') {
      const b = this.branchMap.get(e.state);
      if (b !== undefined) {
        b.fill('succeeded');
        this.dirtyBranches.add(e.state);
      }
    } else if (type === 'ParallelStateFailed' || type === 'ParallelStateAborted') {
      this.settleBranches(visit);
    }

    if (isFailureType(type)) {
      visit.error = e.error;
      visit.cause = e.cause;
      visit.endMs = e.elapsedMs;
      if (e.stages.length > 0) visit.stages = e.stages;
      if (attempt !== undefined) {
        attempt.error = e.error;
        attempt.cause = e.cause;
        attempt.endMs = e.elapsedMs;
        attempt.stages = e.stages;
      }
      this.setStatus(visit, 'failed');
      this.markBranch(visit, 'failed');
      return;
    }
    if (type.endsWith('Aborted')) {
      visit.endMs = e.elapsedMs;
      this.setStatus(visit, 'aborted');
      return;
    }
    if (isExitedType(type)) {
      visit.output = e.output;
      if (e.stages.length > 0) visit.stages = e.stages;
      visit.endMs = e.elapsedMs;
      if (attempt !== undefined) {
        attempt.endMs = e.elapsedMs;
        attempt.stages = e.stages;
      }
      // A Fail state stays failed; a state whose failure was not caught stays failed.
      if (visit.status === 'running') this.setStatus(visit, 'succeeded');
      return;
    }
    if (visit.status === 'failed' && visit.kind !== 'Fail') {
      // Another event of a failed state: a retrier runs it again.
      this.retry(visit, e, index);
      visit.retries += 1;
      visit.error = null;
      visit.cause = null;
      visit.endMs = null;
      visit.stages = [];
      const agg = this.aggs.get(visit.state);
      if (agg !== undefined) agg.retries += 1;
      this.setStatus(visit, 'running');
      this.markBranch(visit, 'running');
    }
  }

  /** A new try of a failed visit begins with event `index`: the tries so far are kept. */
  private retry(visit: Visit, e: RunEvent, index: number): void {
    if (visit.attempts === null) {
      // The first try was the visit itself: its events less the entered one and this one.
      visit.attempts = [
        {
          number: 1,
          startMs: visit.startMs,
          endMs: visit.endMs,
          status: 'failed',
          error: visit.error,
          cause: visit.cause,
          stages: visit.stages,
          events: visit.events.slice(1, -1),
        },
      ];
      this.retried.push(visit);
    }
    visit.attempts.push({
      number: visit.attempts.length + 1,
      startMs: e.elapsedMs,
      endMs: null,
      status: 'running',
      error: null,
      cause: null,
      stages: [],
      events: [index],
    });
  }

  private visitOf(e: RunEvent): Visit | undefined {
    const name = e.state ?? '';
    return this.open.get(`${scopeOf(e)}\u0000${name}`) ?? this.latestByName.get(name);
  }

  private entered(e: RunEvent, index: number): void {
    const name = e.state ?? '';
    const scope = scopeOf(e);
    const kind = e.type.slice(0, -ENTERED.length);

    // Where the run came from, in this scope.
    const prev = this.lastInScope.get(scope);
    let via: string | null = null;
    if (prev !== undefined) {
      const caught = prev.status === 'failed' && prev.kind !== 'Fail';
      if (caught) this.setStatus(prev, 'caught');
      if (prev.status === 'running') this.setStatus(prev, 'succeeded');
      via = this.take(prev.state, name, caught, caught ? prev.error : null);
    } else if (scope === ROOT_SCOPE && this.execution.redriven === 0) {
      via = this.take(null, name, false);
    }

    const visit: Visit = {
      seq: this.visits.length,
      state: name,
      kind,
      enteredId: e.id,
      scope,
      iterations: e.iterations,
      branch: e.branch,
      parent: e.parent,
      child: e.child,
      startMs: e.elapsedMs,
      endMs: null,
      status: 'running',
      retries: 0,
      input: e.input,
      output: null,
      stages: [],
      error: null,
      cause: null,
      events: [index],
      via,
      attempts: null,
    };
    this.visits.push(visit);
    this.open.set(`${scope}\u0000${name}`, visit);
    this.latestByName.set(name, visit);
    this.byEnteredId.set(e.id, visit);
    this.lastInScope.set(scope, visit);

    let agg = this.aggs.get(name);
    if (agg === undefined) {
      agg = { name, counts: zeroCounts(), visits: 0, retries: 0, last: 'running', failedVisit: null };
      this.aggs.set(name, agg);
    }
    agg.visits += 1;
    agg.counts.running += 1;
    agg.last = 'running';
    this.running.add(visit);
    if (via !== null) this.activate(via, 1);
    this.dirtyStates.add(name);
    this.markBranch(visit, 'running');

    if (kind === 'Fail') {
      visit.error = null;
      this.setStatus(visit, 'failed');
    }
  }

  private take(from: string | null, to: string | null, viaCatch: boolean, error: string | null = null): string {
    const key = transitionKey(from, to, viaCatch);
    const t = this.transitionMap.get(key);
    this.transitionSeq += 1;
    // Transitions are replaced, not mutated: snapshots hold the old objects.
    this.transitionMap.set(key, { key, from, to, viaCatch, error, count: (t?.count ?? 0) + 1, seq: this.transitionSeq });
    this.lastTransition = key;
    this.dirtyTransitions = true;
    return key;
  }

  private activate(key: string, delta: number): void {
    const n = (this.activeCounts.get(key) ?? 0) + delta;
    if (n <= 0) this.activeCounts.delete(key);
    else this.activeCounts.set(key, n);
    this.dirtyActive = true;
  }

  private setStatus(visit: Visit, status: VisitStatus): void {
    const old = visit.status;
    if (old === status) return;
    visit.status = status;
    const agg = this.aggs.get(visit.state);
    if (agg !== undefined) {
      agg.counts[old] = Math.max(0, agg.counts[old] - 1);
      agg.counts[status] += 1;
      agg.last = status;
      if (status === 'failed' || status === 'caught') agg.failedVisit = visit;
      else if (agg.failedVisit === visit) agg.failedVisit = null;
    }
    const attempt = visit.attempts?.[visit.attempts.length - 1];
    if (attempt !== undefined) {
      attempt.status = status === 'caught' ? 'failed' : status;
      if (status !== 'running' && attempt.endMs === null) attempt.endMs = visit.endMs;
    }
    if (old === 'running') {
      this.running.delete(visit);
      if (visit.via !== null) this.activate(visit.via, -1);
    } else if (status === 'running') {
      this.running.add(visit);
      if (visit.via !== null) this.activate(visit.via, 1);
    }
    this.dirtyStates.add(visit.state);
  }

  /** The status of the Parallel branch a visit is in, when it is in one. */
  private markBranch(visit: Visit, status: BranchStatus): void {
    if (visit.branch === null || visit.parent === null) return;
    const container = this.byEnteredId.get(visit.parent);
    if (container === undefined || container.kind !== 'Parallel') return;
    let b = this.branchMap.get(container.state);
    if (b === undefined) {
      b = [];
      this.branchMap.set(container.state, b);
    }
    while (b.length <= visit.branch) b.push('running');
    if (b[visit.branch] !== status) {
      b[visit.branch] = status;
      this.dirtyBranches.add(container.state);
    }
  }

  /**
   * A Parallel ended early: a branch with a state still running was cut short; one without
   * had finished (states follow one another at once, so a branch between states is done).
   */
  private settleBranches(parallel: Visit): void {
    const b = this.branchMap.get(parallel.state);
    if (b === undefined) return;
    const busy = new Set<number>();
    for (const v of this.running) if (v.parent === parallel.enteredId && v.branch !== null) busy.add(v.branch);
    for (let i = 0; i < b.length; i++) if (b[i] === 'running') b[i] = busy.has(i) ? 'aborted' : 'succeeded';
    this.dirtyBranches.add(parallel.state);
  }

  private mapProgress(name: string): MapProgress {
    let m = this.mapMap.get(name);
    if (m === undefined) {
      m = { name, length: 0, started: 0, succeeded: 0, failed: 0, aborted: 0 };
      this.mapMap.set(name, m);
    }
    return m;
  }

  private iterationEvent(e: RunEvent): void {
    const name = e.state ?? '';
    this.iterationEvents.add(name);
    const ref = iterationOf(e);
    const outer = ref !== null && e.iterations[e.iterations.length - 1] === ref ? e.iterations.slice(0, -1) : e.iterations;
    const kind = ITERATION_KIND[e.type];
    if (kind !== undefined) this.iteration(name, ref, outer, kind, e.elapsedMs);
  }

  /**
   * A Distributed Map child execution starting or ending: an item of the Map, when the
   * history has no `MapIteration*` events for that Map (AWS writes none for those children).
   */
  private childExecution(e: RunEvent): void {
    const ref = e.iterations[e.iterations.length - 1];
    if (ref === undefined || this.iterationEvents.has(ref.map)) return;
    const kind = CHILD_KIND[e.type];
    if (kind !== undefined) this.iteration(ref.map, ref, e.iterations.slice(0, -1), kind, e.elapsedMs);
  }

  private iteration(name: string, ref: IterationRef | null, outer: readonly IterationRef[], kind: IterationKind, ms: number): void {
    const m = this.mapProgress(name);
    this.dirtyMaps.add(name);
    const path = ref === null ? null : `${iterationsKey(outer)}${ref.map}#${ref.index}/`;
    const record = path === null ? undefined : this.iterationByPath.get(path);
    const set = (status: BranchStatus): void => {
      if (record === undefined) return;
      if (record.status === 'running') {
        record.status = status;
        record.endMs = ms;
      }
      this.dirtyIterations.add(name);
    };
    switch (kind) {
      case 'started': {
        m.started += 1;
        if (ref !== null && path !== null) {
          const r: IterationRecord = { map: name, index: ref.index, path, status: 'running', startMs: ms, endMs: null };
          let list = this.iterationMap.get(name);
          if (list === undefined) {
            list = [];
            this.iterationMap.set(name, list);
          }
          list.push(r);
          this.iterationByPath.set(path, r);
          this.dirtyIterations.add(name);
        }
        return;
      }
      case 'succeeded':
        m.succeeded += 1;
        set('succeeded');
        return;
      case 'failed':
      case 'aborted':
        if (kind === 'failed') m.failed += 1;
        else m.aborted += 1;
        set(kind);
        if (path !== null) this.abortRunning((v) => iterationsKey(v.iterations).startsWith(path));
        return;
    }
  }

  private abortRunning(where: (v: Visit) => boolean): void {
    for (const v of [...this.running]) if (where(v)) this.setStatus(v, 'aborted');
  }

  private executionEvent(e: RunEvent): void {
    const x = { ...this.execution };
    switch (e.type) {
      case 'ExecutionStarted':
        x.status = 'running';
        x.input = e.input;
        break;
      case 'ExecutionRedriven': {
        x.status = 'running';
        x.redriven += 1;
        x.endMs = null;
        x.error = null;
        x.cause = null;
        this.failure = null;
        // The failures before the redrive are history: the failed states run again, entered
        // afresh (not caught, not from the state before).
        for (const [scope, v] of [...this.lastInScope]) {
          if (v.status === 'failed' || v.status === 'aborted') this.lastInScope.delete(scope);
        }
        for (const agg of this.aggs.values()) {
          if (agg.counts.failed > 0 || agg.counts.aborted > 0) {
            agg.counts.failed = 0;
            agg.counts.aborted = 0;
            if (agg.failedVisit?.status === 'failed') agg.failedVisit = null;
            this.dirtyStates.add(agg.name);
          }
        }
        break;
      }
      case 'ExecutionSucceeded':
        x.status = 'succeeded';
        x.output = e.output;
        x.endMs = e.elapsedMs;
        this.end(true);
        break;
      case 'ExecutionFailed':
        x.status = 'failed';
        x.error = e.error;
        x.cause = e.cause;
        x.endMs = e.elapsedMs;
        this.end(false);
        this.failure = this.failedAt(x);
        break;
      case 'ExecutionTimedOut':
        x.status = 'timedOut';
        x.error = e.error ?? 'States.Timeout';
        x.cause = e.cause;
        x.endMs = e.elapsedMs;
        this.end(false);
        this.failure = this.failedAt(x);
        break;
      case 'ExecutionAborted':
        x.status = 'aborted';
        x.error = e.error;
        x.cause = e.cause;
        x.endMs = e.elapsedMs;
        this.end(false);
        break;
      default:
        return;
    }
    this.execution = x;
  }

  /** The execution ended: the End edge was taken (or a Fail state ended it), the rest stops. */
  private end(succeeded: boolean): void {
    const last = this.lastInScope.get(ROOT_SCOPE);
    if (last !== undefined) {
      if (succeeded && last.status === 'running') this.setStatus(last, 'succeeded');
      if (succeeded || last.kind === 'Fail') this.take(last.state, null, false);
    }
    for (const v of [...this.running]) if (v.kind === 'Parallel') this.settleBranches(v);
    this.abortRunning(() => true);
  }

  /**
   * Where the run failed: the last state of the top level, and while that is a Parallel or
   * Map that failed, the state inside it whose failure came first. A Fail state's error is
   * the one it raised: the run's, or the enclosing Parallel's.
   */
  private failedAt(x: ExecutionView): RunFailure | null {
    let v = this.lastInScope.get(ROOT_SCOPE);
    if (v === undefined || (v.status !== 'failed' && v.status !== 'aborted')) return null;
    const through: string[] = [];
    let raised = { error: x.error, cause: x.cause };
    while (v.status === 'failed' && (v.kind === 'Parallel' || v.kind === 'Map')) {
      if (v.error !== null) raised = { error: v.error, cause: v.cause };
      let first: Visit | undefined;
      let firstAt = Infinity;
      for (const c of this.visits) {
        if (c.parent !== v.enteredId || c.status !== 'failed') continue;
        const at = c.events[c.events.length - 1] ?? Infinity;
        if (at < firstAt) {
          first = c;
          firstAt = at;
        }
      }
      if (first === undefined) break;
      through.push(v.state);
      v = first;
    }
    if (v.kind === 'Fail' && v.error === null) {
      v.error = raised.error;
      v.cause = raised.cause;
      this.dirtyStates.add(v.state);
    }
    return { state: v.state, seq: v.seq, error: v.error, cause: v.cause, through };
  }

  snapshot(): FoldSnapshot {
    const prev = this.last;
    if (prev !== null && prev.version === this.version) return prev;

    let states = prev?.states ?? new Map<string, StateRunView>();
    if (prev === null || this.dirtyStates.size > 0) {
      const next = new Map(states);
      for (const name of this.dirtyStates) {
        const agg = this.aggs.get(name);
        if (agg === undefined) continue;
        next.set(name, {
          name,
          status: summarise(agg.counts, agg.last),
          visits: agg.visits,
          running: agg.counts.running,
          succeeded: agg.counts.succeeded,
          failed: agg.counts.failed,
          caught: agg.counts.caught,
          aborted: agg.counts.aborted,
          retries: agg.retries,
          error: agg.failedVisit?.error ?? null,
          cause: agg.failedVisit?.cause ?? null,
        });
      }
      states = next;
      this.dirtyStates.clear();
    }

    const transitions = prev === null || this.dirtyTransitions ? new Map(this.transitionMap) : prev.transitions;
    const active = prev === null || this.dirtyActive ? new Set(this.activeCounts.keys()) : prev.active;
    this.dirtyTransitions = false;
    this.dirtyActive = false;

    let maps = prev?.maps ?? new Map<string, MapProgress>();
    if (prev === null || this.dirtyMaps.size > 0) {
      const next = new Map(maps);
      for (const name of this.dirtyMaps) {
        const m = this.mapMap.get(name);
        if (m !== undefined) next.set(name, { ...m });
      }
      maps = next;
      this.dirtyMaps.clear();
    }

    let iterations = prev?.iterations ?? new Map<string, readonly IterationRecord[]>();
    if (prev === null || this.dirtyIterations.size > 0) {
      const next = new Map(iterations);
      for (const name of this.dirtyIterations) next.set(name, [...(this.iterationMap.get(name) ?? [])]);
      iterations = next;
      this.dirtyIterations.clear();
    }

    let branches = prev?.branches ?? new Map<string, readonly BranchStatus[]>();
    if (prev === null || this.dirtyBranches.size > 0) {
      const next = new Map(branches);
      for (const name of this.dirtyBranches) next.set(name, [...(this.branchMap.get(name) ?? [])]);
      branches = next;
      this.dirtyBranches.clear();
    }

    const snap: FoldSnapshot = {
      version: this.version,
      applied: this.applied,
      states,
      transitions,
      lastTransition: this.lastTransition,
      active,
      maps,
      iterations,
      branches,
      execution: this.execution,
      visits: this.visits,
      retried: this.retried,
      failure: this.failure,
    };
    this.last = snap;
    return snap;
  }
}

/** Folds a whole history at once. */
export function foldAll(events: ReadonlyArray<RunEvent>): FoldSnapshot {
  const f = new RunFold();
  f.apply(events, 0, events.length);
  return f.snapshot();
}

/** Whether a visit is inside the given Map item. */
export function inIteration(v: Pick<Visit, 'iterations'>, ref: IterationRef): boolean {
  return v.iterations.some((it) => it.map === ref.map && it.index === ref.index);
}

/**
 * The run as seen from one Map item: the states inside the Map show that item's visits only
 * (not reached when it never got there), as do the transitions; the rest is unchanged.
 */
export function viewForIteration(snap: FoldSnapshot, ref: IterationRef): FoldSnapshot {
  const inside = new Set<string>();
  const counts = new Map<string, { counts: Record<VisitStatus, number>; visits: number; retries: number; last: VisitStatus; failed: Visit | null }>();
  const taken = new Set<string>();
  const active = new Set<string>();
  for (const v of snap.visits) {
    const inMap = v.iterations.some((it) => it.map === ref.map);
    if (inMap) inside.add(v.state);
    if (inMap && !inIteration(v, ref)) continue;
    if (v.via !== null) {
      taken.add(v.via);
      if (v.status === 'running') active.add(v.via);
    }
    if (!inMap) continue;
    let c = counts.get(v.state);
    if (c === undefined) {
      c = { counts: zeroCounts(), visits: 0, retries: 0, last: v.status, failed: null };
      counts.set(v.state, c);
    }
    if (v.status === 'failed' || v.status === 'caught') c.failed = v;
    c.counts[v.status] += 1;
    c.visits += 1;
    c.retries += v.retries;
    c.last = v.status;
  }
  const states = new Map(snap.states);
  for (const name of inside) {
    const c = counts.get(name);
    if (c === undefined) {
      states.delete(name);
      continue;
    }
    states.set(name, {
      name,
      status: summarise(c.counts, c.last),
      visits: c.visits,
      running: c.counts.running,
      succeeded: c.counts.succeeded,
      failed: c.counts.failed,
      caught: c.counts.caught,
      aborted: c.counts.aborted,
      retries: c.retries,
      error: c.failed?.error ?? null,
      cause: c.failed?.cause ?? null,
    });
  }
  const transitions = new Map<string, Transition>();
  for (const [k, t] of snap.transitions) {
    const internal = (t.from !== null && inside.has(t.from)) || (t.to !== null && inside.has(t.to));
    if (!internal || taken.has(k)) transitions.set(k, t);
  }
  return { ...snap, states, transitions, active };
}

/** The visits of one state, in order; within one Map item when `ref` is given. */
export function visitsOf(snap: FoldSnapshot, state: string, ref: IterationRef | null = null): Visit[] {
  const out: Visit[] = [];
  for (const v of snap.visits) if (v.state === state && (ref === null || inIteration(v, ref))) out.push(v);
  return out;
}
