import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import definition from '../../../examples/order-processing.asl.json';
import { App } from '../App';
import type { Diagram } from '../bindings/Diagram';
import type { MachineCoverage } from '../bindings/MachineCoverage';
import type { TestsView } from '../bindings/TestsView';
import { installXyflowEnv } from '../canvas/__fixtures__/xyflowEnv';
import order from '../canvas/__harness__/order-processing.json';
import type { RunApi } from '../run/api';
import { orderHistory, staticDocumentApi, summary } from '../run/testing';
import { documentView } from '../test/documentView';
import type { TestsApi } from './api';

beforeAll(() => {
  installXyflowEnv();
  const rect = (): DOMRect => ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON: () => ({}) }) as DOMRect;
  Range.prototype.getBoundingClientRect = rect;
  Range.prototype.getClientRects = (): DOMRectList => Object.assign([], { item: () => null }) as unknown as DOMRectList;
});

beforeEach(() => {
  window.localStorage.setItem('stepwise.runSpeed', 'instant');
});

const diagram = order as Diagram;
const view = documentView({
  path: '/home/me/order-processing.asl.json',
  fileName: 'order-processing.asl.json',
  text: JSON.stringify(definition, null, 2),
  diagram,
  states: diagram.nodes
    .filter((n) => n.type !== 'Start' && n.type !== 'End')
    .map((n) => ({ pointer: n.id, name: n.name, stateType: n.type, depth: 0, from: null, to: null })),
});

/** A run API that only has the imported run to offer. */
function runApi(): RunApi {
  const none = (): Promise<never> => Promise.reject(new Error('not in this test'));
  return {
    runSetup: vi.fn(() => Promise.resolve({ input: '{}', savedInputs: [], files: [], lastTasks: null, breakpoints: [], runs: [], active: null })),
    pickRunFile: none,
    saveInput: none,
    deleteInput: none,
    startRun: none,
    stopRun: none,
    pauseRun: none,
    resumeRun: none,
    setBreakpoints: vi.fn(() => Promise.resolve()),
    answerTask: none,
    redriveRun: none,
    listRuns: vi.fn(() => Promise.resolve([])),
    openRun: none,
    deleteRun: none,
    exportHistory: none,
    importHistory: vi.fn(() => Promise.resolve({ summary: summary({ id: 'imp', name: 'from-aws', origin: 'imported' as const }), events: orderHistory('succeeded') })),
    previewState: none,
    evaluateExpression: none,
    onRunEvents: vi.fn(() => Promise.resolve(() => undefined)),
    onRunStatus: vi.fn(() => Promise.resolve(() => undefined)),
  };
}

// Untaken: the Choice's Default (Reject Order never entered).
const coverage: MachineCoverage = {
  machine: 'order-processing.asl.json',
  summary: { statesEntered: 1, statesTotal: 2, transitionsTaken: 0, transitionsTotal: 1, statesPercent: 50, transitionsPercent: 0 },
  states: [
    { name: 'Is Order Valid?', pointer: '/States/Is Order Valid?', entered: 1 },
    { name: 'Reject Order', pointer: '/States/Reject Order', entered: 0 },
  ],
  transitions: [{ from: 'Is Order Valid?', kind: 'default', to: 'Reject Order', taken: 0 }],
};

function testsApi(): TestsApi {
  let current: TestsView = { home: 'file', path: '/home/me/order-processing.tests.json', file: { tests: [] }, mockConfig: null, testCases: [], error: null };
  return {
    loadTests: vi.fn(() => Promise.resolve(current)),
    saveTests: vi.fn((file) => Promise.resolve((current = { ...current, file }))),
    runTests: vi.fn(() => Promise.resolve({ results: [], coverage, all: true, millis: 3 })),
    openTestRun: vi.fn(() => Promise.reject(new Error('not in this test'))),
    saveRunAsTest: vi.fn((_runId: string, name: string) => {
      current = { ...current, file: { tests: [{ name, input: { order: 1 }, expect: { output: { done: true } } }] } };
      return Promise.resolve({ view: current, index: 0 });
    }),
  };
}

describe('tests in the app', { timeout: 20_000 }, () => {
  it('saves a run as a test and opens it in the Tests panel\'s form', async () => {
    const user = userEvent.setup();
    const tests = testsApi();
    render(<App api={staticDocumentApi(view)} runApi={runApi()} testsApi={tests} />);
    await waitFor(() => expect(screen.getByTestId('dock-runs')).toBeEnabled());
    await user.click(screen.getByTestId('dock-runs'));
    await user.click(screen.getByTestId('history-open'));
    await waitFor(() => expect(screen.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded'));
    await user.click(screen.getByTestId('tab-run'));
    await user.click(await screen.findByTestId('run-save-as-test'));
    expect(tests.saveRunAsTest).toHaveBeenCalledWith('imp', 'succeeds');
    expect(await screen.findByTestId('test-form')).toBeInTheDocument();
    expect(screen.getByTestId('dock-tests')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('tf-name')).toHaveValue('succeeds');
    expect(screen.getByTestId('toast')).toHaveTextContent('saved in /home/me/order-processing.tests.json');
  });

  it('runs every test with F7 and draws the coverage on the canvas', async () => {
    const user = userEvent.setup();
    const tests = testsApi();
    render(<App api={staticDocumentApi(view)} runApi={runApi()} testsApi={tests} />);
    await waitFor(() => expect(tests.loadTests).toHaveBeenCalled());
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F7' }));
      await Promise.resolve();
    });
    expect(tests.runTests).toHaveBeenCalledWith(null);
    await user.click(await screen.findByTestId('tests-coverage-toggle'));
    await waitFor(() => expect(screen.getByTestId('canvas')).toHaveAttribute('data-coverage-shown', 'true'));
    const rejected = document.querySelector('[data-testid="state-node"][data-name="Reject Order"]');
    expect(rejected).toHaveAttribute('data-coverage', 'unentered');
    const untaken = [...document.querySelectorAll<HTMLElement>('[data-testid="edge"][data-coverage="untaken"]')];
    expect(untaken.map((e) => [e.dataset.kind, e.dataset.target])).toEqual([['default', '/States/Reject Order']]);
  });
});
