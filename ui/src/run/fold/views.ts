/** The fold seen from one Map item, and the visits of one state. */
import type { IterationRef } from '../../bindings/IterationRef';
import { summarise, zeroCounts, type FoldSnapshot, type Transition, type Visit, type VisitStatus } from './types';

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
