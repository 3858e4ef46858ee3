import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { MachineCoverage } from '../bindings/MachineCoverage';
import type { StateRow } from '../bindings/StateRow';
import type { TestDef } from '../bindings/TestDef';
import type { TestResult } from '../bindings/TestResult';
import type { TestsRun } from '../bindings/TestsRun';
import type { TestsView } from '../bindings/TestsView';
import type { TestsApi } from './api';
import { TestsPanel } from './TestsPanel';
import { useTests } from './useTests';

beforeAll(() => {
  // jsdom has no layout: CodeMirror measures text through Range rects.
  const rect = (): DOMRect => ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON: () => ({}) }) as DOMRect;
  Range.prototype.getBoundingClientRect = rect;
  Range.prototype.getClientRects = (): DOMRectList => Object.assign([], { item: () => null }) as unknown as DOMRectList;
});

const STATES: StateRow[] = ['Validate', 'Charge', 'Ship'].map((name, i) => ({ pointer: `/States/${name}`, name, stateType: i === 0 ? 'Pass' : 'Task', depth: 0, from: null, to: null }));

const COVERAGE: MachineCoverage = {
  machine: 'order.asl.json',
  summary: { statesEntered: 3, statesTotal: 3, transitionsTaken: 1, transitionsTotal: 2, statesPercent: 100, transitionsPercent: 50 },
  states: [],
  transitions: [{ from: 'Charge', kind: 'retry', index: 0, to: 'Charge', taken: 0 }],
};

function view(tests: TestDef[]): TestsView {
  return { home: 'file', path: '/w/order.tests.json', file: { tests }, mockConfig: null, testCases: ['HappyPath'], error: null };
}

function passed(name: string, i: number): TestResult {
  return { suite: 'order.tests.json', name, pointer: `/tests/${i}`, verdict: 'passed', failures: [], status: 'SUCCEEDED', millis: 0.4 };
}

const FAILED: TestResult = {
  suite: 'order.tests.json',
  name: 'declined',
  pointer: '/tests/1',
  verdict: 'failed',
  status: 'SUCCEEDED',
  millis: 2,
  failures: [
    {
      pointer: '/tests/1/expect/output',
      message: 'the output differs',
      differences: [{ pointer: '/status', expected: 'declined', actual: 'shipped' }],
    },
  ],
};

function fakeApi(tests: TestDef[], results: (names: string[] | null) => TestResult[]): TestsApi & { saved: TestDef[][] } {
  let current = view(tests);
  const saved: TestDef[][] = [];
  return {
    saved,
    loadTests: vi.fn(() => Promise.resolve(current)),
    saveTests: vi.fn((file) => {
      saved.push(file.tests);
      current = { ...current, file };
      return Promise.resolve(current);
    }),
    runTests: vi.fn((names: string[] | null): Promise<TestsRun> => Promise.resolve({ results: results(names), coverage: COVERAGE, all: names === null, millis: 12 })),
    openTestRun: vi.fn(() => Promise.reject(new Error('not in this test'))),
    saveRunAsTest: vi.fn(() => Promise.reject(new Error('not in this test'))),
  };
}

function Panel({ api, onShowRun = () => undefined }: { api: TestsApi; onShowRun?: (name: string) => void }): ReactElement | null {
  const tests = useTests(api, 'order.asl.json', () => undefined);
  return tests === null ? null : <TestsPanel tests={tests} states={STATES} dark={false} onShowRun={onShowRun} />;
}

