import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import definition from '../../../examples/order-processing.asl.json';
import { App } from '../App';
import type { Diagram } from '../bindings/Diagram';
import type { DocumentView } from '../bindings/DocumentView';
import type { RunEvent } from '../bindings/RunEvent';
import type { RunEventBatch } from '../bindings/RunEventBatch';
import type { RunSetup } from '../bindings/RunSetup';
import type { RunStatusUpdate } from '../bindings/RunStatusUpdate';
import { installXyflowEnv } from '../canvas/__fixtures__/xyflowEnv';
import order from '../canvas/__harness__/order-processing.json';
import type { DocumentApi } from '../lib/api';
import { documentView } from '../test/documentView';
import type { RunApi } from './api';
import { orderHistory, staticDocumentApi, summary } from './testing';

beforeAll(() => {
  installXyflowEnv();
  // jsdom has no layout: CodeMirror measures text through Range rects.
  const rect = (): DOMRect => ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON: () => ({}) }) as DOMRect;
  Range.prototype.getBoundingClientRect = rect;
  Range.prototype.getClientRects = (): DOMRectList => Object.assign([], { item: () => null }) as unknown as DOMRectList;
});

beforeEach(() => {
  window.localStorage.setItem('stepwise.runSpeed', 'instant');
});

const diagram = order as Diagram;
const view: DocumentView = documentView({
  path: '/home/me/order-processing.asl.json',
  fileName: 'order-processing.asl.json',
  text: JSON.stringify(definition, null, 2),
  diagram,
  states: diagram.nodes
    .filter((n) => n.type !== 'Start' && n.type !== 'End')
    .map((n) => ({ pointer: n.id, name: n.name, stateType: n.type, depth: 0, from: null, to: null })),
});

function documentApi(): DocumentApi {
  return staticDocumentApi(view);
}

interface FakeRun extends RunApi {
  events: (runId: string, events: RunEvent[]) => void;
  status: (update: RunStatusUpdate) => void;
}

const SETUP: RunSetup = {
  input: '{"order":{"orderId":"o-1"}}',
  savedInputs: [{ name: 'Declined', input: '{"card":"declined"}' }],
  files: [{ path: '/home/me/order-processing.mocks.json', kind: 'mocks', testCases: ['HappyPath', 'Declined'], error: null }],
  lastTasks: null,
  breakpoints: [],
  runs: [summary({ id: 'old', name: 'exec-old', status: 'failed', error: 'Payment.Declined' })],
  active: null,
};

function fakeRunApi(overrides: Partial<RunApi> = {}): FakeRun {
  const eventHandlers = new Set<(b: RunEventBatch) => void>();
  const statusHandlers = new Set<(u: RunStatusUpdate) => void>();
  const running = summary({ id: 'run-1', name: 'exec-1', status: 'running', durationMs: null });
  return {
    runSetup: vi.fn(() => Promise.resolve(SETUP)),
    pickRunFile: vi.fn(() => Promise.resolve(null)),
    saveInput: vi.fn((name: string, input: string) => Promise.resolve([{ name, input }])),
    deleteInput: vi.fn(() => Promise.resolve([])),
    startRun: vi.fn(() => Promise.resolve({ summary: running, pause: null, questions: [] })),
    stopRun: vi.fn(() => Promise.resolve()),
    pauseRun: vi.fn(() => Promise.resolve()),
    resumeRun: vi.fn(() => Promise.resolve()),
    setBreakpoints: vi.fn(() => Promise.resolve()),
    answerTask: vi.fn(() => Promise.resolve()),
    redriveRun: vi.fn(() => Promise.resolve({ summary: { ...running, id: 'run-2', origin: 'redrive' as const }, pause: null, questions: [] })),
    listRuns: vi.fn(() => Promise.resolve(SETUP.runs)),
    openRun: vi.fn((id: string) => Promise.resolve({ summary: summary({ id, name: 'exec-old', status: 'failed' }), events: orderHistory('caught') })),
    deleteRun: vi.fn(() => Promise.resolve([])),
    exportHistory: vi.fn(() => Promise.resolve('/home/me/history.json')),
    importHistory: vi.fn(() => Promise.resolve({ summary: summary({ id: 'imp', name: 'from-aws', origin: 'imported' as const }), events: orderHistory('succeeded') })),
    previewState: vi.fn(() =>
      Promise.resolve({
        status: 'SUCCEEDED' as const,
        stages: [
          { stage: 'input' as const, value: '{"order":1}' },
          { stage: 'afterInputPath' as const, value: '1' },
          { stage: 'output' as const, value: '{"done":true}' },
        ],
        output: '{"done":true}',
        error: null,
        cause: null,
        nextState: 'Is Order Valid?',
      }),
    ),
    evaluateExpression: vi.fn(() => Promise.resolve({ value: '1', error: null })),
    onRunEvents: vi.fn((h: (b: RunEventBatch) => void) => {
      eventHandlers.add(h);
      return Promise.resolve(() => eventHandlers.delete(h));
    }),
    onRunStatus: vi.fn((h: (u: RunStatusUpdate) => void) => {
      statusHandlers.add(h);
      return Promise.resolve(() => statusHandlers.delete(h));
    }),
    events: (runId, events) => {
      for (const h of eventHandlers) h({ runId, events });
    },
    status: (update) => {
      for (const h of statusHandlers) h(update);
    },
    ...overrides,
  };
}

