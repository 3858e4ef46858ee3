/** A field's own problems: found through its claims, shown right under it. */
import { useLayoutEffect, useMemo, useState, useSyncExternalStore, type ReactElement, type RefObject } from 'react';
import type { ProblemRow } from '../bindings/ProblemRow';
import type { Claim } from './claims';
import { useInspector } from './context';

const NONE: ProblemRow[] = [];

/**
 * The problems this field shows: those its claims cover best. `null` claims nothing (a field
 * that shows no problems). Claims register before paint, so a problem moves from a list item
 * to the field inside it without a flicker.
 */
export function useFieldProblems(claims: readonly Claim[] | null): ProblemRow[] {
  const { problems, claims: store } = useInspector();
  const [id] = useState(() => store.newId());
  const claimsKey = claims === null ? '' : JSON.stringify(claims);
  useLayoutEffect(() => {
    if (claims === null) return undefined;
    store.set(id, claims);
    return () => store.remove(id);
    // `claimsKey` stands for `claims` (a new array each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, id, claimsKey]);
  // The indices of the problems this field shows, as a string: the field re-renders when that
  // set changes, not whenever another field comes or goes.
  const owned = (): string => {
    if (claims === null || problems.length === 0) return '';
    return problems
      .map((p, i) => (store.ownerOf(p, { id, claims }) === id ? String(i) : ''))
      .filter((s) => s !== '')
      .join(',');
  };
  const shown = useSyncExternalStore(store.subscribe, owned, owned);
  return useMemo(() => {
    if (shown === '') return NONE;
    const picked = new Set(shown.split(',').map(Number));
    return problems.filter((_, i) => picked.has(i));
  }, [shown, problems]);
}

/** `error` when any problem is an error, `warning` when there are only warnings, else `null`. */
export function worstSeverity(problems: readonly ProblemRow[]): ProblemRow['severity'] | null {
  if (problems.length === 0) return null;
  return problems.some((p) => p.severity === 'error') ? 'error' : 'warning';
}

/** Opens the collapsed sections around an element that has just got a problem, so it shows. */
export function useOpenOnProblem(ref: RefObject<HTMLElement | null>, problems: readonly ProblemRow[]): void {
  const key = problems.map((p) => `${p.code}@${p.pointer}`).join('|');
  useLayoutEffect(() => {
    if (key === '') return;
    for (let el: HTMLElement | null = ref.current; el !== null; el = el.parentElement) {
      if (el instanceof HTMLDetailsElement && !el.open) el.open = true;
    }
  }, [ref, key]);
}

/** The messages of a field's problems, under the field. */
export function FieldProblems({ problems, id }: { problems: readonly ProblemRow[]; id?: string }): ReactElement | null {
  if (problems.length === 0) return null;
  return (
    <ul className="insp-field-problems" id={id} data-testid="field-problems">
      {problems.map((p, i) => (
        <li key={`${p.code}|${p.pointer}|${i}`} className={`insp-field-problem insp-field-problem--${p.severity}`} data-code={p.code} data-pointer={p.pointer}>
          <span className="insp-field-problem-icon" aria-label={p.severity}>
            {p.severity === 'error' ? '●' : '▲'}
          </span>
          <span>
            {p.message} <code className="insp-problem-code">{p.code}</code>
          </span>
        </li>
      ))}
    </ul>
  );
}
