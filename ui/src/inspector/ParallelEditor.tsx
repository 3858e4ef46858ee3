import { useId, type ReactElement } from 'react';
import { useInspector } from './context';
import { Row, Section } from './fields';
import { AddButton } from './ListItem';
import { asArray, asString, removeItem, statesInScope } from './model';
import { joinPointer } from './pointer';
import { TargetSelect } from './TransitionField';

/** The branches of a Parallel state: each branch's StartAt and size; add / remove branches. */
export function ParallelEditor({ statePointer }: { statePointer: string }): ReactElement {
  const { get, set, send } = useInspector();
  const pointer = joinPointer(statePointer, 'Branches');
  const branches = asArray(get(pointer));
  return (
    <Section title="Branches" aside={String(branches.length)} pointer={pointer}>
      <div className="insp-list" data-testid="parallel-branches">
        {branches.map((_, i) => (
          <Branch
            key={i}
            scope={joinPointer(pointer, i)}
            index={i}
            onRemove={branches.length > 1 ? () => set(pointer, removeItem(branches, i)) : undefined}
          />
        ))}
        {branches.length === 0 && <p className="insp-empty">A Parallel state needs at least one branch.</p>}
        <AddButton onClick={() => send({ op: 'addBranch', pointer: statePointer })}>Add branch</AddButton>
      </div>
    </Section>
  );
}

/** One sub-workflow (a Parallel branch or a Map processor): StartAt, state count, a link to its start. */
export function ScopeSummary({ scope, label }: { scope: string; label: string }): ReactElement {
  const { get, rows, select } = useInspector();
  const id = useId();
  const states = statesInScope(get(''), scope, rows);
  const startAt = asString(get(joinPointer(scope, 'StartAt')));
  const startPointer = startAt !== undefined && states.includes(startAt) ? joinPointer(scope, 'States', startAt) : undefined;
  return (
    <>
      <Row id={id} label={label} pointer={joinPointer(scope, 'StartAt')}>
        <TargetSelect id={id} source={scope} slot={{ kind: 'start' }} targets={states} value={startAt} field="StartAt" />
      </Row>
      <div className="insp-scope-meta">
        <span>
          {states.length} {states.length === 1 ? 'state' : 'states'}
        </span>
        {startPointer !== undefined && (
          <button type="button" className="insp-link" onClick={() => select([startPointer])}>
            Select {startAt}
          </button>
        )}
      </div>
    </>
  );
}

function Branch({ scope, index, onRemove }: { scope: string; index: number; onRemove: (() => void) | undefined }): ReactElement {
  return (
    <div className="insp-item" data-index={index}>
      <div className="insp-item-head">
        <span className="insp-item-title">Branch {index + 1}</span>
        {onRemove !== undefined && (
          <span className="insp-item-tools">
            <button
              type="button"
              className="insp-icon-button insp-icon-button--danger"
              aria-label={`Remove branch ${index + 1}`}
              title="Remove branch and its states"
              onClick={onRemove}
            >
              ×
            </button>
          </span>
        )}
      </div>
      <div className="insp-item-body">
        <ScopeSummary scope={scope} label="StartAt" />
      </div>
    </div>
  );
}
