import type { ReactElement } from 'react';
import type { ProblemRow } from '../bindings/ProblemRow';

/** The problems of the selected state (or of the whole document), listed at the top. */
export function ProblemList({ problems }: { problems: readonly ProblemRow[] }): ReactElement | null {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <ul className="insp-problems" aria-label="Problems of the selection" data-testid="inspector-problems">
      {sorted.map((p, i) => (
        <li key={`${p.pointer}|${p.code}|${i}`} className={`insp-problem insp-problem--${p.severity}`} data-code={p.code}>
          <span className="insp-problem-icon" aria-label={p.severity}>
            {p.severity === 'error' ? '●' : '▲'}
          </span>
          <span className="insp-problem-text">
            {p.message} <code className="insp-problem-code">{p.code}</code>
          </span>
        </li>
      ))}
    </ul>
  );
}
