import { useId, useMemo, type ReactElement } from 'react';
import type { ProblemRow } from '../bindings/ProblemRow';
import { useInspector } from './context';
import { NumberField, Row, Section, SelectField, TextField } from './fields';
import { LanguageSwitch } from './LanguageSwitch';
import { asString, statesInScope } from './model';
import { ProblemCount, ProblemList } from './ProblemList';
import { TargetSelect } from './TransitionField';

/** Nothing selected: the machine's own fields. */
export function MachineSettings({ problems }: { problems: readonly ProblemRow[] }): ReactElement {
  const { root, rows, get } = useInspector();
  // The switch asks Rust again when the definition changes.
  const definitionKey = useMemo(() => JSON.stringify(root), [root]);
  const id = useId();
  const topLevel = statesInScope(root, '', rows);
  return (
    <div className="insp-machine" data-testid="machine-settings">
      <header className="insp-header">
        <div className="insp-header-line">
          <h2 className="insp-title">State machine</h2>
          <ProblemCount />
        </div>
        <p className="insp-subtitle">
          {rows.length} {rows.length === 1 ? 'state' : 'states'}
          {rows.length !== topLevel.length ? ` (${topLevel.length} at the top level)` : ''}
        </p>
      </header>
      <Section title="Settings">
        <TextField pointer="/Comment" label="Comment" placeholder="What this machine does" />
        <Row id={id} label="StartAt" pointer="/StartAt">
          <TargetSelect id={id} source="" slot={{ kind: 'start' }} targets={topLevel} value={asString(get('/StartAt'))} field="StartAt" />
        </Row>
        <SelectField
          pointer="/QueryLanguage"
          label="Query language"
          emptyLabel="Default (JSONPath)"
          options={[{ value: 'JSONPath' }, { value: 'JSONata' }]}
        />
        <LanguageSwitch text={definitionKey} />
        <NumberField pointer="/TimeoutSeconds" label="Timeout (s)" integer min={1} placeholder="none" />
        <TextField pointer="/Version" label="Version" placeholder="1.0" />
      </Section>
      <ProblemList problems={problems} />
    </div>
  );
}
