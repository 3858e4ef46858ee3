import { useSyncExternalStore, type ReactElement } from 'react';
import type { ProblemRow } from '../bindings/ProblemRow';
import { countBySeverity } from '../lib/problems';
import { revealField } from '../lib/reveal';
import { useInspector } from './context';


/**
 * The problems of the selected state (or of the machine) that no field shows: about the state
 * as a whole (unreachable, never ends) or a field the inspector has no control for. Listed
 * below the fields, so that one appearing never moves the field being edited.
 */
export function ProblemList({ problems }: { problems: readonly ProblemRow[] }): ReactElement | null {
  const { claims } = useInspector();
  // Which problems no field shows, as their indices: re-rendered when that changes.
  const unclaimed = (): string =>
    problems
      .map((p, i) => (claims.ownerOf(p) === undefined ? String(i) : ''))
      .filter((s) => s !== '')
      .join(',');
  const key = useSyncExternalStore(claims.subscribe, unclaimed, unclaimed);
  const picked = new Set(key === '' ? [] : key.split(',').map(Number));
  const loose = problems.filter((_, i) => picked.has(i));
  if (loose.length === 0) return null;
  const sorted = [...loose].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <section className="insp-problems-box" aria-label="Other problems">
      <h3 className="insp-problems-title">{problems.length === loose.length ? 'Problems' : 'Other problems'}</h3>
      <ul className="insp-problems" aria-label="Problems of the selection" data-testid="inspector-problems">
        {sorted.map((p, i) => (
          <li key={`${p.pointer}|${p.code}|${i}`} className={`insp-problem insp-problem--${p.severity}`} data-code={p.code} data-pointer={p.pointer}>
            <span className="insp-problem-icon" aria-label={p.severity}>
              {p.severity === 'error' ? '●' : '▲'}
            </span>
            <span className="insp-problem-text">
              {p.message} <code className="insp-problem-code">{p.code}</code>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * How many problems the selection has, in the header line (which keeps its height): a button
 * that brings the first one into view, on its field or in the list below the fields.
 */
export function ProblemCount(): ReactElement | null {
  const { problems } = useInspector();
  if (problems.length === 0) return null;
  const { errors, warnings } = countBySeverity(problems);
  const first = problems.find((p) => p.severity === 'error') ?? problems[0];
  const severity = errors > 0 ? 'error' : 'warning';
  const text = [errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '']
    .filter((s) => s !== '')
    .join(', ');
  return (
    <button
      type="button"
      className={`insp-count insp-count--${severity}`}
      data-testid="inspector-problem-count"
      title={`${text}: show the first`}
      aria-label={`${text}: show the first`}
      onClick={() => {
        if (first !== undefined) revealField(first.pointer);
      }}
    >
      <span aria-hidden="true">{severity === 'error' ? '●' : '▲'}</span> {errors + warnings}
    </button>
  );
}
