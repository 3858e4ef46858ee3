import type { ReactElement } from 'react';
import { PathField, Section } from './fields';
import type { ExpressionPreviewScope } from './ExpressionPreview';
import { JsonField } from './JsonField';
import type { QueryLanguage } from './model';
import { acceptsField } from '../lib/stateTypes';
import { joinPointer } from './pointer';

/** The data-processing fields in the order the inspector shows them (AWS's processing order). */
const DATA_FLOW = ['InputPath', 'Parameters', 'Arguments', 'Result', 'ResultSelector', 'ResultPath', 'OutputPath', 'Output', 'Assign'];

/** Which data-processing fields a state type has in a query language (the validator's table). */
export function dataFlowFields(stateType: string, ql: QueryLanguage): string[] {
  return DATA_FLOW.filter((field) => acceptsField(stateType, ql, field));
}

/** The state's input / output processing: paths and templates (JSONPath) or Arguments / Output (JSONata). */
export function DataFlowFields({ statePointer, stateType, ql }: { statePointer: string; stateType: string; ql: QueryLanguage }): ReactElement | null {
  const fields = dataFlowFields(stateType, ql);
  if (fields.length === 0) return null;
  const p = (field: string): string => joinPointer(statePointer, field);
  // JSONata fields preview their value on the state's sample; Output and Assign of a state
  // that produces a result (the types that take a ResultPath in JSONPath) see it as
  // $states.result.
  const producesResult = acceptsField(stateType, 'JSONPath', 'ResultPath');
  const preview = (withResult: boolean): ExpressionPreviewScope | undefined =>
    ql === 'JSONata' ? { statePointer, withResult: withResult && producesResult } : undefined;
  return (
    <Section title={ql === 'JSONPath' ? 'Input and output' : 'Arguments and output'}>
      {fields.map((field) => {
        switch (field) {
          case 'InputPath':
            return <PathField key={field} pointer={p(field)} label="InputPath" nullTitle="the state gets {}" />;
          case 'OutputPath':
            return <PathField key={field} pointer={p(field)} label="OutputPath" nullTitle="the output is {}" />;
          case 'ResultPath':
            return <PathField key={field} pointer={p(field)} label="ResultPath" nullTitle="discard the result, pass the input on" />;
          case 'Parameters':
            return <JsonField key={field} pointer={p(field)} label="Parameters" placeholder='{ "key.$": "$.value" }' />;
          case 'Result':
            return <JsonField key={field} pointer={p(field)} label="Result" placeholder='{ "fixed": "value" }' />;
          case 'ResultSelector':
            return <JsonField key={field} pointer={p(field)} label="ResultSelector" placeholder='{ "id.$": "$.Payload.id" }' />;
          case 'Arguments':
            return <JsonField key={field} pointer={p(field)} label="Arguments" expression preview={preview(false)} placeholder='{ "id": "{% $states.input.id %}" }' />;
          case 'Output':
            return <JsonField key={field} pointer={p(field)} label="Output" expression preview={preview(true)} placeholder="{% $states.result %}" />;
          case 'Assign':
            return (
              <JsonField
                key={field}
                pointer={p(field)}
                label="Assign (variables)"
                preview={preview(true)}
                placeholder={ql === 'JSONata' ? '{ "total": "{% $states.result.total %}" }' : '{ "total.$": "$.total" }'}
              />
            );
          default:
            return null;
        }
      })}
    </Section>
  );
}