describe('the Tests panel', () => {
  it('lists the tests, runs them all and shows each verdict and the tally', async () => {
    const api = fakeApi([{ name: 'happy', expect: {} }, { name: 'declined', testCase: 'HappyPath', expect: {} }], () => [passed('happy', 0), FAILED]);
    render(<Panel api={api} />);
    const rows = await screen.findAllByTestId('test-row');
    expect(rows.map((r) => r.dataset.verdict)).toEqual(['none', 'none']);
    fireEvent.click(screen.getByTestId('tests-run-all'));
    await waitFor(() => expect(screen.getAllByTestId('test-row').map((r) => r.dataset.verdict)).toEqual(['passed', 'failed']));
    expect(screen.getByTestId('tests-tally').textContent).toContain('1 passed');
    expect(screen.getByTestId('tests-tally').textContent).toContain('1 failed');
    expect(api.runTests).toHaveBeenCalledWith(null);
  });

  it('shows a failing test\'s differences and opens its run', async () => {
    const api = fakeApi([{ name: 'declined', expect: {} }], () => [FAILED]);
    const onShowRun = vi.fn();
    render(<Panel api={api} onShowRun={onShowRun} />);
    fireEvent.click(await screen.findByTestId('test-run-one'));
    await waitFor(() => expect(screen.getByTestId('test-row').dataset.verdict).toBe('failed'));
    expect(api.runTests).toHaveBeenCalledWith(['declined']);
    fireEvent.click(screen.getByTestId('test-row'));
    // Clicking a failing test shows its run, too.
    expect(onShowRun).toHaveBeenCalledWith('declined');
    onShowRun.mockClear();
    const diff = await screen.findByTestId('test-difference');
    expect(diff.dataset.pointer).toBe('/status');
    expect(within(diff).getByText('"declined"')).toBeTruthy();
    expect(within(diff).getByText('"shipped"')).toBeTruthy();
    fireEvent.click(screen.getByTestId('test-show-run'));
    expect(onShowRun).toHaveBeenCalledWith('declined');
  });

  it('edits a test in the form and saves the file', async () => {
    const api = fakeApi([{ name: 'happy', expect: {} }], () => []);
    render(<Panel api={api} />);
    fireEvent.doubleClick(await screen.findByTestId('test-row'));
    const form = await screen.findByTestId('test-form');
    fireEvent.change(within(form).getByTestId('tf-name'), { target: { value: 'happy path' } });
    fireEvent.change(within(form).getByTestId('tf-test-case'), { target: { value: 'HappyPath' } });
    fireEvent.change(within(form).getByTestId('tf-status'), { target: { value: 'FAILED' } });
    fireEvent.change(within(form).getByTestId('tf-error'), { target: { value: 'Declined' } });
    fireEvent.click(within(form).getByTestId('tf-add-mock'));
    fireEvent.click(within(form).getByTestId('tf-save'));
    await waitFor(() => expect(api.saved).toHaveLength(1));
    expect(api.saved[0]).toEqual([
      { name: 'happy path', testCase: 'HappyPath', mocks: { Charge: { '0': { Return: {} } } }, expect: { status: 'FAILED', error: 'Declined' } },
    ]);
  });

  it('lists the retries coverage cannot draw once coverage is on', async () => {
    const api = fakeApi([{ name: 'happy', expect: {} }], () => [passed('happy', 0)]);
    render(<Panel api={api} />);
    expect((await screen.findByTestId('tests-coverage-toggle')).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByTestId('tests-run-all'));
    await waitFor(() => expect(screen.getByTestId('tests-coverage-summary').textContent).toBe('50% transitions · 100% states'));
    fireEvent.click(screen.getByTestId('tests-coverage-toggle'));
    expect(screen.getByTestId('tests-retries').textContent).toContain('Charge · Retry 1 · never fired');
  });

  it('shows the results of 500 tests within 100 ms of their arrival', async () => {
    const tests: TestDef[] = Array.from({ length: 500 }, (_, i) => ({ name: `test ${i}`, testCase: 'HappyPath', expect: {} }));
    const results = tests.map((t, i) => (i % 50 === 7 ? { ...FAILED, name: t.name, pointer: `/tests/${i}` } : passed(t.name, i)));
    let deliver: (run: TestsRun) => void = () => undefined;
    const api = fakeApi(tests, () => []);
    api.runTests = vi.fn(() => new Promise<TestsRun>((resolve) => (deliver = resolve)));
    render(<Panel api={api} />);
    await waitFor(() => expect(screen.getByTestId('test-list').dataset.count).toBe('500'));
    fireEvent.click(screen.getByTestId('tests-run-all'));
    await waitFor(() => expect(screen.getAllByTestId('test-row')[0]?.dataset.verdict).toBe('running'));
    // From the reply arriving to every row showing its verdict (React's commit included).
    const started = performance.now();
    await act(async () => {
      deliver({ results, coverage: COVERAGE, all: true, millis: 300 });
      await Promise.resolve();
    });
    const rows = screen.getAllByTestId('test-row');
    const tallied = screen.getByTestId('tests-tally').textContent ?? '';
    const elapsed = performance.now() - started;
    // The rows in view show their verdicts (test 7 failed); the tally counts all 500.
    expect(rows.length).toBeLessThan(60);
    expect(rows.map((r) => r.dataset.verdict)).toEqual(rows.map((r) => (r.dataset.name === 'test 7' ? 'failed' : 'passed')));
    expect(tallied).toContain('490 passed');
    expect(tallied).toContain('10 failed');
    console.info(`500 test results shown in ${elapsed.toFixed(1)} ms`);
    expect(elapsed).toBeLessThan(100);
  });
});
