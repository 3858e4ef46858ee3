import type { ReactElement } from 'react';
import type { ProblemRow } from '../bindings/ProblemRow';
import { isStateType, STATE_TYPES } from '../lib/stateTypes';
import { CatchEditor } from './CatchEditor';
import { ChoiceRulesEditor } from './ChoiceRulesEditor';
import { useInspector } from './context';
import { DataFlowFields } from './DataFlowFields';
import { FailEditor } from './FailEditor';
import { Section, SelectField, TextField } from './fields';
import { MapEditor } from './MapEditor';
import { machineQueryLanguage, stateQueryLanguage } from './model';
import { ParallelEditor } from './ParallelEditor';
import { joinPointer } from './pointer';
import { ProblemList } from './ProblemList';
import { RetryEditor } from './RetryEditor';
import { BreakpointToggle, DataFlowPreview } from './RunTools';
import { StateHeader } from './StateHeader';
import { TaskEditor } from './TaskEditor';
import { TransitionField } from './TransitionField';
import { WaitEditor } from './WaitEditor';

const FLOWING = ['Task', 'Pass', 'Wait', 'Parallel', 'Map'];
const WITH_ERRORS = ['Task', 'Parallel', 'Map'];

/** One state selected: its header, problems, and a form for its type. */
export function StateInspector({ statePointer, problems }: { statePointer: string; problems: readonly ProblemRow[] }): ReactElement {
  const { root, get, rows } = useInspector();
  const name = rows.find((r) => r.pointer === statePointer)?.name ?? null;
  const rawType = get(joinPointer(statePointer, 'Type'));
  const stateType = typeof rawType === 'string' ? rawType : '';
  const ql = stateQueryLanguage(root, statePointer);
  const p = (field: string): string => joinPointer(statePointer, field);
  return (
    <div className="insp-state" data-state-type={stateType}>
      <StateHeader statePointer={statePointer} stateType={stateType} />
      {name !== null && <BreakpointToggle name={name} />}
      <Section title="General">
        {!isStateType(stateType) && (
          <SelectField pointer={p('Type')} label="Type" emptyLabel="— choose a type —" options={STATE_TYPES.map((t) => ({ value: t }))} />
        )}
        <TextField pointer={p('Comment')} label="Comment" placeholder="What this state does" />
        {stateType === 'Wait' && <WaitEditor statePointer={statePointer} ql={ql} />}
        {FLOWING.includes(stateType) && <TransitionField statePointer={statePointer} />}
      </Section>
      {stateType === 'Task' && <TaskEditor statePointer={statePointer} ql={ql} />}
      {stateType === 'Choice' && <ChoiceRulesEditor statePointer={statePointer} ql={ql} />}
      {stateType === 'Fail' && <FailEditor statePointer={statePointer} ql={ql} />}
      {stateType === 'Parallel' && <ParallelEditor statePointer={statePointer} />}
      {stateType === 'Map' && <MapEditor statePointer={statePointer} ql={ql} />}
      <DataFlowFields statePointer={statePointer} stateType={stateType} ql={ql} />
      {WITH_ERRORS.includes(stateType) && <RetryEditor statePointer={statePointer} />}
      {WITH_ERRORS.includes(stateType) && <CatchEditor statePointer={statePointer} ql={ql} />}
      {isStateType(stateType) && <DataFlowPreview key={statePointer} statePointer={statePointer} stateType={stateType} />}
      <Section title="Advanced" open={get(p('QueryLanguage')) !== undefined}>
        <SelectField
          pointer={p('QueryLanguage')}
          label="Query language"
          emptyLabel={`Inherit (${machineQueryLanguage(root)})`}
          options={[{ value: 'JSONPath' }, { value: 'JSONata' }]}
        />
      </Section>
      {/* Below the fields: a problem appearing here never moves the field being edited. */}
      <ProblemList problems={problems} />
    </div>
  );
}
