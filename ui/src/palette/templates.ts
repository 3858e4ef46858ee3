/**
 * The states the palette offers, as realistic ASL templates (JSONPath query language,
 * placeholder ARNs that look real).
 *
 * How a template becomes a valid state:
 * - Inserted on an edge (`insertOnEdge`), Rust wires it: it sets `Next` (or `End: true` when
 *   the edge went to the End marker), drops `Next`/`End` from Succeed/Fail, and gives a Choice
 *   a `Default` pointing where the edge led. The Choice template also needs one rule, so
 *   `templateFor('choice', { next })` points its rule at the same target. With no target (the
 *   edge to the End marker, or added loose) it has no rule yet: the validator asks for one and
 *   dragging from the Choice adds it (Rust's `connect` with `newChoice`).
 * - Added loose (`addState`, dropped on empty canvas), Rust stores the state as given, so
 *   `standalone: true` adds `End: true` to the types that need `Next` or `End`. A loose state
 *   is unreachable until connected (the validator says so).
 * - Nested states (a Parallel branch's Pass, a Map's item processor) get machine-unique names
 *   from Rust when the template is placed.
 */
import type { Diagram } from '../bindings/Diagram';
import type { Edit } from '../bindings/Edit';
import type { Slot } from '../bindings/Slot';
import { END_ID, scopeOfState, stateNameOf } from '../canvas/pointers';
import { takesNextOrEnd, type StateType } from '../lib/stateTypes';

export type TemplateSection = 'Flow' | 'Task';

export interface PaletteTemplate {
  id: string;
  /** The state name it is created with (Rust adds a number when it is taken). */
  name: string;
  /** What the palette shows. */
  label: string;
  section: TemplateSection;
  type: StateType;
  description: string;
  /** The AWS service, for Task templates that integrate with one. */
  service?: string;
  /** Extra words the search box matches. */
  keywords: readonly string[];
}

export interface TemplateOptions {
  /** The name of the state the new state leads to (the target of the edge it is dropped on). */
  next?: string | null;
  /** Added with no incoming or outgoing edge: give it `End: true` where the type needs one. */
  standalone?: boolean;
}

type Json = Record<string, unknown>;

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/** The retry Workflow Studio adds to a Lambda invoke. */
export const LAMBDA_RETRY: Json = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 1,
  MaxAttempts: 3,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
};

export const PALETTE_TEMPLATES: readonly PaletteTemplate[] = [
  { id: 'pass', name: 'Pass', label: 'Pass', section: 'Flow', type: 'Pass', description: 'Pass input to output, optionally injecting data', keywords: ['result', 'inject'] },
  { id: 'choice', name: 'Choice', label: 'Choice', section: 'Flow', type: 'Choice', description: 'Branch on conditions', keywords: ['if', 'branch', 'condition', 'switch'] },
  { id: 'wait', name: 'Wait', label: 'Wait', section: 'Flow', type: 'Wait', description: 'Pause for a time or until a timestamp', keywords: ['delay', 'sleep', 'timer'] },
  { id: 'succeed', name: 'Success', label: 'Succeed', section: 'Flow', type: 'Succeed', description: 'Stop successfully', keywords: ['end', 'done', 'success'] },
  { id: 'fail', name: 'Fail', label: 'Fail', section: 'Flow', type: 'Fail', description: 'Stop with an error and cause', keywords: ['error', 'end', 'failure'] },
  { id: 'parallel', name: 'Parallel', label: 'Parallel', section: 'Flow', type: 'Parallel', description: 'Run branches at the same time', keywords: ['branch', 'concurrent', 'fork'] },
  { id: 'map', name: 'Map', label: 'Map', section: 'Flow', type: 'Map', description: 'Run steps for each item of an array', keywords: ['loop', 'each', 'iterate', 'foreach'] },
  { id: 'task', name: 'Task', label: 'Task', section: 'Task', type: 'Task', description: 'Call a Lambda function by ARN', keywords: ['function', 'activity', 'resource'] },
  { id: 'lambda-invoke', name: 'Invoke Lambda', label: 'Lambda: Invoke', section: 'Task', type: 'Task', service: 'Lambda', description: 'Invoke a Lambda function', keywords: ['lambda', 'function', 'invoke'] },
  { id: 'sns-publish', name: 'Publish to SNS', label: 'SNS: Publish', section: 'Task', type: 'Task', service: 'SNS', description: 'Publish a message to a topic', keywords: ['sns', 'notification', 'topic', 'message'] },
  { id: 'sqs-send', name: 'Send to SQS', label: 'SQS: SendMessage', section: 'Task', type: 'Task', service: 'SQS', description: 'Send a message to a queue', keywords: ['sqs', 'queue', 'message'] },
  { id: 'dynamodb-get', name: 'Get item', label: 'DynamoDB: GetItem', section: 'Task', type: 'Task', service: 'DynamoDB', description: 'Read an item from a table', keywords: ['dynamodb', 'ddb', 'table', 'read'] },
  { id: 'dynamodb-put', name: 'Put item', label: 'DynamoDB: PutItem', section: 'Task', type: 'Task', service: 'DynamoDB', description: 'Write an item to a table', keywords: ['dynamodb', 'ddb', 'table', 'write'] },
  { id: 'ecs-run', name: 'Run ECS task', label: 'ECS: RunTask', section: 'Task', type: 'Task', service: 'ECS', description: 'Run a Fargate task and wait for it', keywords: ['ecs', 'fargate', 'container', 'docker'] },
  { id: 'http-invoke', name: 'Call HTTP API', label: 'HTTP: Invoke', section: 'Task', type: 'Task', service: 'HTTP', description: 'Call an HTTPS API through an EventBridge connection', keywords: ['http', 'https', 'api', 'rest', 'endpoint'] },
  { id: 'sfn-start', name: 'Start execution', label: 'Step Functions: StartExecution', section: 'Task', type: 'Task', service: 'Step Functions', description: 'Run another state machine and wait for it', keywords: ['step functions', 'states', 'child', 'nested', 'workflow'] },
];

