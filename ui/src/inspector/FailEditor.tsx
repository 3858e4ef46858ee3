import type { ReactElement } from 'react';
import { Section, TextField } from './fields';
import type { QueryLanguage } from './model';
import { joinPointer } from './pointer';

/** Fail fields: Error / ErrorPath, Cause / CausePath. */
export function FailEditor({ statePointer, ql }: { statePointer: string; ql: QueryLanguage }): ReactElement {
  const p = (field: string): string => joinPointer(statePointer, field);
  const jsonata = ql === 'JSONata';
  return (
    <Section title="Failure">
      <TextField pointer={p('Error')} label="Error" placeholder={jsonata ? 'Name or {% expression %}' : 'MyError'} />
      {!jsonata && <TextField pointer={p('ErrorPath')} label="Error path" mono placeholder="$.error" />}
      <TextField pointer={p('Cause')} label="Cause" placeholder={jsonata ? 'Text or {% expression %}' : 'What went wrong'} />
      {!jsonata && <TextField pointer={p('CausePath')} label="Cause path" mono placeholder="$.cause" />}
    </Section>
  );
}
