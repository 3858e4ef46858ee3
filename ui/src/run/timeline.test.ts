import { describe, expect, it } from 'vitest';
import { foldAll } from './fold';
import { mapHistory, orderHistory } from './testing';
import { mergeBars, tickStep, ticks, timelineRows, timelineSpan, type Bar } from './timeline';

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
    const bar = (start: number, end: number, status: Bar['status'] = 'succeeded'): Bar => ({ start, end, status, seq: start, count: 1 });
    const merged = mergeBars([bar(0, 10), bar(10.5, 20), bar(15, 18, 'failed'), bar(50, 60)], 1);
    expect(merged).toEqual([
      { start: 0, end: 20, status: 'succeeded', seq: 0, count: 2 },
      { start: 15, end: 18, status: 'failed', seq: 15, count: 1 },
      { start: 50, end: 60, status: 'succeeded', seq: 50, count: 1 },
    ]);
    const s = foldAll(mapHistory(10_000));
    const row = timelineRows(s.visits, 0).find((r) => r.state === 'Process Item');
    expect(row?.bars).toHaveLength(10_000);
    const span = timelineSpan([row!], null);
    expect(mergeBars(row!.bars, span / 800).length).toBeLessThanOrEqual(800);
  });

  it('picks round ticks', () => {
    expect(tickStep(1000)).toBe(200);
    expect(tickStep(95)).toBe(20);
    expect(ticks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(tickStep(0)).toBe(1);
  });
});
