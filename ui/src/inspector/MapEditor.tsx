import type { ReactElement } from 'react';
import { useInspector } from './context';
import { NumberField, Section, SelectField, TextField } from './fields';
import { JsonField } from './JsonField';
import type { QueryLanguage } from './model';
import { joinPointer } from './pointer';
import { ScopeSummary } from './ParallelEditor';

/** Map fields: the items, the item processor (mode, execution type, StartAt), concurrency, Distributed Map options. */
export function MapEditor({ statePointer, ql }: { statePointer: string; ql: QueryLanguage }): ReactElement {
  const { get } = useInspector();
  const p = (field: string): string => joinPointer(statePointer, field);
  const jsonata = ql === 'JSONata';
  const legacy = get(p('ItemProcessor')) === undefined && get(p('Iterator')) !== undefined;
  const processor = legacy ? p('Iterator') : p('ItemProcessor');
  const mode = get(joinPointer(processor, 'ProcessorConfig', 'Mode'));
  const distributed = mode === 'DISTRIBUTED';
  return (
    <>
      <Section title="Items">
        {jsonata ? (
          <JsonField pointer={p('Items')} label="Items" expression placeholder="{% $states.input.items %}" preview={{ statePointer, withResult: false }} />
        ) : (
          <TextField pointer={p('ItemsPath')} label="ItemsPath" mono placeholder="$" />
        )}
        <JsonField pointer={p('ItemSelector')} label="ItemSelector" preview={jsonata ? { statePointer, withResult: false } : undefined} placeholder={jsonata ? '{ "item": "{% $states.context.Map.Item.Value %}" }' : '{ "item.$": "$$.Map.Item.Value" }'} />
        <NumberField pointer={p('MaxConcurrency')} label="Max concurrency" integer min={0} placeholder="0 (no limit)" expression={jsonata} />
        {!jsonata && <TextField pointer={p('MaxConcurrencyPath')} label="Concurrency path" mono placeholder="$.concurrency" />}
      </Section>
      <Section title={legacy ? 'Iterator (legacy)' : 'Item processor'}>
        {legacy ? (
          <p className="insp-note">This Map uses the legacy Iterator field; ItemProcessor replaces it (and adds ProcessorConfig).</p>
        ) : (
          <>
            <SelectField
              pointer={joinPointer(processor, 'ProcessorConfig', 'Mode')}
              label="Mode"
              emptyLabel="Default (INLINE)"
              options={[{ value: 'INLINE' }, { value: 'DISTRIBUTED' }]}
            />
            {(distributed || get(joinPointer(processor, 'ProcessorConfig', 'ExecutionType')) !== undefined) && (
              <SelectField
                pointer={joinPointer(processor, 'ProcessorConfig', 'ExecutionType')}
                label="Execution type"
                emptyLabel="— not set —"
                options={[{ value: 'STANDARD' }, { value: 'EXPRESS' }]}
              />
            )}
          </>
        )}
        <ScopeSummary scope={processor} label="StartAt" />
      </Section>
      <Section title="Distributed Map" open={distributed}>
        <JsonField pointer={p('ItemReader')} label="ItemReader" placeholder='{ "Resource": "arn:aws:states:::s3:getObject", ... }' />
        <JsonField pointer={p('ItemBatcher')} label="ItemBatcher" placeholder='{ "MaxItemsPerBatch": 10 }' />
        <JsonField pointer={p('ResultWriter')} label="ResultWriter" placeholder='{ "Resource": "arn:aws:states:::s3:putObject", ... }' />
        <NumberField pointer={p('ToleratedFailurePercentage')} label="Tolerated failure %" min={0} max={100} placeholder="0" expression={jsonata} />
        {!jsonata && <TextField pointer={p('ToleratedFailurePercentagePath')} label="Tolerated % path" mono placeholder="$.percentage" />}
        <NumberField pointer={p('ToleratedFailureCount')} label="Tolerated failures" integer min={0} placeholder="0" expression={jsonata} />
        {!jsonata && <TextField pointer={p('ToleratedFailureCountPath')} label="Tolerated count path" mono placeholder="$.count" />}
        <TextField pointer={p('Label')} label="Label" placeholder="Map run label" />
      </Section>
    </>
  );
}
