import { describe, expect, it } from 'vitest';
import { detailsText, filterEvents, formatElapsed, formatTimestamp, inGroup, NO_FILTER } from './events';
import { HistoryBuilder, orderHistory } from './testing';

describe('event filtering', () => {
  const events = orderHistory('caught');

  it('groups event types as the console does', () => {
    expect(inGroup('TaskStateEntered', 'states')).toBe(true);
    expect(inGroup('TaskStateEntered', 'tasks')).toBe(false);
    expect(inGroup('TaskScheduled', 'tasks')).toBe(true);
    expect(inGroup('MapIterationStarted', 'flow')).toBe(true);
    expect(inGroup('TaskFailed', 'errors')).toBe(true);
    expect(inGroup('ExecutionFailed', 'execution')).toBe(true);
  });

  it('filters by group, state and text', () => {
    const all = filterEvents(events, events.length, NO_FILTER);
    expect(all.rows).toHaveLength(events.length);
    const errors = filterEvents(events, events.length, { ...NO_FILTER, group: 'errors' });
    // The retried Validate Order, the declined payment, the run.
    expect(errors.rows.map((i) => events[i]?.type)).toEqual(['TaskFailed', 'TaskFailed', 'ExecutionFailed']);
    const charge = filterEvents(events, events.length, { ...NO_FILTER, state: 'Charge Payment' });
    expect(new Set(charge.rows.map((i) => events[i]?.state))).toEqual(new Set(['Charge Payment']));
    const text = filterEvents(events, events.length, { ...NO_FILTER, text: 'declined' });
    expect(text.rows.map((i) => events[i]?.type)).toEqual(['TaskFailed', 'ExecutionFailed']);
  });

  it('extends the last result as events come in, and starts over when the filter changes', () => {
    const f = { ...NO_FILTER, group: 'states' as const };
    const first = filterEvents(events, 10, f);
    const next = filterEvents(events, events.length, f, first);
    expect(next.rows).toEqual(filterEvents(events, events.length, f).rows);
    expect(first.rows.length).toBeLessThan(next.rows.length);
    const other = filterEvents(events, events.length, { ...f, group: 'tasks' }, next);
    expect(other.rows.every((i) => inGroup(events[i]?.type ?? '', 'tasks'))).toBe(true);
  });

  it('formats "Started after" and dates', () => {
    expect(formatElapsed(0)).toBe('0 ms');
    expect(formatElapsed(245.4)).toBe('245 ms');
    expect(formatElapsed(1500)).toBe('1.5 s');
    expect(formatElapsed(12_340)).toBe('12.3 s');
    expect(formatElapsed(125_000)).toBe('2 min 5 s');
    expect(formatTimestamp('not a date')).toBe('not a date');
    expect(formatTimestamp(new Date(2026, 0, 15, 9, 5, 7, 12).toISOString())).toBe('Jan 15, 2026, 09:05:07.012');
  });

  it('shows the details object, or the fields it has', () => {
    const h = new HistoryBuilder();
    h.add('TaskFailed', 'A', { error: 'Boom', cause: '{"why":1}' });
    h.add('TaskScheduled', 'A', { details: '{"resource":"invoke"}' });
    expect(JSON.parse(detailsText(h.events[0]!))).toEqual({ error: 'Boom', cause: { why: 1 } });
    expect(detailsText(h.events[1]!)).toBe('{\n  "resource": "invoke"\n}');
  });
});
