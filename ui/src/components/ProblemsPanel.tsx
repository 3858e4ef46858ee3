import type { ReactElement } from 'react';
import type { ProblemRow } from '../bindings/ProblemRow';
import type { StateRow } from '../bindings/StateRow';
import { countBySeverity, displayPointer, plural, sortProblems, stateAt } from '../lib/problems';
import { CheckIcon, ErrorIcon, WarningIcon } from './icons';

interface ProblemsPanelProps {
  problems: readonly ProblemRow[];
  states: readonly StateRow[];
  onSelect: (pointer: string) => void;
}

export function ProblemsPanel({ problems, states, onSelect }: ProblemsPanelProps): ReactElement {
  const { errors, warnings } = countBySeverity(problems);
  return (
    <section className="panel problems-panel" aria-labelledby="problems-heading">
      <header className="panel-header">
        <h2 id="problems-heading">Problems</h2>
        {errors > 0 && <span className="count count--error">{plural(errors, 'error')}</span>}
        {warnings > 0 && <span className="count count--warning">{plural(warnings, 'warning')}</span>}
      </header>
      <div className="panel-body">
        {problems.length === 0 ? (
          <div className="no-problems" role="status">
            <CheckIcon width={28} height={28} />
            <p>No problems</p>
            <span>The definition passed every check.</span>
          </div>
        ) : (
          <ul className="problem-list" aria-label="Problems">
            {sortProblems(problems).map((problem, i) => {
              const state = stateAt(states, problem.pointer);
              return (
                <li key={`${problem.pointer}|${problem.code}|${i}`}>
                  <button
                    type="button"
                    className={`problem problem--${problem.severity}`}
                    data-pointer={problem.pointer}
                    data-code={problem.code}
                    onClick={() => state !== undefined && onSelect(state.pointer)}
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
