import { describe, expect, it } from 'vitest';
import { RunFold, foldAll, iterationOf, transitionKey, viewForIteration, visitsOf } from './fold';
import { HistoryBuilder, mapHistory, orderHistory } from './testing';

describe('fold of a run', () => {
  it('marks every visited state succeeded and the path taken, start to end', () => {
    const s = foldAll(orderHistory('succeeded'));
    expect(s.execution.status).toBe('succeeded');
    for (const name of ['Validate Order', 'Is Order Valid?', 'Reserve Inventory', 'Charge Payment', 'Order Complete']) {
      expect(s.states.get(name)?.status, name).toBe('succeeded');
    }
    expect(s.states.has('Release Inventory')).toBe(false);
    expect(s.transitions.has(transitionKey(null, 'Validate Order', false))).toBe(true);
    expect(s.transitions.has(transitionKey('Validate Order', 'Is Order Valid?', false))).toBe(true);
    expect(s.transitions.has(transitionKey('Order Complete', null, false))).toBe(true);
    expect(s.active.size).toBe(0);
  });

  it('counts retries, and a retried state that then succeeds is succeeded', () => {
    const s = foldAll(orderHistory('succeeded'));
    const v = s.states.get('Validate Order');
    expect(v?.retries).toBe(1);
    expect(v?.status).toBe('succeeded');
    expect(visitsOf(s, 'Validate Order')).toHaveLength(1);
  });

  it('a failure followed by the catcher target is caught; a Fail state fails the run', () => {
    const s = foldAll(orderHistory('caught'));
    expect(s.states.get('Charge Payment')?.status).toBe('caught');
    expect(s.transitions.has(transitionKey('Charge Payment', 'Release Inventory', true))).toBe(true);
    expect(s.states.get('Payment Failed')?.status).toBe('failed');
    expect(s.execution.status).toBe('failed');
    expect(s.execution.error).toBe('OrderFailed');
    // A Fail state ends the machine: its End edge was taken.
    expect(s.transitions.has(transitionKey('Payment Failed', null, false))).toBe(true);
    const [visit] = visitsOf(s, 'Charge Payment');
    expect(visit?.error).toBe('Payment.Declined');
    expect(visit?.stages.map((x) => x.stage)).toEqual(['input']);
  });

  it('an uncaught failure stays failed, with no End edge', () => {
    const h = new HistoryBuilder();
    h.started();
    h.failingTask('Only', 'Boom');
    h.failed('Boom', 'it broke');
    const s = foldAll(h.events);
    expect(s.states.get('Only')?.status).toBe('failed');
    expect([...s.transitions.keys()]).toEqual([transitionKey(null, 'Only', false)]);
  });

  it('keeps input, output and stages per visit, and each visit of a loop apart', () => {
    const h = new HistoryBuilder();
    h.started();
    h.task('Poll', {}, { output: '{"n":1}' });
    h.simple('Choice', 'Done?');
    h.task('Poll', {}, { output: '{"n":2}' });
    h.simple('Choice', 'Done?');
    h.succeeded();
    const s = foldAll(h.events);
    const visits = visitsOf(s, 'Poll');
    expect(visits.map((v) => v.output)).toEqual(['{"n":1}', '{"n":2}']);
    expect(visits[1]?.stages.find((x) => x.stage === 'output')?.value).toBe('{"n":2}');
    expect(s.states.get('Poll')?.visits).toBe(2);
    expect(s.transitions.get(transitionKey('Done?', 'Poll', false))?.count).toBe(1);
    expect(s.transitions.get(transitionKey('Poll', 'Done?', false))?.count).toBe(2);
  });

  it('shows a state running, and its incoming edge active, until it exits', () => {
    const h = new HistoryBuilder();
    h.started();
    h.simple('Pass', 'A');
    h.add('TaskStateEntered', 'B');
    const f = new RunFold();
    f.apply(h.events, 0, h.events.length);
    const s = f.snapshot();
    expect(s.states.get('B')?.status).toBe('running');
    expect([...s.active]).toEqual([transitionKey('A', 'B', false)]);
    expect(s.lastTransition).toBe(transitionKey('A', 'B', false));
  });

  it('is incremental: batches give the same result, unchanged states keep their objects', () => {
    const events = orderHistory('succeeded');
    const f = new RunFold();
    f.apply(events, 0, 10);
    const first = f.snapshot();
    const validate = first.states.get('Validate Order');
    f.apply(events, 10, events.length);
    const s = f.snapshot();
    expect(s.states.get('Validate Order')).toBe(validate);
    expect(s.applied).toBe(events.length);
    const whole = foldAll(events);
    expect([...s.states.values()]).toEqual([...whole.states.values()]);
    expect(f.snapshot()).toBe(s);
  });

  it('tracks Map progress, failed items, and each item on its own', () => {
    const s = foldAll(mapHistory(10, 4));
    const m = s.maps.get('Process Items');
    expect(m).toMatchObject({ length: 10, started: 10, succeeded: 8, failed: 2 });
    expect(s.states.get('Process Item')).toMatchObject({ visits: 10, failed: 2, succeeded: 8, status: 'failed' });
    const records = s.iterations.get('Process Items') ?? [];
    expect(records).toHaveLength(10);
    expect(records[3]?.status).toBe('failed');
    // The Map tolerated the failures: it and the run succeeded.
    expect(s.states.get('Process Items')?.status).toBe('succeeded');
    expect(s.execution.status).toBe('succeeded');

    const one = viewForIteration(s, { map: 'Process Items', index: 2 });
    expect(one.states.get('Process Item')).toMatchObject({ visits: 1, status: 'succeeded' });
    const bad = viewForIteration(s, { map: 'Process Items', index: 3 });
    expect(bad.states.get('Process Item')?.status).toBe('failed');
    expect(bad.states.get('Prepare')).toBe(s.states.get('Prepare'));
  });

  it('reads the item of a MapIteration event from its path or its details', () => {
    const h = new HistoryBuilder();
    h.add('MapIterationStarted', 'M', { iterations: [{ map: 'M', index: 4 }] });
    h.add('MapIterationStarted', 'M', { details: '{"name":"M","index":7}' });
    expect(iterationOf(h.events[0]!)).toEqual({ map: 'M', index: 4 });
    expect(iterationOf(h.events[1]!)).toEqual({ map: 'M', index: 7 });
  });

  it('gives each Parallel branch a status, and aborts the others when one fails', () => {
    const h = new HistoryBuilder();
    h.started();
    const p = h.add('ParallelStateEntered', 'Fork');
    h.add('ParallelStateStarted', 'Fork');
    h.task('A', { parent: p, branch: 0 });
    h.add('TaskStateEntered', 'B', { parent: p, branch: 1 });
    h.failingTask('C', 'Boom', { parent: p, branch: 2 });
    let s = foldAll(h.events);
    expect(s.branches.get('Fork')).toEqual(['running', 'running', 'failed']);
    h.add('ParallelStateFailed', 'Fork', { error: 'Boom' });
    h.failed('Boom');
    s = foldAll(h.events);
    // A had finished; B was cut short.
    expect(s.branches.get('Fork')).toEqual(['succeeded', 'aborted', 'failed']);
    expect(s.states.get('B')?.status).toBe('aborted');
    expect(s.states.get('Fork')?.status).toBe('failed');
  });

  it('marks all branches succeeded when the Parallel succeeds', () => {
    const h = new HistoryBuilder();
    h.started();
    const p = h.add('ParallelStateEntered', 'Fork');
    h.add('ParallelStateStarted', 'Fork');
    h.task('A', { parent: p, branch: 0 });
    h.task('B', { parent: p, branch: 1 });
    h.add('ParallelStateSucceeded', 'Fork');
    h.add('ParallelStateExited', 'Fork');
    h.succeeded();
    const s = foldAll(h.events);
    expect(s.branches.get('Fork')).toEqual(['succeeded', 'succeeded']);
    // No start edge inside a branch: the diagram draws none.
    expect(s.transitions.has(transitionKey(null, 'A', false))).toBe(false);
  });

  it('counts Distributed Map children as items, and never ends the run on theirs', () => {
    const h = new HistoryBuilder();
    h.started();
    const map = h.add('MapStateEntered', 'Fan Out');
    h.add('MapStateStarted', 'Fan Out', { length: 2 });
    h.add('MapRunStarted', 'Fan Out');
    for (const index of [0, 1]) {
      const where = { child: true, parent: map, iterations: [{ map: 'Fan Out', index }] };
      h.add('ExecutionStarted', null, where);
      h.task('Work', where);
      h.add(index === 0 ? 'ExecutionSucceeded' : 'ExecutionFailed', null, where);
    }
    const s = foldAll(h.events);
    expect(s.execution.status).toBe('running');
    expect(s.maps.get('Fan Out')).toMatchObject({ length: 2, started: 2, succeeded: 1, failed: 1 });
    expect(s.iterations.get('Fan Out')?.map((r) => r.status)).toEqual(['succeeded', 'failed']);
  });

  it('a redrive clears the failures before it', () => {
    const h = new HistoryBuilder();
    h.started();
    h.failingTask('Charge', 'Boom');
    h.failed('Boom');
    h.add('ExecutionRedriven', null);
    let s = foldAll(h.events);
    expect(s.execution).toMatchObject({ status: 'running', redriven: 1 });
    h.task('Charge');
    h.succeeded();
    s = foldAll(h.events);
    expect(s.states.get('Charge')?.status).toBe('succeeded');
    expect(s.execution.status).toBe('succeeded');
  });

  it('keeps each try of a retried Task: its time, error, stages and events', () => {
    const h = new HistoryBuilder();
    h.started();
    const entered = h.add('TaskStateEntered', 'Charge', { input: '{}' });
    const tries: number[][] = [];
    for (let i = 0; i < 3; i++) {
      const mine = [h.add('TaskScheduled', 'Charge'), h.add('TaskStarted', 'Charge')];
      h.wait(10);
      const stage = [{ stage: 'afterParameters' as const, value: `{"try":${i}}` }];
      if (i < 2) mine.push(h.add('TaskFailed', 'Charge', { error: 'Gateway.Timeout', cause: `try ${i + 1} timed out`, stages: stage }));
      else mine.push(h.add('TaskSucceeded', 'Charge', { output: '{}' }));
      tries.push(mine.map((id) => id - 1));
      h.wait(1000 * (i + 1));
    }
    h.add('TaskStateExited', 'Charge', { output: '{}', stages: [{ stage: 'afterParameters', value: '{"try":2}' }, { stage: 'result', value: '{}' }] });
    h.succeeded();
    const s = foldAll(h.events);
    const [visit] = visitsOf(s, 'Charge');
    expect(entered).toBe(2);
    expect(visit?.retries).toBe(2);
    expect(s.retried).toEqual([visit]);
    const attempts = visit?.attempts ?? [];
    expect(attempts.map((a) => [a.number, a.status, a.error, a.cause])).toEqual([
      [1, 'failed', 'Gateway.Timeout', 'try 1 timed out'],
      [2, 'failed', 'Gateway.Timeout', 'try 2 timed out'],
      [3, 'succeeded', null, null],
    ]);
    expect(attempts.map((a) => a.events)).toEqual(tries);
    expect(attempts.map((a) => a.stages.map((x) => x.value))).toEqual([['{"try":0}'], ['{"try":1}'], ['{"try":2}', '{}']]);
    // Each try ends at its failure; the next starts after the backoff, at its TaskScheduled.
    const [a1, a2, a3] = attempts;
    expect(a1?.startMs).toBe(visit?.startMs);
    expect(a2?.startMs).toBeGreaterThanOrEqual((a1?.endMs ?? 0) + 1000);
    expect(a3?.endMs).toBe(visit?.endMs);
    // The visit's own stages are its last try's.
    expect(visit?.stages.map((x) => x.value)).toEqual(['{"try":2}', '{}']);
    expect(s.states.get('Charge')?.error).toBeNull();
  });

  it('a Task tried once has no attempts list', () => {
    const s = foldAll(orderHistory('succeeded'));
    expect(visitsOf(s, 'Reserve Inventory')[0]?.attempts).toBeNull();
    // Validate Order failed once, then succeeded.
    expect(visitsOf(s, 'Validate Order')[0]?.attempts?.map((a) => a.status)).toEqual(['failed', 'succeeded']);
  });

  it('a failed run names the state it failed at, and the state carries its error', () => {
    const h = new HistoryBuilder();
    h.started();
    h.simple('Pass', 'Prepare');
    h.failingTask('Send', 'SNS.AuthorizationError');
    h.failed('SNS.AuthorizationError', 'Send failed');
    const s = foldAll(h.events);
    expect(s.failure).toMatchObject({ state: 'Send', error: 'SNS.AuthorizationError', cause: 'Send failed', through: [] });
    expect(s.states.get('Send')).toMatchObject({ status: 'failed', error: 'SNS.AuthorizationError', cause: 'Send failed' });
    expect(s.states.get('Prepare')?.error).toBeNull();
  });

  it('a run ended by a Fail state fails there, with the error the state raised', () => {
    const s = foldAll(orderHistory('caught'));
    expect(s.failure).toMatchObject({ state: 'Payment Failed', error: 'OrderFailed', cause: 'The payment was declined' });
    expect(s.states.get('Payment Failed')).toMatchObject({ error: 'OrderFailed' });
    // The caught state keeps its own error.
    expect(s.states.get('Charge Payment')).toMatchObject({ status: 'caught', error: 'Payment.Declined' });
  });

  it('a failure inside a Parallel is traced to the state that raised it first', () => {
    const h = new HistoryBuilder();
    h.started();
    const p = h.add('ParallelStateEntered', 'Fork');
    h.add('ParallelStateStarted', 'Fork');
    h.add('TaskStateEntered', 'B', { parent: p, branch: 1 });
    h.failingTask('C', 'Boom', { parent: p, branch: 2 });
    h.failingTask('A', 'Later', { parent: p, branch: 0 });
    h.add('ParallelStateFailed', 'Fork', { error: 'Boom', cause: 'C failed' });
    h.failed('Boom', 'C failed');
    const s = foldAll(h.events);
    expect(s.failure).toMatchObject({ state: 'C', error: 'Boom', through: ['Fork'] });
    expect(s.states.get('Fork')?.error).toBe('Boom');
  });

  it('a retried state that succeeds, or a run that succeeds, has no failure', () => {
    const s = foldAll(orderHistory('succeeded'));
    expect(s.failure).toBeNull();
    expect(s.states.get('Validate Order')?.error).toBeNull();
  });

  it('folds a 10,000-item Map quickly', () => {
    const events = mapHistory(10_000);
    const t0 = performance.now();
    const f = new RunFold();
    for (let i = 0; i < events.length; i += 500) {
      f.apply(events, i, Math.min(events.length, i + 500));
      f.snapshot();
    }
    const ms = performance.now() - t0;
    expect(f.snapshot().maps.get('Process Items')?.succeeded).toBe(10_000);
    expect(ms).toBeLessThan(1500);
  });
});
