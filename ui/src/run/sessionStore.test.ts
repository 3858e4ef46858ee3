import { describe, expect, it, vi } from 'vitest';
import { CommandError } from '../lib/rpc';
import type { RunEventBatch } from '../bindings/RunEventBatch';
import type { RunRecord } from '../bindings/RunRecord';
import type { RunSetup } from '../bindings/RunSetup';
import type { RunStatusUpdate } from '../bindings/RunStatusUpdate';
import type { RunApi } from './api';
import { Playback } from './playback';
import { RunSessionStore } from './sessionStore';
import { orderHistory, summary } from './testing';

const SETUP: RunSetup = {
  input: '{"order":1}',
  savedInputs: [],
  files: [{ path: '/m.mocks.json', kind: 'mocks', testCases: ['HappyPath'], error: null }],
  lastTasks: null,
  breakpoints: ['B'],
  runs: [],
  active: null,
};

const running: RunStatusUpdate = { summary: summary({ id: 'run-1', status: 'running', durationMs: null }), pause: null, questions: [] };

/** A run API whose start answers when the test says, and whose pushes the test sends. */
function fakeApi(): { api: RunApi; push: (b: RunEventBatch) => void; status: (u: RunStatusUpdate) => void; answerStart: () => void } {
  const events = new Set<(b: RunEventBatch) => void>();
  const statuses = new Set<(u: RunStatusUpdate) => void>();
  let answer: (u: RunStatusUpdate) => void = () => undefined;
  const api: RunApi = {
    runSetup: vi.fn(() => Promise.resolve(SETUP)),
    pickRunFile: vi.fn(() => Promise.resolve(null)),
    saveInput: vi.fn(() => Promise.resolve([])),
    deleteInput: vi.fn(() => Promise.resolve([])),
    startRun: vi.fn(() => new Promise<RunStatusUpdate>((resolve) => (answer = resolve))),
    stopRun: vi.fn(() => Promise.resolve()),
    pauseRun: vi.fn(() => Promise.resolve()),
    resumeRun: vi.fn(() => Promise.resolve()),
    setBreakpoints: vi.fn(() => Promise.resolve()),
    answerTask: vi.fn(() => Promise.resolve()),
    redriveRun: vi.fn(() => Promise.reject(new Error('no'))),
    listRuns: vi.fn(() => Promise.resolve([running.summary])),
    openRun: vi.fn(() => Promise.reject(new Error('no'))),
    deleteRun: vi.fn(() => Promise.resolve([])),
    exportHistory: vi.fn(() => Promise.resolve(null)),
    importHistory: vi.fn(() => Promise.resolve(null)),
    previewState: vi.fn(() => Promise.reject(new Error('no'))),
    evaluateExpression: vi.fn(() => Promise.reject(new Error('no'))),
    onRunEvents: (h) => {
      events.add(h);
      return Promise.resolve(() => events.delete(h));
    },
    onRunStatus: (h) => {
      statuses.add(h);
      return Promise.resolve(() => statuses.delete(h));
    },
  };
  return {
    api,
    push: (b) => events.forEach((h) => h(b)),
    status: (u) => statuses.forEach((h) => h(u)),
    answerStart: () => answer(running),
  };
}

async function settled(): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
}