const BY_ID = new Map(PALETTE_TEMPLATES.map((t) => [t.id, t]));

export function findTemplate(id: string): PaletteTemplate | undefined {
  return BY_ID.get(id);
}

function body(id: string, next: string | null): Json {
  switch (id) {
    case 'pass':
      return { Type: 'Pass' };
    case 'choice':
      // With nowhere to lead yet, no rule: a rule pointing nowhere would be drawn as nothing.
      // The validator asks for a rule, and dragging from the Choice adds one.
      return { Type: 'Choice', Choices: next === null ? [] : [{ Variable: '$.value', IsPresent: true, Next: next }] };
    case 'wait':
      return { Type: 'Wait', Seconds: 5 };
    case 'succeed':
      return { Type: 'Succeed' };
    case 'fail':
      return { Type: 'Fail', Error: 'WorkflowFailed', Cause: 'The workflow could not complete.' };
    case 'parallel':
      return {
        Type: 'Parallel',
        Branches: [{ StartAt: 'Pass', States: { Pass: { Type: 'Pass', End: true } } }],
      };
    case 'map':
      return {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Process item',
          States: { 'Process item': { Type: 'Pass', End: true } },
        },
      };
    case 'task':
      return { Type: 'Task', Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:my-function` };
    case 'lambda-invoke':
      return {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        OutputPath: '$.Payload',
        Parameters: {
          FunctionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:my-function:$LATEST`,
          'Payload.$': '$',
        },
        Retry: [structuredClone(LAMBDA_RETRY)],
      };
    case 'sns-publish':
      return {
        Type: 'Task',
        Resource: 'arn:aws:states:::sns:publish',
        Parameters: {
          TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:my-topic`,
          'Message.$': '$',
        },
      };
    case 'sqs-send':
      return {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Parameters: {
          QueueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/my-queue`,
          'MessageBody.$': '$',
        },
      };
    case 'dynamodb-get':
      return {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:getItem',
        Parameters: {
          TableName: 'MyTable',
          Key: { id: { 'S.$': '$.id' } },
        },
      };
    case 'dynamodb-put':
      return {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:putItem',
        Parameters: {
          TableName: 'MyTable',
          Item: { id: { 'S.$': '$.id' } },
        },
      };
    case 'ecs-run':
      return {
        Type: 'Task',
        Resource: 'arn:aws:states:::ecs:runTask.sync',
        Parameters: {
          LaunchType: 'FARGATE',
          Cluster: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/my-cluster`,
          TaskDefinition: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/my-task:1`,
          NetworkConfiguration: {
            AwsvpcConfiguration: {
              Subnets: ['subnet-0a1b2c3d4e5f67890'],
              SecurityGroups: ['sg-0a1b2c3d4e5f67890'],
              AssignPublicIp: 'DISABLED',
            },
          },
        },
      };
    case 'http-invoke':
      return {
        Type: 'Task',
        Resource: 'arn:aws:states:::http:invoke',
        Parameters: {
          ApiEndpoint: 'https://api.example.com/v1/orders',
          Method: 'GET',
          Authentication: {
            ConnectionArn: `arn:aws:events:${REGION}:${ACCOUNT}:connection/my-connection/0f2e4c6a-8b1d-4e3f-9a5c-7d6b8e0f1a2b`,
          },
        },
      };
    case 'sfn-start':
      return {
        Type: 'Task',
        Resource: 'arn:aws:states:::states:startExecution.sync:2',
        Parameters: {
          StateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:MyChildStateMachine`,
          Input: {
            'StatePayload.$': '$',
            'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id',
          },
        },
      };
    default:
      return { Type: 'Pass' };
  }
}

/** A fresh copy of the state a palette item creates. */
export function templateFor(id: string, options: TemplateOptions = {}): Record<string, unknown> {
  const state = body(id, options.next ?? null);
  const template = findTemplate(id);
  if (options.standalone === true && template !== undefined && takesNextOrEnd(template.type)) {
    state.End = true;
  }
  return state;
}

/** The templates whose label, name, type, service or keywords contain `query`. */
export function filterTemplates(query: string, templates: readonly PaletteTemplate[] = PALETTE_TEMPLATES): PaletteTemplate[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...templates];
  return templates.filter((t) =>
    [t.label, t.name, t.type, t.service ?? '', t.description, ...t.keywords].some((s) => s.toLowerCase().includes(q)),
  );
}

/** What the edge a state is dropped on does: the slot to insert into, and where it leads. */
export interface DropEdge {
  insert: { source: string; slot: Slot } | null;
  /** The name of the state the edge leads to; `null` for the End marker. */
  targetName: string | null;
}

/**
 * The edit for a palette item dropped on the canvas: on an edge, the state is inserted there
 * (`insertOnEdge`); elsewhere it is added, unconnected, to `scope` (`addState`).
 */
export function dropEdit(templateId: string, name: string, edge: DropEdge | null, scope: string): Edit {
  if (edge !== null && edge.insert !== null) {
    return {
      op: 'insertOnEdge',
      source: edge.insert.source,
      slot: edge.insert.slot,
      name,
      state: templateFor(templateId, { next: edge.targetName }),
    };
  }
  return { op: 'addState', scope, name, state: templateFor(templateId, { standalone: true }) };
}

/**
 * The edit for a palette item clicked (not dragged): the new state goes after the last
 * selected state, on its `Next`; after a Choice, as the target of a new rule (or of a rule
 * that leads nowhere yet), never taking over its Default. With nothing selected, or after a
 * state nothing can follow (Succeed, Fail), it is added unconnected to that state's scope (or
 * the machine).
 */
export function insertAfterSelection(
  template: PaletteTemplate | string,
  selection: ReadonlyArray<string>,
  view: { diagram: Pick<Diagram, 'nodes' | 'edges'> },
): Edit {
  const t = typeof template === 'string' ? findTemplate(template) : template;
  const id = t?.id ?? (typeof template === 'string' ? template : 'pass');
  const name = t?.name ?? 'State';
  const selected = selection[selection.length - 1];
  if (selected === undefined) return dropEdit(id, name, null, '');
  const { nodes, edges } = view.diagram;
  const kind = nodes.find((n) => n.id === selected)?.type;
  const out = edges.filter((e) => e.source === selected);
  const follow = (e: { target: string } | undefined): string | null =>
    e === undefined || e.target === END_ID ? null : stateNameOf(e.target);
  if (kind === 'Choice') {
    return dropEdit(id, name, { insert: { source: selected, slot: { kind: 'newChoice' } }, targetName: null }, '');
  }
  if (kind === 'Succeed' || kind === 'Fail' || kind === 'Start' || kind === 'End') {
    return dropEdit(id, name, null, kind === 'Start' || kind === 'End' ? '' : scopeOfState(selected));
  }
  const next = out.find((e) => e.kind === 'next' || e.kind === 'end');
  return dropEdit(id, name, { insert: { source: selected, slot: { kind: 'next' } }, targetName: follow(next) }, '');
}
