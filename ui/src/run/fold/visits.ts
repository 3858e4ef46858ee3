/**
 * The fold's visits: each time a state was entered, its tries (a retrier's attempts), the
 * per-state sums for the nodes, and the transitions taken between visits.
 */
import type { RunEvent } from '../../bindings/RunEvent';
import type { StateType } from '../../bindings/StateType';
import {
  ROOT_SCOPE,
  scopeOf,
  summarise,
  transitionKey,
  zeroCounts,
  type ExecutionView,
  type RunFailure,
  type StateRunView,
  type Transition,
  type Visit,
  type VisitStatus,
} from './types';

interface StateAgg {
  name: string;
  counts: Record<VisitStatus, number>;
  visits: number;
  retries: number;
  last: VisitStatus;
  /** The latest visit that failed (or was caught), for the state's error. */
  failedVisit: Visit | null;
}

export class Visits {
  readonly list: Visit[] = [];
  /** The visits a retrier ran again, in order. */
  readonly retried: Visit[] = [];
  readonly running = new Set<Visit>();
  private readonly aggs = new Map<string, StateAgg>();
  /** The visit open now for `scope + state`. */
  private readonly open = new Map<string, Visit>();
  /** The latest visit of each state, the fallback for events whose scope does not match. */
  private readonly latestByName = new Map<string, Visit>();
  private readonly byEnteredId = new Map<number, Visit>();
  /** The last visit entered in each scope: the source of the next transition there. */
  private readonly lastInScope = new Map<string, Visit>();
  private readonly transitionMap = new Map<string, Transition>();
  private transitionSeq = 0;
  lastTransition: string | null = null;
  private readonly activeCounts = new Map<string, number>();

  // What changed since the last snapshot.
  private readonly dirtyStates = new Set<string>();
  private dirtyTransitions = false;
  private dirtyActive = false;

  /** The visit entered at event `id`. */
  entered(id: number): Visit | undefined {
    return this.byEnteredId.get(id);
  }

  /** The visit an event of a state belongs to. */
  of(e: RunEvent): Visit | undefined {
    const name = e.state ?? '';
    return this.open.get(`${scopeOf(e)}\u0000${name}`) ?? this.latestByName.get(name);
  }

  /** A `*StateEntered` event: a new visit, and the transition that led to it. */
  enter(e: RunEvent, index: number, kind: StateType, redriven: boolean): Visit {
    const name = e.state ?? '';
    const scope = scopeOf(e);

    // Where the run came from, in this scope.
    const prev = this.lastInScope.get(scope);
    let via: string | null = null;
    if (prev !== undefined) {
      const caught = prev.status === 'failed' && prev.kind !== 'Fail';
      if (caught) this.setStatus(prev, 'caught');
      if (prev.status === 'running') this.setStatus(prev, 'succeeded');
      via = this.take(prev.state, name, caught, caught ? prev.error : null);
    } else if (scope === ROOT_SCOPE && !redriven) {
      via = this.take(null, name, false);
    }

    const visit: Visit = {
      seq: this.list.length,
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
    this.list.push(visit);
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

    if (kind === 'Fail') {
      visit.error = null;
      this.setStatus(visit, 'failed');
    }
    return visit;
  }

  /** Another event of a failed visit: a retrier runs it again, from event `index`. */
  retry(visit: Visit, e: RunEvent, index: number): void {
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
    visit.retries += 1;
    visit.error = null;
    visit.cause = null;
    visit.endMs = null;
    visit.stages = [];
    const agg = this.aggs.get(visit.state);
    if (agg !== undefined) agg.retries += 1;
    this.setStatus(visit, 'running');
  }

  take(from: string | null, to: string | null, viaCatch: boolean, error: string | null = null): string {
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

  setStatus(visit: Visit, status: VisitStatus): void {
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

  abortRunning(where: (v: Visit) => boolean): void {
    for (const v of [...this.running]) if (where(v)) this.setStatus(v, 'aborted');
  }

  /** The last visit of the machine's top level. */
  lastAtTop(): Visit | undefined {
    return this.lastInScope.get(ROOT_SCOPE);
  }

  /** The run was redriven: the failures before are history, the failed states run again,
   * entered afresh (not caught, not from the state before). */
  redriven(): void {
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
  }

  /**
   * Where the run failed: the last state of the top level, and while that is a Parallel or
   * Map that failed, the state inside it whose failure came first. A Fail state's error is
   * the one it raised: the run's, or the enclosing Parallel's.
   */
  failedAt(x: ExecutionView): RunFailure | null {
    let v = this.lastAtTop();
    if (v === undefined || (v.status !== 'failed' && v.status !== 'aborted')) return null;
    const through: string[] = [];
    let raised = { error: x.error, cause: x.cause };
    while (v.status === 'failed' && (v.kind === 'Parallel' || v.kind === 'Map')) {
      if (v.error !== null) raised = { error: v.error, cause: v.cause };
      let first: Visit | undefined;
      let firstAt = Infinity;
      for (const c of this.list) {
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

  /** The state views for a snapshot: `prev`'s objects for states that did not change. */
  snapshotStates(prev: ReadonlyMap<string, StateRunView> | null): ReadonlyMap<string, StateRunView> {
    if (prev !== null && this.dirtyStates.size === 0) return prev;
    const next = new Map(prev ?? []);
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
    this.dirtyStates.clear();
    return next;
  }

  snapshotTransitions(prev: ReadonlyMap<string, Transition> | null): ReadonlyMap<string, Transition> {
    if (prev !== null && !this.dirtyTransitions) return prev;
    this.dirtyTransitions = false;
    return new Map(this.transitionMap);
  }

  snapshotActive(prev: ReadonlySet<string> | null): ReadonlySet<string> {
    if (prev !== null && !this.dirtyActive) return prev;
    this.dirtyActive = false;
    return new Set(this.activeCounts.keys());
  }
}
