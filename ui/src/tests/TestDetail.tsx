import type { ReactElement } from 'react';
import type { Failure } from '../bindings/Failure';
import type { TestDef } from '../bindings/TestDef';
import type { TestResult } from '../bindings/TestResult';
import { formatMillis, VerdictBadge } from './TestList';

/** A JSON value in one line, for a table cell; `—` when absent. */
export function brief(v: unknown): string {
  if (v === undefined) return '—';
  const text = JSON.stringify(v);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function FailureView({ failure }: { failure: Failure }): ReactElement {
  return (
    <li className="tp-failure" data-testid="test-failure" data-pointer={failure.pointer}>
      <div className="tp-failure__message">{failure.message}</div>
      <div className="tp-failure__where" title="Where the expectation is in the tests file">
        {failure.pointer}
      </div>
      {failure.differences.length > 0 && (
        <table className="tp-diff" data-testid="test-diff">
          <thead>
            <tr>
              <th>At</th>
              <th>Expected</th>
              <th>Got</th>
            </tr>
          </thead>
          <tbody>
            {failure.differences.map((d, i) => (
              <tr key={`${d.pointer}-${i}`} data-testid="test-difference" data-pointer={d.pointer}>
                <td className="tp-diff__at">{d.pointer === '' ? '(the whole value)' : d.pointer}</td>
                <td className="tp-diff__expected">{brief(d.expected)}</td>
                <td className="tp-diff__actual">{brief(d.actual)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

export interface TestDetailProps {
  test: TestDef;
  index: number;
  result: TestResult | undefined;
  running: boolean;
  onRun: (name: string) => void;
  onEdit: (index: number) => void;
  onShowRun: (name: string) => void;
}

/** The selected test: its last result, the failures with where values differ, and actions. */
export function TestDetail({ test, index, result, running, onRun, onEdit, onShowRun }: TestDetailProps): ReactElement {
  const verdict = running ? 'running' : (result?.verdict ?? 'none');
  return (
    <section className="tp-detail" data-testid="test-detail" data-name={test.name}>
      <header className="tp-detail__head">
        <VerdictBadge verdict={verdict} />
        <h3 className="tp-detail__name" title={test.name}>
          {test.name}
        </h3>
        <div className="tp-detail__actions">
          <button type="button" className="button rp-small" onClick={() => onRun(test.name)} disabled={running} data-testid="test-run">
            Run
          </button>
          <button
            type="button"
            className="button rp-small"
            onClick={() => onShowRun(test.name)}
            disabled={result === undefined || result.status === undefined}
            title="Show this test's execution on the canvas, in the events and the timeline"
            data-testid="test-show-run"
          >
            Show run
          </button>
          <button type="button" className="button rp-small" onClick={() => onEdit(index)} data-testid="test-edit">
            Edit
          </button>
        </div>
      </header>
      {result === undefined ? (
        <p className="rp-empty">Not run yet. Run it (Shift+F7), or run all the tests (F7).</p>
      ) : (
        <>
          <p className="tp-detail__summary" data-testid="test-summary">
            {result.status === undefined
              ? 'The test could not run.'
              : `The execution ended ${result.status}${result.error !== undefined ? ` (${result.error})` : ''} in ${formatMillis(result.millis)}.`}
            {result.verdict === 'passed' && ' Every expectation is met.'}
          </p>
          {result.failures.length > 0 && (
            <ul className="tp-failures" aria-label="Failures">
              {result.failures.map((f, i) => (
                <FailureView key={`${f.pointer}-${i}`} failure={f} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
