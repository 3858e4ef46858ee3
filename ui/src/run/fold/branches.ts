/** The fold's Parallel branches: each branch's status, from the states running in it. */
import type { BranchStatus, Visit } from './types';

export class Branches {
  private readonly byName = new Map<string, BranchStatus[]>();
  private readonly dirty = new Set<string>();

  /** `container(id)`: the visit entered at event `id` (a visit's `parent`). */
  constructor(private readonly container: (enteredId: number) => Visit | undefined) {}

  started(parallel: string): void {
    this.byName.set(parallel, this.byName.get(parallel) ?? []);
  }

  succeeded(parallel: string): void {
    const b = this.byName.get(parallel);
    if (b === undefined) return;
    b.fill('succeeded');
    this.dirty.add(parallel);
  }

  /** The status of the Parallel branch a visit is in, when it is in one. */
  mark(visit: Visit, status: BranchStatus): void {
    if (visit.branch === null || visit.parent === null) return;
    const container = this.container(visit.parent);
    if (container === undefined || container.kind !== 'Parallel') return;
    let b = this.byName.get(container.state);
    if (b === undefined) {
      b = [];
      this.byName.set(container.state, b);
    }
    while (b.length <= visit.branch) b.push('running');
    if (b[visit.branch] !== status) {
      b[visit.branch] = status;
      this.dirty.add(container.state);
    }
  }

  /**
   * A Parallel ended early: a branch with a state still running was cut short; one without
   * had finished (states follow one another at once, so a branch between states is done).
   */
  settle(parallel: Visit, running: Iterable<Visit>): void {
    const b = this.byName.get(parallel.state);
    if (b === undefined) return;
    const busy = new Set<number>();
    for (const v of running) if (v.parent === parallel.enteredId && v.branch !== null) busy.add(v.branch);
    for (let i = 0; i < b.length; i++) if (b[i] === 'running') b[i] = busy.has(i) ? 'aborted' : 'succeeded';
    this.dirty.add(parallel.state);
  }

  /** The branches for a snapshot: `prev`'s when nothing changed, else a new map. */
  snapshot(prev: ReadonlyMap<string, readonly BranchStatus[]> | null): ReadonlyMap<string, readonly BranchStatus[]> {
    if (prev !== null && this.dirty.size === 0) return prev;
    const next = new Map(prev ?? []);
    for (const name of this.dirty) next.set(name, [...(this.byName.get(name) ?? [])]);
    this.dirty.clear();
    return next;
  }
}
