import { useState, type ReactElement } from 'react';
import { StateBadge } from '../components/StateBadge';
import { useInspector } from './context';
import { FieldProblems, useFieldProblems } from './FieldProblems';
import { ProblemCount } from './ProblemList';
import { useDraft } from './fields';
import { scopeOf, stateNameOf, statesInScope } from './model';

/** Why a state name cannot be used, or `null`. Names are unique in the whole machine, nested states included. */
export function nameError(name: string, taken: readonly string[], current: string): string | null {
  if (name.trim() === '') return 'A state needs a name.';
  if ([...name].length > 80) return 'A state name has at most 80 characters.';
  if (name !== current && taken.includes(name)) return `A state named “${name}” already exists.`;
  return null;
}

/** The type badge and the editable name (renames on Enter or blur). */
/** Problems the validator reports on a state that are about its name. */
export const NAME_CODES = ['duplicate-state-name', 'invalid-state-name', 'state-name-too-long'];

export function StateHeader({ statePointer, stateType }: { statePointer: string; stateType: string }): ReactElement {
  const { root, rows, send } = useInspector();
  const problems = useFieldProblems([{ pointer: statePointer, codes: NAME_CODES, label: 'Name' }]);
  const current = stateNameOf(statePointer);
  const { text, draft, setDraft } = useDraft(current);
  const [error, setError] = useState<string | null>(null);
  const taken = [...rows.map((r) => r.name), ...statesInScope(root, scopeOf(statePointer), rows)];

  const commit = (): void => {
    if (draft === null) return;
    const problem = nameError(draft, taken, current);
    if (problem !== null) {
      setError(problem);
      return;
    }
    setError(null);
    if (draft === current) {
      setDraft(null);
      return;
    }
    send({ op: 'rename', pointer: statePointer, name: draft });
  };

  return (
    <header className="insp-header" data-field-pointer={statePointer}>
      <div className="insp-header-line">
        <StateBadge stateType={stateType} />
        <input
          className="insp-name"
          data-testid="state-name-input"
          aria-label="State name"
          aria-invalid={error !== null || problems.some((p) => p.severity === 'error')}
          aria-describedby={error !== null ? 'insp-name-error' : undefined}
          value={text}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setDraft(e.target.value);
            setError(e.target.value.trim() === '' ? 'A state needs a name.' : null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape') {
              setDraft(null);
              setError(null);
            }
          }}
          onBlur={commit}
        />
        <ProblemCount />
      </div>
      {error !== null && (
        <p className="insp-error" role="alert" id="insp-name-error">
          {error}
        </p>
      )}
      <FieldProblems problems={problems} />
      <code className="insp-pointer" title={statePointer}>
        {statePointer}
      </code>
    </header>
  );
}
