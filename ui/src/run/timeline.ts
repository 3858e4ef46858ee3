/**
 * The timeline (Gantt) maths: one row per state in the order the run first entered it, a
 * bar per visit from entered to exited, and bars merged at the drawing's resolution so a
 * 10,000-item Map draws a few hundred rectangles, not 10,000.
 */
import type { Attempt, Visit, VisitStatus } from './fold';

export interface Bar {
  start: number;
  end: number;
  status: VisitStatus;
  /** The visit it is (the first of them when merged). */
  seq: number;
  /** Visits merged into this bar. */
  count: number;
  /** The tries of a retried visit (drawn one segment each); never merged. */
  attempts: readonly Attempt[] | null;
}

export interface TimelineRow {
  state: string;
  kind: string;
  /** Nesting: Map items and Parallel branches the state runs in. */
  depth: number;
  bars: Bar[];
}

/** The rows of a run's visits; running visits last until `nowMs`. */
export function timelineRows(visits: readonly Visit[], nowMs: number): TimelineRow[] {
  const rows = new Map<string, TimelineRow>();
  for (const v of visits) {
    let row = rows.get(v.state);
    if (row === undefined) {
      row = { state: v.state, kind: v.kind, depth: v.parent === null ? 0 : 1 + v.iterations.length, bars: [] };
      rows.set(v.state, row);
    }
    const end = v.endMs ?? (v.status === 'running' ? nowMs : Math.max(v.startMs, nowMs));
    row.bars.push({ start: v.startMs, end: Math.max(end, v.startMs), status: v.status, seq: v.seq, count: 1, attempts: v.attempts });
  }
  return [...rows.values()];
}

/**
 * Bars closer than `minGapMs` (with the same status) merged into one, so there is at most about
 * one bar per pixel. Bars must be in start order (visits are).
 */
export function mergeBars(bars: readonly Bar[], minGapMs: number): Bar[] {
  const out: Bar[] = [];
  const open = new Map<VisitStatus, Bar>();
  for (const b of bars) {
    const cur = open.get(b.status);
    if (cur !== undefined && b.attempts === null && cur.attempts === null && b.start <= cur.end + minGapMs) {
      cur.end = Math.max(cur.end, b.end);
      cur.count += b.count;
      continue;
    }
    const next = { ...b };
    out.push(next);
    open.set(b.status, next);
  }
  return out;
}

export interface AttemptSegment {
  attempt: Attempt;
  start: number;
  end: number;
}

/** The segments of a retried visit's bar, one per try; a try still running lasts until
 * `nowMs`. */
export function attemptSegments(bar: Bar, nowMs: number): AttemptSegment[] {
  if (bar.attempts === null) return [];
  return bar.attempts.map((a) => ({ attempt: a, start: a.startMs, end: Math.max(a.startMs, a.endMs ?? (a.status === 'running' ? nowMs : bar.end)) }));
}

/** A round step for the time axis: about `targetTicks` ticks over `totalMs`. */
export function tickStep(totalMs: number, targetTicks = 6): number {
  if (!(totalMs > 0)) return 1;
  const raw = totalMs / targetTicks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

export function ticks(totalMs: number, targetTicks = 6): number[] {
  const step = tickStep(totalMs, targetTicks);
  const out: number[] = [];
  for (let t = 0; t <= totalMs + step * 1e-9; t += step) out.push(Math.round(t * 1000) / 1000);
  return out;
}

/** The span the axis covers: the run so far, never zero. */
export function timelineSpan(rows: readonly TimelineRow[], endMs: number | null): number {
  let max = endMs ?? 0;
  for (const r of rows) for (const b of r.bars) if (b.end > max) max = b.end;
  return Math.max(1, max);
}
