import { describe, expect, it } from 'vitest';
import { foldAll } from './fold';
import { mapHistory, orderHistory } from './testing';
import { attemptLabels, attemptSummary } from './attempts';
import { attemptSegments, mergeBars, tickStep, ticks, timelineRows, timelineSpan, type Bar } from './timeline';

describe('timeline', () => {
  it('has a row per state in the order first entered, a bar per visit', () => {
    const s = foldAll(orderHistory('caught'));
    const rows = timelineRows(s.visits, 1000);
    expect(rows.map((r) => r.state)).toEqual(['Validate Order', 'Is Order Valid?', 'Reserve Inventory', 'Charge Payment', 'Release Inventory', 'Payment Failed']);
    const charge = rows.find((r) => r.state === 'Charge Payment');
    expect(charge?.bars).toHaveLength(1);
    expect(charge?.bars[0]?.status).toBe('caught');
    expect((charge?.bars[0]?.end ?? 0) - (charge?.bars[0]?.start ?? 0)).toBeGreaterThanOrEqual(15);
  });

  it('draws a running visit up to now', () => {
    const s = foldAll(orderHistory('succeeded').slice(0, 3));
    const [row] = timelineRows(s.visits, 500);
    expect(row?.bars[0]).toMatchObject({ status: 'running', end: 500 });
  });

  it('merges bars closer than a pixel, keeping statuses apart', () => {
    const bar = (start: number, end: number, status: Bar['status'] = 'succeeded'): Bar => ({ start, end, status, seq: start, count: 1, attempts: null });
    const merged = mergeBars([bar(0, 10), bar(10.5, 20), bar(15, 18, 'failed'), bar(50, 60)], 1);
    expect(merged).toEqual([
      { start: 0, end: 20, status: 'succeeded', seq: 0, count: 2, attempts: null },
      { start: 15, end: 18, status: 'failed', seq: 15, count: 1, attempts: null },
      { start: 50, end: 60, status: 'succeeded', seq: 50, count: 1, attempts: null },
    ]);
    const s = foldAll(mapHistory(10_000));
    const row = timelineRows(s.visits, 0).find((r) => r.state === 'Process Item');
    expect(row?.bars).toHaveLength(10_000);
    const span = timelineSpan([row!], null);
    expect(mergeBars(row!.bars, span / 800).length).toBeLessThanOrEqual(800);
  });

  it('draws a retried visit as a segment per try, never merged away', () => {
    const s = foldAll(orderHistory('succeeded'));
    const row = timelineRows(s.visits, 0).find((r) => r.state === 'Validate Order');
    const [visitBar] = row?.bars ?? [];
    expect(visitBar?.attempts).toHaveLength(2);
    // A neighbour closer than the resolution does not swallow it.
    const merged = mergeBars([...(row?.bars ?? []), { start: visitBar?.end ?? 0, end: (visitBar?.end ?? 0) + 1, status: 'succeeded', seq: 99, count: 1, attempts: null }], 1000);
    expect(merged).toHaveLength(2);
    const segments = attemptSegments(visitBar!, 0);
    expect(segments.map((x) => [x.attempt.number, x.attempt.status])).toEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
    // The first try ends at its failure; the second starts later and ends with the visit.
    expect(segments[0]!.end).toBeLessThanOrEqual(segments[1]!.start);
    expect(segments[1]!.end).toBe(visitBar?.end);
  });

  it('labels each event of a retried Task with its try', () => {
    const events = orderHistory('succeeded');
    const s = foldAll(events);
    const labels = attemptLabels(s.retried);
    const of = (type: string): number[] =>
      events.flatMap((e, i) => (e.type === type && e.state === 'Validate Order' ? [labels.get(i)?.number ?? 0] : []));
    expect(of('TaskScheduled')).toEqual([1, 2]);
    expect(of('TaskFailed')).toEqual([1]);
    expect(of('TaskSucceeded')).toEqual([2]);
    // The state's own entered and exited events belong to no single try.
    expect(of('TaskStateEntered')).toEqual([0]);
    expect(of('TaskStateExited')).toEqual([0]);
    const failed = events.findIndex((e) => e.type === 'TaskFailed');
    const label = labels.get(failed);
    expect(label?.of).toBe(2);
    expect(attemptSummary('Validate Order', label!.attempt, label!.of, (ms) => `${ms} ms`)).toBe(
      'Validate Order, attempt 1 of 2: failed after 23 ms\nLambda.ServiceException: try again',
    );
  });

  it('picks round ticks', () => {
    expect(tickStep(1000)).toBe(200);
    expect(tickStep(95)).toBe(20);
    expect(ticks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(tickStep(0)).toBe(1);
  });
});
