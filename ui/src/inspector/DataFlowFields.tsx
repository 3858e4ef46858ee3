import type { ReactElement } from 'react';
import { PathField, Section } from './fields';
import type { ExpressionPreviewScope } from './ExpressionPreview';
import { JsonField } from './JsonField';
import type { QueryLanguage } from './model';
import { joinPointer } from './pointer';

const NOT_FAIL = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Parallel', 'Map'];
const WITH_RESULT = ['Task', 'Pass', 'Parallel', 'Map'];
const WITH_ERRORS = ['Task', 'Parallel', 'Map'];
const ASSIGNING = ['Task', 'Pass', 'Choice', 'Wait', 'Parallel', 'Map'];

/** Which data-processing fields a state type has in a query language (the validator's table). */
export function dataFlowFields(stateType: string, ql: QueryLanguage): string[] {
  const has = (types: string[]): boolean => types.includes(stateType);
  const fields: string[] = [];
  if (ql === 'JSONPath') {
    if (has(NOT_FAIL)) fields.push('InputPath');
    if (has(WITH_RESULT)) fields.push('Parameters');
    if (stateType === 'Pass') fields.push('Result');
    if (has(WITH_ERRORS)) fields.push('ResultSelector');
    if (has(WITH_RESULT)) fields.push('ResultPath');
    if (has(NOT_FAIL)) fields.push('OutputPath');
  } else {
    if (stateType === 'Task' || stateType === 'Parallel') fields.push('Arguments');
    if (has(NOT_FAIL)) fields.push('Output');
  }
  if (has(ASSIGNING)) fields.push('Assign');
  return fields;
}

/** The state's input / output processing: paths and templates (JSONPath) or Arguments / Output (JSONata). */
export function DataFlowFields({ statePointer, stateType, ql }: { statePointer: string; stateType: string; ql: QueryLanguage }): ReactElement | null {
  const fields = dataFlowFields(stateType, ql);
  if (fields.length === 0) return null;
  const p = (field: string): string => joinPointer(statePointer, field);
  // JSONata fields preview their value on the state's sample; Output and Assign of a state
  // that produces a result see it as $states.result.
  const preview = (withResult: boolean): ExpressionPreviewScope | undefined =>
    ql === 'JSONata' ? { statePointer, withResult: withResult && WITH_RESULT.includes(stateType) } : undefined;
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
