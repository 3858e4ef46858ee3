import type { ReactElement } from 'react';
import type { StateRow } from '../bindings/StateRow';
import { StateBadge } from '../components/StateBadge';
import { useInspector } from './context';

/** Several states selected: how many, and which (click one to select it alone). */
export function MultiSelection({ pointers }: { pointers: readonly string[] }): ReactElement {
  const { rows, select } = useInspector();
  const byPointer = new Map<string, StateRow>(rows.map((r) => [r.pointer, r]));
  return (
    <div className="insp-multi" data-testid="multi-selection">
      <header className="insp-header">
        <h2 className="insp-title">{pointers.length} states selected</h2>
      </header>
      <ul className="insp-multi-list">
        {pointers.map((p) => {
          const row = byPointer.get(p);
          return (
            <li key={p}>
              <button type="button" className="insp-multi-item" onClick={() => select([p])}>
                <StateBadge stateType={row?.stateType ?? ''} />
                <span className="insp-multi-name">{row?.name ?? p}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
