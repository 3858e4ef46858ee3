import { useId, type ReactElement } from 'react';
import type { SubstitutionRow } from '../bindings/SubstitutionRow';
import { standsFor } from './PlaceholderChips';
import './project.css';

/**
 * The run panel's placeholders: each `${Name}` with the value a run gives it (the project's,
 * editable). An edited value goes with the next runs; emptying the field goes back to the
 * project's.
 */
export function PlaceholderValues({
  rows,
  values,
  onChange,
}: {
  rows: readonly SubstitutionRow[];
  values: Readonly<Record<string, string>>;
  onChange: (name: string, value: string | null) => void;
}): ReactElement {
  const id = useId();
  const used = rows.filter((r) => r.pointers.length > 0);
  return (
    <div className="rp-field" data-testid="run-placeholders">
      <div className="rp-field__head">
        <span className="rp-label">Placeholders</span>
      </div>
      <ul className="rp-placeholders">
        {used.map((r, i) => {
          const given = values[r.name];
          const missing = given === undefined && r.value === null;
          return (
            <li key={r.name} className="rp-placeholder" data-name={r.name}>
              <label htmlFor={`${id}-${i}`} className="rp-placeholder__name" title={standsFor(r)}>
                <code>{`\${${r.name}}`}</code>
                <span className="rp-placeholder__what">{standsFor(r)}</span>
              </label>
              <input
                id={`${id}-${i}`}
                className="insp-input insp-mono"
                data-testid="run-placeholder"
                data-name={r.name}
                value={given ?? r.value ?? ''}
                placeholder={r.numeric ? 'a number' : 'a value'}
                aria-invalid={missing && r.numeric}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => onChange(r.name, e.target.value === '' ? null : e.target.value)}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
