import { useCallback, useEffect, type ReactElement } from 'react';
import type { StateRow } from '../bindings/StateRow';
import type { TestsView } from '../bindings/TestsView';
import { describeTransition } from './coverage';
import { newTest } from './formModel';
import { TestDetail } from './TestDetail';
import { TestFormView } from './TestFormView';
import { formatMillis, TestList } from './TestList';
import type { TestsSession } from './useTests';
import './tests.css';

export interface TestsPanelProps {
  tests: TestsSession;
  /** The machine's states (for the form's selects). */
  states: readonly StateRow[];
  dark: boolean;
  /** Shows a test's last execution on the canvas. */
  onShowRun: (name: string) => void;
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

declare global {
  interface Window {
    /** How long the last run's results took from arriving to the next frame after they were
     * drawn, for the end-to-end test of a 500-test file. */
    __stepwiseTestsShownMs?: { ms: number; count: number };
  }
}

/** Where the tests are, in a sentence. */
function homeNote(view: TestsView): string {
  const path = view.path ?? '';
  switch (view.home) {
    case 'file':
      return fileName(path);
    case 'mockConfig':
      return `No tests file yet: these are the mock config's test cases, each must succeed. Saving a test creates ${fileName(path)}.`;
    case 'memory':
      return 'This machine has no file yet: its tests are kept with this window, and written next to it as <name>.tests.json when you save it to a file.';
  }
}

/** The bottom panel's Tests tab: the file's tests and their last results, run all or one,
 * a failure's differences, the coverage of the last run of all, and the test form. */
export function TestsPanel({ tests, states, dark, onShowRun }: TestsPanelProps): ReactElement {
  const { view, store, results, running, selected, editing, coverage, coverageShown, tally, runningAll } = tests;
  const names = states.map((s) => s.name);
  const tasks = states.filter((s) => s.stateType === 'Task').map((s) => s.name);
  const onEdit = useCallback((index: number) => store.edit(index), [store]);
  const onRun = useCallback((name: string) => void store.runOne(name), [store]);
  useEffect(() => {
    const at = store.arrivedAt;
    if (at === null || typeof requestAnimationFrame !== 'function') return;
    store.arrivedAt = null;
    const frame = requestAnimationFrame(() => {
      window.__stepwiseTestsShownMs = { ms: performance.now() - at, count: results.size };
    });
    return () => cancelAnimationFrame(frame);
  }, [store, results]);
  // A failing test, clicked, shows its run on the canvas next to its differences.
  const onSelect = useCallback(
    (name: string) => {
      store.select(name);
      if (store.getState().results.get(name)?.verdict === 'failed') onShowRun(name);
    },
    [store, onShowRun],
  );
  if (view === null) return <p className="rp-empty">Loading the tests…</p>;
  const list = view.file.tests;
  const selectedIndex = selected === null ? -1 : list.findIndex((t) => t.name === selected);
  const editingTest = editing === null ? undefined : list[editing];
  const addTest = (): void => {
    const taken = new Set(list.map((t) => t.name));
    let name = 'new test';
    for (let i = 2; taken.has(name); i++) name = `new test ${i}`;
    void store.saveTest(list.length, newTest(name)).then((ok) => ok && store.edit(list.length));
  };
  const retries = coverage?.transitions.filter((t) => t.kind === 'retry') ?? [];

  return (
    <div className="tp" data-testid="tests-panel" data-home={view.home}>
      <div className="tp-bar">
        <button type="button" className="button button--primary rp-small" onClick={() => void store.runAll()} disabled={runningAll || list.length === 0} data-testid="tests-run-all" title="Run every test (F7)">
          {runningAll ? 'Running…' : 'Run all'} <kbd>F7</kbd>
        </button>
        <button type="button" className="button rp-small" onClick={store.runSelected} disabled={selected === null} data-testid="tests-run-selected" title="Run the selected test (Shift+F7)">
          Run selected <kbd>⇧F7</kbd>
        </button>
        <button type="button" className="button rp-small" onClick={addTest} data-testid="tests-new" title="A new test, opened in the form">
          New test
        </button>
        <button
          type="button"
          className={coverageShown ? 'button rp-small is-on' : 'button rp-small'}
          onClick={store.toggleCoverage}
          disabled={coverage === null}
          aria-pressed={coverageShown}
          data-testid="tests-coverage-toggle"
          title={coverage === null ? 'Run all the tests to see what they cover' : 'Show on the canvas what the tests never took (dashed red) and never entered (faded)'}
        >
          Coverage
          {coverage !== null && (
            <span className="tp-cov" data-testid="tests-coverage-summary">
              {coverage.summary.transitionsPercent}% transitions · {coverage.summary.statesPercent}% states
            </span>
          )}
        </button>
        {tally !== null && (
          <span className="tp-tally" data-testid="tests-tally">
            <span className="tp-tally__ok">{tally.passed} passed</span>
            {tally.failed > 0 && <span className="tp-tally__fail">{tally.failed} failed</span>}
            {tally.errors > 0 && <span className="tp-tally__fail">{tally.errors} could not run</span>}
            <span className="tp-tally__time">{formatMillis(tally.millis)}</span>
          </span>
        )}
      </div>
      {view.error !== null && (
        <p className="tp-error" role="alert" data-testid="tests-error">
          {view.error}
        </p>
      )}
      <div className="tp-body">
        <div className="tp-left">
          {list.length === 0 ? (
            <p className="rp-empty" data-testid="tests-empty">
              No tests yet. Run the machine and press <b>Save as test</b> in the Run tab, or make one with <b>New test</b>.
            </p>
          ) : (
            <TestList tests={list} results={results} running={running} selected={selected} onSelect={onSelect} onRun={onRun} onEdit={onEdit} />
          )}
          <p className={view.home === 'file' ? 'tp-home' : 'tp-home tp-home--note'} title={view.path ?? undefined} data-testid="tests-home">
            {homeNote(view)}
          </p>
          {coverageShown && coverage !== null && retries.length > 0 && (
            <div className="tp-retries" data-testid="tests-retries">
              <span className="tp-retries__title">Retries (no edge on the canvas)</span>
              {retries.map((t) => (
                <span
                  key={`${t.from}-${t.index ?? 0}`}
                  className={t.taken > 0 ? 'tp-retry is-taken' : 'tp-retry'}
                  data-taken={t.taken > 0}
                  title={`${describeTransition(t)}: ${t.taken > 0 ? `fired ${t.taken}×` : 'never fired'}`}
                >
                  {t.from} · Retry {(t.index ?? 0) + 1} · {t.taken > 0 ? `fired ${t.taken}×` : 'never fired'}
                </span>
              ))}
            </div>
          )}
        </div>
        <div className="tp-right">
          {editing !== null && editingTest !== undefined ? (
            <TestFormView
              key={`${editing}-${editingTest.name}`}
              test={editingTest}
              testCases={view.testCases}
              states={names}
              tasks={tasks}
              dark={dark}
              onSave={(t) => store.saveTest(editing, t)}
              onCancel={() => store.edit(null)}
              onDelete={() => void store.deleteTest(editing)}
            />
          ) : selectedIndex >= 0 && list[selectedIndex] !== undefined ? (
            <TestDetail
              test={list[selectedIndex]}
              index={selectedIndex}
              result={results.get(list[selectedIndex].name)}
              running={running.has(list[selectedIndex].name)}
              onRun={onRun}
              onEdit={onEdit}
              onShowRun={onShowRun}
            />
          ) : (
            <p className="rp-empty">Select a test to see its result; double-click to edit it.</p>
          )}
        </div>
      </div>
    </div>
  );
}
