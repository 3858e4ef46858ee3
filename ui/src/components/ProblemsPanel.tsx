import type { ReactElement } from 'react';
import type { ProblemRow } from '../bindings/ProblemRow';
import type { StateRow } from '../bindings/StateRow';
import { countBySeverity, displayPointer, plural, sortProblems } from '../lib/problems';
import { CheckIcon, ErrorIcon, WarningIcon } from './icons';

interface ProblemsPanelProps {
  problems: readonly ProblemRow[];
  states: readonly StateRow[];
  /** A problem was clicked: `state` is the pointer of the state it is in, when it is in one. */
  onSelect: (state: string | null, problem: ProblemRow) => void;
  /** Shown above the list: a syntax error in the code view, which is not a validator problem. */
  textError?: string | null;
}

export function ProblemsPanel({ problems, states, onSelect, textError = null }: ProblemsPanelProps): ReactElement {
  const byPointer = new Map(states.map((s) => [s.pointer, s]));
  const { errors, warnings } = countBySeverity(problems);
  return (
    <section className="panel problems-panel" aria-labelledby="problems-heading">
      <header className="panel-header">
        <h2 id="problems-heading">Problems</h2>
        {errors > 0 && <span className="count count--error">{plural(errors, 'error')}</span>}
        {warnings > 0 && <span className="count count--warning">{plural(warnings, 'warning')}</span>}
      </header>
      <div className="panel-body">
        {textError !== null && (
          <div className="problem problem--error problem--syntax" role="alert" data-testid="syntax-error">
            <span className="problem-icon" aria-label="error">
              <ErrorIcon />
            </span>
            <span className="problem-main">
              <span className="problem-head">
                <code className="problem-code">syntax</code>
              </span>
              <span className="problem-message">{textError}</span>
            </span>
          </div>
        )}
        {problems.length === 0 && textError === null ? (
          <div className="no-problems" role="status">
            <CheckIcon width={28} height={28} />
            <p>No problems</p>
            <span>The definition passed every check.</span>
          </div>
        ) : (
          <ul className="problem-list" aria-label="Problems">
            {sortProblems(problems).map((problem, i) => {
              const state = problem.state === null ? undefined : byPointer.get(problem.state);
              return (
                <li key={`${problem.pointer}|${problem.code}|${i}`}>
                  <button
                    type="button"
                    className={`problem problem--${problem.severity}`}
                    data-pointer={problem.pointer}
                    data-code={problem.code}
                    onClick={() => onSelect(state?.pointer ?? null, problem)}
                  >
                    <span className="problem-icon" aria-label={problem.severity}>
                      {problem.severity === 'error' ? <ErrorIcon /> : <WarningIcon />}
                    </span>
                    <span className="problem-main">
                      <span className="problem-head">
                        <code className="problem-code">{problem.code}</code>
                        {state !== undefined && <span className="problem-state">in {state.name}</span>}
                      </span>
                      <span className="problem-message">{problem.message}</span>
                      <code className="problem-pointer">{displayPointer(problem.pointer)}</code>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