describe('the run session store', () => {
  it('opens with the document setup, offering its mock config', async () => {
    const { api } = fakeApi();
    const store = new RunSessionStore(api, new Playback('instant'), vi.fn());
    store.open();
    await settled();
    const s = store.getState();
    expect(s).toMatchObject({ ready: true, input: '{"order":1}', tasks: { kind: 'mocks', path: '/m.mocks.json', testCase: 'HappyPath' } });
    expect([...s.breakpoints]).toEqual(['B']);
  });

  it('keeps the events that come before start_run answers, and shows them once it does', async () => {
    const fake = fakeApi();
    const playback = new Playback('instant');
    const store = new RunSessionStore(fake.api, playback, vi.fn());
    const seen = vi.fn();
    store.subscribe(seen);
    store.connect();
    store.open();
    await settled();
    store.start();
    expect(store.getState()).toMatchObject({ starting: true, shown: null, active: false });
    const events = orderHistory();
    fake.push({ runId: 'run-1', events: events.slice(0, 5) });
    fake.answerStart();
    await settled();
    fake.push({ runId: 'run-1', events: events.slice(5) });
    expect(store.getState()).toMatchObject({ starting: false, active: true, shown: { live: true } });
    expect(playback.getSnapshot().total).toBe(events.length);
    expect(seen).toHaveBeenCalled();
    fake.status({ ...running, summary: { ...running.summary, status: 'succeeded' } });
    expect(store.getState().active).toBe(false);
  });

  it("says why Rust refused to start (an input that is not JSON), and is ready to start again", async () => {
    const { api } = fakeApi();
    const refusal = { code: 'invalid-json' as const, message: 'The input is not valid JSON (line 1, column 2): key must be a string', pointer: null };
    api.startRun = vi.fn(() => Promise.reject(new CommandError(refusal)));
    const notify = vi.fn();
    const store = new RunSessionStore(api, new Playback('instant'), notify);
    store.setInput('{oops');
    store.start();
    await settled();
    expect(api.startRun).toHaveBeenCalledWith(expect.objectContaining({ input: '{oops' }));
    expect(notify).toHaveBeenCalledWith(refusal.message, 'error');
    expect(store.getState()).toMatchObject({ starting: false, active: false });
  });

  it('toggles breakpoints in order and tells Rust each time', async () => {
    const { api } = fakeApi();
    const store = new RunSessionStore(api, new Playback('instant'), vi.fn());
    store.open();
    await settled();
    store.toggleBreakpoint('C');
    store.toggleBreakpoint('B');
    expect([...store.getState().breakpoints]).toEqual(['C']);
    expect(api.setBreakpoints).toHaveBeenLastCalledWith(['C']);
    store.clearBreakpoints();
    expect(api.setBreakpoints).toHaveBeenLastCalledWith([]);
  });

  it.each(['server', 'cloud'] as const)("shows an execution (%s) that arrives with no run going on: its events so far, then the rest, each once", async (origin) => {
    const fake = fakeApi();
    const events = orderHistory();
    const arrival: RunStatusUpdate = { summary: summary({ id: 'srv-1', origin, status: 'running', durationMs: null }), pause: null, questions: [] };
    let answerOpen: () => void = () => undefined;
    fake.api.openRun = vi.fn(() => new Promise<RunRecord>((resolve) => (answerOpen = () => resolve({ summary: arrival.summary, events: events.slice(0, 8) }))));
    const playback = new Playback('instant');
    const store = new RunSessionStore(fake.api, playback, vi.fn());
    store.connect();
    store.open();
    await settled();
    fake.status(arrival);
    expect(store.getState()).toMatchObject({ active: true, shown: { live: true, summary: { id: 'srv-1' } } });
    expect(fake.api.listRuns).toHaveBeenCalled();
    // Batches that cross the fetch of the events so far: some already in it, some after.
    fake.push({ runId: 'srv-1', events: events.slice(6, 12) });
    answerOpen();
    await settled();
    // Rust answered the fetch with events it had not sent yet: they come again, once.
    fake.push({ runId: 'srv-1', events: events.slice(8, 14) });
    fake.push({ runId: 'srv-1', events: events.slice(14) });
    expect(playback.getSnapshot().total).toBe(events.length);
  });

  it("leaves a server's execution in the list while another run is live, and a local run's events are not mixed with it", async () => {
    const fake = fakeApi();
    const playback = new Playback('instant');
    const store = new RunSessionStore(fake.api, playback, vi.fn());
    store.connect();
    store.open();
    await settled();
    store.start();
    fake.answerStart();
    await settled();
    const other: RunStatusUpdate = { summary: summary({ id: 'srv-2', origin: 'server', status: 'paused', durationMs: null }), pause: null, questions: [] };
    fake.status(other);
    fake.push({ runId: 'srv-2', events: orderHistory().slice(0, 4) });
    expect(store.getState().shown?.summary.id).toBe('run-1');
    expect(playback.getSnapshot().total).toBe(0);
    // A local run's status for an unknown id is not adopted either.
    fake.status({ ...running, summary: { ...running.summary, id: 'run-9' } });
    expect(store.getState().live?.summary.id).toBe('run-1');
  });
});

describe('placeholder values', () => {
  it('go with the next run, and a new document starts without them', async () => {
    const { api } = fakeApi();
    const store = new RunSessionStore(api, new Playback('instant'), vi.fn());
    store.setSubstitution('Delay', '3');
    store.setSubstitution('Other', 'x');
    store.setSubstitution('Other', null);
    store.start();
    expect(api.startRun).toHaveBeenCalledWith(expect.objectContaining({ substitutions: { Delay: '3' } }));
    store.open();
    expect(store.getState().substitutions).toEqual({});
  });
});
