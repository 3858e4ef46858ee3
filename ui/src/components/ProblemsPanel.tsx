import type { ReactElement } from 'react';
import type { ProblemRow } from '../bindings/ProblemRow';
import type { StateRow } from '../bindings/StateRow';
import type { TextError } from '../bindings/TextError';
import { countBySeverity, displayPointer, plural, sortProblems, syntaxProblem, withSyntaxError } from '../lib/problems';
import { revealField } from '../lib/reveal';
import { CheckIcon, ErrorIcon, WarningIcon } from './icons';

interface ProblemsPanelProps {
  problems: readonly ProblemRow[];
  states: readonly StateRow[];
  /**
   * A problem was clicked: `state` is the pointer of the state it is in, when it is in one. The
   * syntax error comes as a row with code `syntax-error` and its offset as `from`/`to`.
   */
  onSelect: (state: string | null, problem: ProblemRow) => void;
  /** A syntax error in the code view: listed first (it is not a validator problem). */
  textError?: TextError | null;
}

export function ProblemsPanel({ problems, states, onSelect, textError = null }: ProblemsPanelProps): ReactElement {
  const byPointer = new Map(states.map((s) => [s.pointer, s]));
  const { errors, warnings } = countBySeverity(withSyntaxError(problems, textError));
  return (
    <section className="panel problems-panel" aria-labelledby="problems-heading">
      <header className="panel-header">
        <h2 id="problems-heading">Problems</h2>
        {errors > 0 && <span className="count count--error">{plural(errors, 'error')}</span>}
        {warnings > 0 && <span className="count count--warning">{plural(warnings, 'warning')}</span>}
      </header>
      <div className="panel-body">
        {problems.length === 0 && textError === null ? (
          <div className="no-problems" role="status">
            <CheckIcon width={28} height={28} />
            <p>No problems</p>
            <span>The definition passed every check.</span>
          </div>
        ) : (
          <ul className="problem-list" aria-label="Problems">
            {textError !== null && (
              <li>
                <button
                  type="button"
                  className="problem problem--error problem--syntax"
                  data-testid="syntax-error"
                  data-code="syntax-error"
                  title="Show it in the code"
                  onClick={() => onSelect(null, syntaxProblem(textError))}
                >
                  <span className="problem-icon" aria-label="error">
                    <ErrorIcon />
                  </span>
                  <span className="problem-main">
                    <span className="problem-head">
                      <code className="problem-code">syntax-error</code>
                      <span className="problem-state">in the code</span>
                    </span>
                    <span className="problem-message">{textError.message}</span>
                    <code className="problem-pointer">
                      Line {textError.line}, column {textError.column}
                    </code>
                  </span>
                </button>
              </li>
            )}
            {sortProblems(problems).map((problem, i) => {
              const state = problem.state === null ? undefined : byPointer.get(problem.state);
              return (
                <li key={`${problem.pointer}|${problem.code}|${i}`}>
                  <button
                    type="button"
                    className={`problem problem--${problem.severity}`}
                    data-pointer={problem.pointer}
                    data-code={problem.code}
                    onClick={() => {
                      onSelect(state?.pointer ?? null, problem);
                      revealField(problem.pointer);
                    }}
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
