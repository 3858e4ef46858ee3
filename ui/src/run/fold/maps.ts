/**
 * The fold's Map states: items to process and processed (`MapProgress`), and each item's
 * record, from `MapIteration*` events or, for a Distributed Map, its child executions.
 */
import type { ExecutionPhase } from '../../bindings/ExecutionPhase';
import type { IterationRef } from '../../bindings/IterationRef';
import type { Phase } from '../../bindings/Phase';
import type { RunEvent } from '../../bindings/RunEvent';
import { iterationsKey, type BranchStatus, type IterationRecord, type MapProgress } from './types';

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

/** A child execution's phase as its Map item's; `null` for a redrive (not an item's). */
function childPhase(phase: ExecutionPhase): Phase | null {
  switch (phase) {
    case 'started':
    case 'succeeded':
    case 'failed':
    case 'aborted':
      return phase;
    case 'timedOut':
      return 'failed';
    case 'redriven':
      return null;
  }
}

export class MapItems {
  private readonly progress = new Map<string, MapProgress>();
  private readonly records = new Map<string, IterationRecord[]>();
  private readonly byPath = new Map<string, IterationRecord>();
  /** Maps whose items the history tells by `MapIteration*` events. */
  private readonly iterationEvents = new Set<string>();
  private readonly dirtyMaps = new Set<string>();
  private readonly dirtyIterations = new Set<string>();

  /** `abortInside(path)`: stops the visits still running inside the item at `path`. */
  constructor(private readonly abortInside: (path: string) => void) {}

  /** `MapStateStarted`: `length` more items to process. */
  started(name: string, length: number): void {
    this.mapProgress(name).length += length;
    this.dirtyMaps.add(name);
  }

  /** A `MapIteration*` event. */
  iterationEvent(e: RunEvent, phase: Phase): void {
    const name = e.state ?? '';
    this.iterationEvents.add(name);
    const ref = iterationOf(e);
    const outer = ref !== null && e.iterations[e.iterations.length - 1] === ref ? e.iterations.slice(0, -1) : e.iterations;
    this.iteration(name, ref, outer, phase, e.elapsedMs);
  }

  /**
   * A Distributed Map child execution starting or ending: an item of the Map, when the
   * history has no `MapIteration*` events for that Map (AWS writes none for those children).
   */
  childExecution(e: RunEvent, phase: ExecutionPhase): void {
    const ref = e.iterations[e.iterations.length - 1];
    if (ref === undefined || this.iterationEvents.has(ref.map)) return;
    const p = childPhase(phase);
    if (p !== null) this.iteration(ref.map, ref, e.iterations.slice(0, -1), p, e.elapsedMs);
  }

  private mapProgress(name: string): MapProgress {
    let m = this.progress.get(name);
    if (m === undefined) {
      m = { name, length: 0, started: 0, succeeded: 0, failed: 0, aborted: 0 };
      this.progress.set(name, m);
    }
    return m;
  }

  private iteration(name: string, ref: IterationRef | null, outer: readonly IterationRef[], phase: Phase, ms: number): void {
    const m = this.mapProgress(name);
    this.dirtyMaps.add(name);
    const path = ref === null ? null : `${iterationsKey(outer)}${ref.map}#${ref.index}/`;
    const record = path === null ? undefined : this.byPath.get(path);
    const set = (status: BranchStatus): void => {
      if (record === undefined) return;
      if (record.status === 'running') {
        record.status = status;
        record.endMs = ms;
      }
      this.dirtyIterations.add(name);
    };
    switch (phase) {
      case 'started': {
        m.started += 1;
        if (ref !== null && path !== null) {
          const r: IterationRecord = { map: name, index: ref.index, path, status: 'running', startMs: ms, endMs: null };
          let list = this.records.get(name);
          if (list === undefined) {
            list = [];
            this.records.set(name, list);
          }
          list.push(r);
          this.byPath.set(path, r);
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
        if (phase === 'failed') m.failed += 1;
        else m.aborted += 1;
        set(phase);
        if (path !== null) this.abortInside(path);
        return;
    }
  }

  snapshotMaps(prev: ReadonlyMap<string, MapProgress> | null): ReadonlyMap<string, MapProgress> {
    if (prev !== null && this.dirtyMaps.size === 0) return prev;
    const next = new Map(prev ?? []);
    for (const name of this.dirtyMaps) {
      const m = this.progress.get(name);
      if (m !== undefined) next.set(name, { ...m });
    }
    this.dirtyMaps.clear();
    return next;
  }

  snapshotIterations(prev: ReadonlyMap<string, readonly IterationRecord[]> | null): ReadonlyMap<string, readonly IterationRecord[]> {
    if (prev !== null && this.dirtyIterations.size === 0) return prev;
    const next = new Map(prev ?? []);
    for (const name of this.dirtyIterations) next.set(name, [...(this.records.get(name) ?? [])]);
    this.dirtyIterations.clear();
    return next;
  }
}
