import { memo, useEffect, useRef, useState, type ReactElement } from 'react';
import type { TestDef } from '../bindings/TestDef';
import type { TestResult } from '../bindings/TestResult';

export type RowVerdict = TestResult['verdict'] | 'running' | 'none';

const VERDICT_LABEL: Record<RowVerdict, string> = { passed: 'Pass', failed: 'Fail', error: 'Error', running: 'Running', none: 'Not run' };

export function VerdictBadge({ verdict }: { verdict: RowVerdict }): ReactElement {
  return (
    <span className={`tp-badge tp-badge--${verdict}`} data-testid="test-verdict" data-verdict={verdict}>
      {VERDICT_LABEL[verdict]}
    </span>
  );
}

export function formatMillis(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Rows are this tall (CSS `.tp-row`): the list draws only those in view. */
export const ROW_HEIGHT = 30;
const OVERSCAN = 8;

/** The rows `[from, to)` to draw for a scroll position. */
export function visibleRows(count: number, top: number, height: number): { from: number; to: number } {
  const from = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const to = Math.min(count, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  return { from, to };
}

interface RowProps {
  top: number;
  test: TestDef;
  index: number;
  result: TestResult | undefined;
  running: boolean;
  selected: boolean;
  onSelect: (name: string) => void;
  onRun: (name: string) => void;
  onEdit: (index: number) => void;
}

/** One test: its last verdict, name, what answers its Tasks, and time. Memo'd: a run of one
 * test re-renders one row of 500. */
const TestRow = memo(function TestRow({ top, test, index, result, running, selected, onSelect, onRun, onEdit }: RowProps): ReactElement {
  const verdict: RowVerdict = running ? 'running' : (result?.verdict ?? 'none');
  const source = test.testCase !== undefined ? `case ${test.testCase}` : Object.keys(test.mocks ?? {}).length > 0 ? 'inline mocks' : null;
  return (
    <li
      className={selected ? 'tp-row is-selected' : 'tp-row'}
      data-testid="test-row"
      data-name={test.name}
      data-verdict={verdict}
      aria-selected={selected}
      style={{ top }}
      onClick={() => onSelect(test.name)}
      onDoubleClick={() => onEdit(index)}
    >
      <VerdictBadge verdict={verdict} />
      <span className="tp-row__name" title={test.name}>
        {test.name}
      </span>
      {source !== null && <span className="tp-row__source">{source}</span>}
      <span className="tp-row__time">{result !== undefined && !running ? formatMillis(result.millis) : ''}</span>
      <button
        type="button"
        className="rp-icon tp-row__run"
        aria-label={`Run test ${test.name}`}
        title="Run this test"
        data-testid="test-run-one"
        disabled={running}
        onClick={(e) => {
          e.stopPropagation();
          onRun(test.name);
        }}
      >
        <svg width="11" height="11" viewBox="0 0 12 12" aria-hidden="true">
          <path d="M3 1.8v8.4L10 6z" fill="currentColor" />
        </svg>
      </button>
    </li>
  );
});

export interface TestListProps {
  tests: readonly TestDef[];
  results: ReadonlyMap<string, TestResult>;
  running: ReadonlySet<string>;
  selected: string | null;
  onSelect: (name: string) => void;
  onRun: (name: string) => void;
  onEdit: (index: number) => void;
}

/** The tests, 500 of them as fast as 5: only the rows in view are in the DOM, so a run's
 * results redraw a screenful of rows, not the whole file. */
export function TestList({ tests, results, running, selected, onSelect, onRun, onEdit }: TestListProps): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 400 });
  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const measure = (): void => setView({ top: el.scrollTop, height: el.clientHeight || 400 });
    measure();
    if (typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // The selected test stays in view (selected from the keyboard, or a new test at the end).
  const at = selected === null ? -1 : tests.findIndex((t) => t.name === selected);
  useEffect(() => {
    const el = box.current;
    if (el === null || at < 0) return;
    const y = at * ROW_HEIGHT;
    if (y < el.scrollTop) el.scrollTop = y;
    else if (y + ROW_HEIGHT > el.scrollTop + el.clientHeight && el.clientHeight > 0) el.scrollTop = y + ROW_HEIGHT - el.clientHeight;
  }, [at]);
  const { from, to } = visibleRows(tests.length, view.top, view.height);
  return (
    <div className="tp-scroll" ref={box} onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight || 400 })}>
      <ul className="tp-list" data-testid="test-list" data-count={tests.length} aria-label="Tests" style={{ height: tests.length * ROW_HEIGHT }}>
        {tests.slice(from, to).map((t, k) => (
          <TestRow
            key={t.name}
            top={(from + k) * ROW_HEIGHT}
            test={t}
            index={from + k}
            result={results.get(t.name)}
            running={running.has(t.name)}
            selected={selected === t.name}
            onSelect={onSelect}
            onRun={onRun}
            onEdit={onEdit}
          />
        ))}
      </ul>
    </div>
  );
}