async function renderApp(run: FakeRun): Promise<void> {
  render(<App api={documentApi()} runApi={run} />);
  await waitFor(() => expect(run.runSetup).toHaveBeenCalled());
  await waitFor(() => expect(screen.getByTestId('toolbar-run')).toBeEnabled());
}

function node(name: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="state-node"][data-name="${name}"]`);
  if (el === null) throw new Error(`no node ${name}`);
  return el;
}

const ended = (status: 'succeeded' | 'failed'): RunStatusUpdate => ({
  summary: summary({ id: 'run-1', name: 'exec-1', status, durationMs: 220 }),
  pause: null,
  questions: [],
});

// Each test renders the whole app and plays a run through it: several seconds on a busy
// 2-core machine, so more than vitest's default 5 s.
describe('running from the app', { timeout: 20_000 }, () => {
  it('runs with the setup, lights the states as events come, and ends with the status', async () => {
    const user = userEvent.setup();
    const run = fakeRunApi();
    await renderApp(run);
    await user.click(screen.getByTestId('toolbar-run'));
    expect(run.startRun).toHaveBeenCalledWith({
      input: SETUP.input,
      tasks: { kind: 'mocks', path: '/home/me/order-processing.mocks.json', testCase: 'HappyPath' },
      breakpoints: [],
      pauseAtStart: false,
    });
    await waitFor(() => expect(screen.getByTestId('run-status')).toHaveAttribute('data-status', 'running'));
    const events = orderHistory('succeeded');
    act(() => run.events('run-1', events.slice(0, 12)));
    await waitFor(() => expect(node('Validate Order')).toHaveAttribute('data-run-status', 'succeeded'));
    expect(node('Validate Order')).toHaveAttribute('data-run-retries', '1');
    expect(node('Save Order')).toHaveAttribute('data-run-status', 'not-reached');
    act(() => {
      run.events('run-1', events.slice(12));
      run.status(ended('succeeded'));
    });
    await waitFor(() => expect(screen.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded'));
    for (const name of ['Validate Order', 'Is Order Valid?', 'Reserve Inventory', 'Charge Payment', 'Save Order', 'Send Confirmation', 'Order Complete']) {
      expect(node(name)).toHaveAttribute('data-run-status', 'succeeded');
    }
    expect(node('Release Inventory')).toHaveAttribute('data-run-status', 'not-reached');
    expect(document.querySelector('[data-edge-id="/States/Send Confirmation->/States/Order Complete#0"]')).toHaveAttribute('data-run', 'taken');
    expect(screen.getByTestId('run-output')).toHaveTextContent('COMPLETE');
    expect(screen.getByTestId('event-count')).toHaveTextContent(`${events.length} events`);
  });

  it('pauses a running run from the toolbar and with F6', async () => {
    const user = userEvent.setup();
    const run = fakeRunApi();
    await renderApp(run);
    await user.click(screen.getByTestId('toolbar-run'));
    await waitFor(() => expect(screen.getByTestId('run-status')).toHaveAttribute('data-status', 'running'));
    await user.click(screen.getByTestId('toolbar-pause'));
    expect(run.pauseRun).toHaveBeenCalledTimes(1);
    await user.keyboard('{F6}');
    expect(run.pauseRun).toHaveBeenCalledTimes(2);
  });

  it('keeps events that arrive before start_run answers', async () => {
    const user = userEvent.setup();
    const run = fakeRunApi();
    const start = run.startRun;
    run.startRun = vi.fn((req) => {
      run.events('run-1', orderHistory('succeeded').slice(0, 6));
      return start(req);
    });
    await renderApp(run);
    await user.click(screen.getByTestId('toolbar-run'));
    await waitFor(() => expect(node('Validate Order')).toHaveAttribute('data-run-status', 'running'));
  });

  it('shows the selected state’s stages, and filters the events', async () => {
    const user = userEvent.setup();
    const run = fakeRunApi();
    await renderApp(run);
    await user.click(screen.getByTestId('toolbar-run'));
    act(() => {
      run.events('run-1', orderHistory('caught'));
      run.status(ended('failed'));
    });
    await waitFor(() => expect(node('Charge Payment')).toHaveAttribute('data-run-status', 'caught'));
    fireEvent.click(node('Reserve Inventory'));
    const details = await screen.findByTestId('step-details');
    expect(details).toHaveAttribute('data-state', 'Reserve Inventory');
    expect(within(details).getAllByTestId('stage-value').map((s) => s.dataset.stage)).toEqual([
      'input',
      'afterInputPath',
      'afterParameters',
      'result',
      'afterResultSelector',
      'afterResultPath',
      'output',
    ]);
    fireEvent.click(node('Charge Payment'));
    expect(await screen.findByTestId('step-error')).toHaveTextContent('Payment.Declined');
    expect(screen.getByTestId('step-status')).toHaveAttribute('data-status', 'caught');

    await user.click(screen.getByTestId('event-group-errors'));
    const rows = screen.getAllByTestId('event-row');
    expect(rows.map((r) => r.dataset.type)).toEqual(['TaskFailed', 'TaskFailed', 'ExecutionFailed']);
    await user.click(rows[1]!);
    expect(screen.getByTestId('event-detail')).toHaveTextContent('Payment.Declined');
  });

  it('pauses at a breakpoint, edits the input and continues', async () => {
    const user = userEvent.setup();
    const run = fakeRunApi();
    await renderApp(run);
    fireEvent.click(within(node('Charge Payment')).getByTestId('breakpoint-toggle'));
    expect(run.setBreakpoints).toHaveBeenLastCalledWith(['Charge Payment']);
    await waitFor(() => expect(node('Charge Payment')).toHaveAttribute('data-breakpoint', 'true'));
    await user.click(screen.getByTestId('toolbar-run'));
    expect(run.startRun).toHaveBeenCalledWith(expect.objectContaining({ breakpoints: ['Charge Payment'] }));
    const events = orderHistory('succeeded');
    const at = events.findIndex((e) => e.state === 'Charge Payment');
    act(() => {
      run.events('run-1', events.slice(0, at));
      run.status({
        summary: summary({ id: 'run-1', status: 'paused', durationMs: null }),
        pause: { state: 'Charge Payment', input: '{"amount":10}', reason: 'breakpoint', iterations: [] },
        questions: [],
      });
    });
    const banner = await screen.findByTestId('paused-banner');
    expect(within(banner).getByTestId('paused-state')).toHaveTextContent('Charge Payment');
    expect(screen.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
    await waitFor(() => expect(node('Charge Payment')).toHaveAttribute('data-run-status', 'paused'));
    await user.click(within(banner).getByTestId('run-continue'));
    expect(run.resumeRun).toHaveBeenCalledWith('continue', null);
    // F10 steps.
    await user.keyboard('{F10}');
    expect(run.resumeRun).toHaveBeenLastCalledWith('step', null);
  });

  it('asks for a Task’s result and sends the answer', async () => {
    const user = userEvent.setup();
    const run = fakeRunApi();
    await renderApp(run);
    await user.click(screen.getByTestId('toolbar-run'));
    act(() =>
      run.status({
        summary: summary({ id: 'run-1', status: 'running', durationMs: null }),
        pause: null,
        questions: [
          {
            id: 7,
            state: 'Validate Order',
            resource: 'arn:aws:states:::lambda:invoke',
            input: '{"orderId":"o-1"}',
            attempt: 0,
            shape: {
              template: '{\n  "ExecutedVersion": "$LATEST",\n  "Payload": {\n    "valid": true\n  },\n  "StatusCode": 200\n}',
              wrapper: 'lambdaInvoke',
              reads: [{ path: '$.Payload.valid', readers: ['ResultSelector "valid.$"', 'Choice "Is Order Valid?" rule 1'], problem: null }],
            },
          },
        ],
      }),
    );
    const card = await screen.findByTestId('question-card');
    expect(card).toHaveTextContent('Validate Order');
    expect(within(card).getByTestId('question-input')).toHaveTextContent('"orderId": "o-1"');
    // The answer starts from the shape the machine expects, and says who reads what.
    expect(within(card).getByTestId('question-wrapper')).toHaveTextContent('Payload');
    const read = within(card).getByTestId('question-read');
    expect(read).toHaveAttribute('data-path', '$.Payload.valid');
    expect(read).toHaveTextContent('Choice "Is Order Valid?" rule 1');
    expect(within(card).getByTestId('question-output')).toHaveTextContent('"valid": true');
    await user.click(within(card).getByTestId('question-throw'));
    await user.type(within(card).getByTestId('question-error'), 'Order.Invalid');
    await user.type(within(card).getByTestId('question-cause'), 'no items');
    await user.click(within(card).getByTestId('question-send'));
    expect(run.answerTask).toHaveBeenCalledWith(7, { kind: 'throw', error: 'Order.Invalid', cause: 'no items' });
    expect(screen.queryByTestId('question-card')).toBeNull();
  });

  it('opens a kept run, saves its history, redrives it and deletes it', async () => {
    const user = userEvent.setup();
    const run = fakeRunApi();
    await renderApp(run);
    await user.click(screen.getByTestId('dock-runs'));
    const item = screen.getByTestId('run-item');
    expect(item).toHaveAttribute('data-status', 'failed');
    await user.click(item);
    expect(run.openRun).toHaveBeenCalledWith('old');
    await waitFor(() => expect(screen.getByTestId('run-status')).toHaveAttribute('data-status', 'failed'));
    expect(node('Charge Payment')).toHaveAttribute('data-run-status', 'caught');
    await user.click(screen.getByTestId('tab-run'));
    await user.click(screen.getByTestId('history-save'));
    expect(run.exportHistory).toHaveBeenCalledWith('old');
    await waitFor(() => expect(screen.getByTestId('toast')).toHaveTextContent('/home/me/history.json'));
    await user.click(screen.getByTestId('run-redrive'));
    expect(run.redriveRun).toHaveBeenCalledWith('old');
    await waitFor(() => expect(screen.getByTestId('run-status')).toHaveAttribute('data-status', 'running'));
    // The runs list is still the bottom panel's tab.
    await user.click(screen.getByRole('button', { name: 'Delete run exec-old' }));
    expect(run.deleteRun).toHaveBeenCalledWith('old');
  });

  it('opens a history exported from AWS and replays it', async () => {
    const user = userEvent.setup();
    const run = fakeRunApi();
    await renderApp(run);
    await user.click(screen.getByTestId('dock-runs'));
    await user.click(screen.getByTestId('history-open'));
    expect(run.importHistory).toHaveBeenCalled();
    await waitFor(() => expect(screen.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded'));
    expect(node('Order Complete')).toHaveAttribute('data-run-status', 'succeeded');
    expect(screen.getByTestId('run-summary')).toHaveTextContent('Imported from AWS');
  });

  it('previews a state’s data flow from the inspector', async () => {
    const user = userEvent.setup();
    const run = fakeRunApi();
    await renderApp(run);
    fireEvent.click(node('Validate Order'));
    const preview = await screen.findByTestId('preview');
    const input = within(preview).getByTestId('preview-input');
    await user.clear(input);
    await user.type(input, '{{"order":1}');
    await user.click(within(preview).getByTestId('preview-run'));
    expect(run.previewState).toHaveBeenCalledWith({
      pointer: '/States/Validate Order',
      input: '{"order":1}',
      result: '{}',
      error: null,
      cause: null,
      variables: '',
    });
    expect(await within(preview).findByTestId('preview-status')).toHaveTextContent('Succeeded');
    expect(within(preview).getAllByTestId('preview-stage')).toHaveLength(3);
    expect(within(preview).getByTestId('preview-next')).toHaveTextContent('Is Order Valid?');
  });

  it('toggles a breakpoint on the selected state with F9', async () => {
    const user = userEvent.setup();
    const run = fakeRunApi();
    await renderApp(run);
    fireEvent.click(node('Save Order'));
    await user.keyboard('{F9}');
    expect(run.setBreakpoints).toHaveBeenLastCalledWith(['Save Order']);
    expect(await screen.findByTestId('inspector-breakpoint')).toHaveAttribute('aria-pressed', 'true');
  });
});
