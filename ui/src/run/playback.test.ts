import { describe, expect, it, vi } from 'vitest';
import { createPerfLog, FRAME_BUDGET_MS, frameBudget, MAX_FRAME_BUDGET_MS, Playback, STEP_MS, type FrameClock } from './playback';
import { mapHistory, orderHistory } from './testing';

/** A clock whose frames run when the test says so. */
function fakeClock(): FrameClock & { tick: (ms?: number) => void; pending: () => number; advance: (ms: number) => void } {
  let t = 0;
  let nextId = 1;
  const queue = new Map<number, (t: number) => void>();
  return {
    request: (cb) => {
      const id = nextId++;
      queue.set(id, cb);
      return id;
    },
    cancel: (id) => void queue.delete(id),
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    tick(ms = 16) {
      t += ms;
      const cbs = [...queue.values()];
      queue.clear();
      for (const cb of cbs) cb(t);
    },
    pending: () => queue.size,
  };
}

describe('playback', () => {
  it('folds everything queued in one frame in Instant mode, and notifies once', () => {
    const clock = fakeClock();
    const p = new Playback('instant', clock);
    const heard = vi.fn();
    p.subscribe(heard);
    const events = orderHistory();
    p.append(events);
    expect(p.getSnapshot().fold.applied).toBe(0);
    expect(p.getSnapshot().caughtUp).toBe(false);
    clock.tick();
    expect(p.getSnapshot().fold.applied).toBe(events.length);
    expect(p.getSnapshot().caughtUp).toBe(true);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(clock.pending()).toBe(0);
  });

  it('batches many events per frame, never one frame per event', () => {
    const clock = fakeClock();
    const perf = createPerfLog();
    const p = new Playback('instant', clock, perf);
    const events = mapHistory(2000);
    p.append(events);
    let frames = 0;
    while (!p.getSnapshot().caughtUp && frames < 1000) {
      clock.tick();
      frames++;
    }
    // The fake clock does not move while folding: one frame takes it all.
    expect(frames).toBe(1);
    expect(perf.events).toBe(events.length);
    expect(perf.work).toHaveLength(1);
  });

  it('spreads the work over frames within the budget when folding is slow', () => {
    const clock = fakeClock();
    const p = new Playback('instant', clock);
    const events = mapHistory(500);
    // Each look at the clock costs 5 ms: a frame folds a chunk or two, then yields.
    const now = clock.now;
    let calls = 0;
    clock.now = () => {
      calls++;
      return now() + calls * 5;
    };
    p.append(events);
    clock.tick();
    const first = p.getSnapshot().fold.applied;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(events.length);
    for (let i = 0; i < 100 && !p.getSnapshot().caughtUp; i++) clock.tick();
    expect(p.getSnapshot().caughtUp).toBe(true);
  });

  it('shows one step per step time in Slow mode', () => {
    const clock = fakeClock();
    const p = new Playback('slow', clock);
    p.append(orderHistory());
    clock.tick(); // the first step shows at once
    const s1 = p.getSnapshot().fold;
    expect(s1.states.size).toBe(1);
    expect(s1.states.get('Validate Order')?.status).toBe('running');
    clock.tick(STEP_MS.slow / 2);
    expect(p.getSnapshot().fold.states.size).toBe(1);
    clock.tick(STEP_MS.slow / 2 + 1);
    const s2 = p.getSnapshot().fold;
    expect(s2.states.get('Validate Order')?.status).toBe('succeeded');
    expect(s2.states.get('Is Order Valid?')?.status).toBe('running');
  });

  it('waits for next() in Step mode', () => {
    const clock = fakeClock();
    const p = new Playback('step', clock);
    p.append(orderHistory());
    clock.tick();
    expect(clock.pending()).toBe(0);
    expect(p.getSnapshot().fold.applied).toBe(0);
    p.next();
    expect([...p.getSnapshot().fold.states.keys()]).toEqual(['Validate Order']);
    p.next();
    expect(p.getSnapshot().fold.states.get('Is Order Valid?')?.status).toBe('running');
    p.finish();
    expect(p.getSnapshot().caughtUp).toBe(true);
  });

  it('Fast plays even a big Map in about two seconds', () => {
    const clock = fakeClock();
    const p = new Playback('fast', clock);
    p.append(mapHistory(1000));
    let ms = 0;
    while (!p.getSnapshot().caughtUp && ms < 10_000) {
      clock.tick(16);
      ms += 16;
    }
    expect(p.getSnapshot().caughtUp).toBe(true);
    expect(ms).toBeLessThan(3000);
  });

  it('seeks back and forth', () => {
    const clock = fakeClock();
    const p = new Playback('instant', clock);
    const events = orderHistory();
    p.load(events);
    clock.tick();
    p.seek(3);
    expect(p.getSnapshot().fold.applied).toBe(3);
    expect(p.getSnapshot().fold.states.get('Validate Order')?.status).toBe('running');
    p.seek(events.length);
    expect(p.getSnapshot().fold.execution.status).toBe('succeeded');
  });

  it('load starts over', () => {
    const clock = fakeClock();
    const p = new Playback('instant', clock);
    p.load(orderHistory('caught'));
    clock.tick();
    expect(p.getSnapshot().fold.execution.status).toBe('failed');
    p.load([]);
    expect(p.getSnapshot().fold.execution.status).toBe('pending');
    expect(p.getSnapshot().total).toBe(0);
  });

  it('folds for longer in a frame when frames come slowly', () => {
    expect(frameBudget(0)).toBe(FRAME_BUDGET_MS);
    expect(frameBudget(16)).toBe(FRAME_BUDGET_MS);
    expect(frameBudget(80)).toBe(20);
    expect(frameBudget(1000)).toBe(MAX_FRAME_BUDGET_MS);
    expect(frameBudget(Number.NaN)).toBe(FRAME_BUDGET_MS);
  });

  it('a slow frame takes more of the backlog than a quick one', () => {
    const run = (frameMs: number): number => {
      const clock = fakeClock();
      const p = new Playback('instant', clock);
      // Each look at the clock costs 1 ms.
      const now = clock.now;
      let calls = 0;
      clock.now = () => now() + ++calls;
      p.append(mapHistory(2000));
      clock.tick(frameMs);
      const first = p.getSnapshot().fold.applied;
      clock.tick(frameMs);
      return p.getSnapshot().fold.applied - first;
    };
    expect(run(100)).toBeGreaterThan(run(16));
  });

  it('logs when batches arrive and when playback caught up', () => {
    const clock = fakeClock();
    const perf = createPerfLog();
    const p = new Playback('instant', clock, perf);
    p.append(orderHistory());
    expect(perf.arrivals).toEqual([[0, orderHistory().length]]);
    expect(perf.caughtUpAt).toBeNull();
    clock.tick(16);
    expect(perf.caughtUpAt).toBe(16);
    perf.reset();
    expect(perf.arrivals).toEqual([]);
    expect(perf.caughtUpAt).toBeNull();
  });
});
