import { describe, expect, it } from 'vitest';
import { detailsText, eventTone, filterEvents, formatElapsed, formatTimestamp, inGroup, NO_FILTER, type EventGroup } from './events';
import { HistoryBuilder, kindOf, orderHistory, type AwsEventType } from './testing';

describe('event filtering', () => {
  const events = orderHistory('caught');

  it.each<[AwsEventType, EventGroup[], 'error' | 'ok' | 'plain']>([
    ['TaskStateEntered', ['states'], 'plain'],
    ['TaskScheduled', ['tasks'], 'plain'],
    ['LambdaFunctionSucceeded', ['tasks'], 'ok'],
    ['ActivityTimedOut', ['tasks', 'errors'], 'error'],
    ['TaskStateAborted', ['tasks', 'errors'], 'error'],
    ['TaskFailed', ['tasks', 'errors'], 'error'],
    ['MapStateEntered', ['states', 'flow'], 'plain'],
    ['MapIterationStarted', ['flow'], 'plain'],
    ['MapIterationFailed', ['flow', 'errors'], 'error'],
    ['MapRunAborted', ['flow', 'errors'], 'error'],
    ['ParallelStateSucceeded', ['flow'], 'ok'],
    ['WaitStateAborted', ['errors'], 'error'],
    ['EvaluationFailed', ['errors'], 'error'],
    ['ExecutionFailed', ['errors', 'execution'], 'error'],
    ['ExecutionSucceeded', ['execution'], 'ok'],
    ['ExecutionRedriven', ['execution'], 'plain'],
  ])('groups %s as the console does', (type, groups, tone) => {
    const all: EventGroup[] = ['states', 'tasks', 'flow', 'errors', 'execution'];
    expect(all.filter((g) => inGroup(kindOf(type), g))).toEqual(groups);
    expect(inGroup(kindOf(type), 'all')).toBe(true);
    expect(eventTone(kindOf(type))).toBe(tone);
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
    expect(other.rows.every((i) => events[i] !== undefined && inGroup(events[i].kind, 'tasks'))).toBe(true);
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
