import { useId, type ReactElement } from 'react';
import { useInspector } from './context';
import { NumberField, Section, TextField } from './fields';
import { JsonField } from './JsonField';
import type { QueryLanguage } from './model';
import { joinPointer } from './pointer';
import { timeoutAdvice } from './taskTimeouts';

export const COMMON_RESOURCES = [
  'arn:aws:states:::lambda:invoke',
  'arn:aws:states:::lambda:invoke.waitForTaskToken',
  'arn:aws:lambda:us-east-1:123456789012:function:my-function',
  'arn:aws:states:::sns:publish',
  'arn:aws:states:::sqs:sendMessage',
  'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
  'arn:aws:states:::dynamodb:getItem',
  'arn:aws:states:::dynamodb:putItem',
  'arn:aws:states:::dynamodb:updateItem',
  'arn:aws:states:::dynamodb:deleteItem',
  'arn:aws:states:::events:putEvents',
  'arn:aws:states:::states:startExecution',
  'arn:aws:states:::states:startExecution.sync:2',
  'arn:aws:states:::states:startExecution.waitForTaskToken',
  'arn:aws:states:::ecs:runTask.sync',
  'arn:aws:states:::batch:submitJob.sync',
  'arn:aws:states:::glue:startJobRun.sync',
  'arn:aws:states:::athena:startQueryExecution.sync',
  'arn:aws:states:::bedrock:invokeModel',
  'arn:aws:states:::http:invoke',
  'arn:aws:states:::aws-sdk:s3:getObject',
  'arn:aws:states:::aws-sdk:s3:putObject',
  'arn:aws:states:us-east-1:123456789012:activity:my-activity',
];

/** Task fields: Resource, timeouts, heartbeats, Credentials. */
export function TaskEditor({ statePointer, ql }: { statePointer: string; ql: QueryLanguage }): ReactElement {
  const listId = useId();
  const p = (field: string): string => joinPointer(statePointer, field);
  const jsonata = ql === 'JSONata';
  // What an empty timeout or heartbeat means depends on what the Task calls (taskTimeouts.ts).
  const { get } = useInspector();
  const advice = timeoutAdvice(get(p('Resource')));
  // The hints say what an empty field means; once set, the value speaks for itself.
  const hintWhenEmpty = (field: string, hint: string | null): string | undefined => (get(p(field)) === undefined && hint !== null ? hint : undefined);
  return (
    <Section title="Task">
      <TextField pointer={p('Resource')} label="Resource" list={listId} mono placeholder="arn:aws:states:::lambda:invoke" />
      <datalist id={listId}>
        {COMMON_RESOURCES.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <NumberField
        pointer={p('TimeoutSeconds')}
        label="Timeout (s)"
        integer
        min={1}
        placeholder={advice.timeout.placeholder}
        hint={hintWhenEmpty('TimeoutSeconds', advice.timeout.hint)}
        expression={jsonata}
      />
      {!jsonata && <TextField pointer={p('TimeoutSecondsPath')} label="Timeout path" mono placeholder="$.timeout" />}
      <NumberField
        pointer={p('HeartbeatSeconds')}
        label="Heartbeat (s)"
        integer
        min={1}
        placeholder={advice.heartbeat.placeholder}
        hint={hintWhenEmpty('HeartbeatSeconds', advice.heartbeat.hint)}
        expression={jsonata}
      />
      {!jsonata && <TextField pointer={p('HeartbeatSecondsPath')} label="Heartbeat path" mono placeholder="$.heartbeat" />}
      <JsonField pointer={p('Credentials')} label="Credentials" placeholder='{ "RoleArn": "arn:aws:iam::123456789012:role/Role" }' />
    </Section>
  );
}
