// The AWS SDK for JavaScript v3 (@aws-sdk/client-sfn) against `stepwise serve` on a free
// loopback port: create, start with a mock-config test case, follow, history paging, errors,
// a task token, an activity worker and a synchronous Express execution. The server is started as a Testcontainers
// harness starts Step Functions Local: wait for the ready line, read the port from it.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteActivityCommand,
  DescribeActivityCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  SFNServiceException,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  paginateGetExecutionHistory,
  paginateListExecutions,
} from '@aws-sdk/client-sfn';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = process.env.STEPWISE_BIN ?? path.join(repo, 'target', 'debug', 'stepwise');
const examples = path.join(repo, 'examples');
const READY = /Starting server on port (\d+) with account (\S+), region (\S+)/;
const ROLE_ARN = 'arn:aws:iam::123456789012:role/StepwiseLocal';

/** @type {import('node:child_process').ChildProcess | undefined} */
let server;
/** @type {SFNClient} */
let sfn;

/**
 * Resolves with the ready line's match once the server prints it.
 * @param {import('node:child_process').ChildProcessByStdio<null, import('node:stream').Readable, null>} child
 * @returns {Promise<RegExpMatchArray>}
 */
function waitForReady(child) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('stepwise serve printed no ready line in 30 s')), 30_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = READY.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stepwise serve exited (${code}) before its ready line`));
    });
  });
}

before(async () => {
  const child = spawn(binary, ['serve', '--port', '0'], {
    env: { ...process.env, WAIT_TIME_SCALE: '0', SFN_MOCK_CONFIG: path.join(examples, 'run', 'order-processing.mocks.json') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server = child;
  const ready = await waitForReady(child);
  sfn = new SFNClient({
    endpoint: `http://127.0.0.1:${ready[1]}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // StartSyncExecution would otherwise go to sync-127.0.0.1.
    disableHostPrefix: true,
    maxAttempts: 1,
  });
});

after(() => {
  sfn?.destroy();
  // Stopped by its PID.
  if (server?.pid !== undefined) process.kill(server.pid, 'SIGTERM');
});

/** @param {string} prefix */
const unique = (prefix) => `${prefix}-${Math.random().toString(16).slice(2, 10)}`;

/**
 * @param {object} definition
 * @param {string} prefix
 * @param {'STANDARD' | 'EXPRESS'} [type]
 */
async function createMachine(definition, prefix, type = 'STANDARD') {
  const r = await sfn.send(
    new CreateStateMachineCommand({ name: unique(prefix), definition: JSON.stringify(definition), roleArn: ROLE_ARN, type }),
  );
  return String(r.stateMachineArn);
}

/**
 * Polls DescribeExecution until the execution has ended.
 * @param {string} executionArn
 */
async function waitDone(executionArn) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING') return d;
    assert.ok(Date.now() < deadline, `${executionArn} still RUNNING`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Every event, through the SDK's paginator.
 * @param {string} executionArn
 * @param {{pageSize?: number, reverseOrder?: boolean}} [options]
 */
async function history(executionArn, options = {}) {
  /** @type {import('@aws-sdk/client-sfn').HistoryEvent[]} */
  const events = [];
  const pages = paginateGetExecutionHistory(
    { client: sfn, ...(options.pageSize ? { pageSize: options.pageSize } : {}) },
    { executionArn, reverseOrder: options.reverseOrder ?? false },
  );
  for await (const page of pages) events.push(...(page.events ?? []));
  return events;
}

/**
 * The error name an SDK call rejects with.
 * @param {Promise<unknown>} call
 */
async function errorName(call) {
  try {
    await call;
  } catch (e) {
    assert.ok(e instanceof SFNServiceException, String(e));
    assert.equal(e.$metadata.httpStatusCode, 400);
    return e.name;
  }
  assert.fail('the call succeeded');
}

const orderInput = readFileSync(path.join(examples, 'run', 'order-processing.input.json'), 'utf8');

describe('the order example with its mock config', () => {
  /** @type {string} */
  let machine;
  before(async () => {
    const r = await sfn.send(
      new CreateStateMachineCommand({
        name: 'order-processing', // the name its test cases are kept under
        definition: readFileSync(path.join(examples, 'order-processing.asl.json'), 'utf8'),
        roleArn: ROLE_ARN,
      }),
    );
    machine = String(r.stateMachineArn);
  });

  // [test case, status, error, the last state entered]
  /** @type {[string, string, string | undefined, string][]} */
  const cases = [
    ['HappyPath', 'SUCCEEDED', undefined, 'Order Complete'],
    ['PaymentDeclined', 'FAILED', 'PaymentFailed', 'Payment Failed'],
    ['GatewayDown', 'FAILED', 'PaymentFailed', 'Payment Failed'],
    ['ConfirmationDenied', 'FAILED', 'SNS.AuthorizationErrorException', 'Send Confirmation'],
  ];
  for (const [testCase, status, error, last] of cases) {
    test(`#${testCase} ends ${status}`, async () => {
      const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${machine}#${testCase}`, input: orderInput }));
      const d = await waitDone(String(started.executionArn));
      assert.equal(d.status, status);
      assert.equal(d.error, error);
      assert.equal(d.stateMachineArn, machine);
      const entered = (await history(String(started.executionArn)))
        .filter((e) => e.type?.endsWith('StateEntered'))
        .map((e) => e.stateEnteredEventDetails?.name);
      assert.equal(entered.at(-1), last);
    });
  }

  test('history pages with nextToken, backwards, and without data', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${machine}#HappyPath`, input: orderInput }));
    const arn = String(executionArn);
    const d = await waitDone(arn);
    assert.deepEqual(JSON.parse(String(d.output)).confirmation, { messageId: '6c1c5e8a-0b5f-4a33-9a51-2f1b2c3d4e5f' });
    assert.ok(d.startDate instanceof Date && d.stopDate instanceof Date && d.stopDate >= d.startDate);

    const all = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn }))).events ?? [];
    assert.deepEqual(
      all.map((e) => e.id),
      all.map((_, i) => i + 1),
    );
    const first = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 5 }));
    assert.equal(first.events?.length, 5);
    assert.ok(first.nextToken);
    const second = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 5, nextToken: first.nextToken }));
    assert.deepEqual(second.events?.map((e) => e.id), [6, 7, 8, 9, 10]);

    assert.deepEqual(await history(arn, { pageSize: 3 }), all);
    assert.deepEqual(await history(arn, { pageSize: 4, reverseOrder: true }), [...all].reverse());

    const lean = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, includeExecutionData: false }))).events ?? [];
    assert.equal(lean[0]?.executionStartedEventDetails?.input, undefined);
    assert.ok(all[0]?.executionStartedEventDetails?.input);
  });

  test('executions list newest first, filtered by status', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${machine}#PaymentDeclined`, input: orderInput }));
    await waitDone(String(executionArn));
    /** @param {'SUCCEEDED' | 'FAILED'} statusFilter */
    const listed = async (statusFilter) => {
      const arns = [];
      for await (const page of paginateListExecutions({ client: sfn, pageSize: 2 }, { stateMachineArn: machine, statusFilter })) {
        arns.push(...(page.executions ?? []).map((e) => e.executionArn));
      }
      return arns;
    };
    assert.ok((await listed('FAILED')).includes(executionArn));
    assert.ok(!(await listed('SUCCEEDED')).includes(executionArn));
  });
});

describe('errors as AWS sends them', () => {
  const nobody = 'arn:aws:states:us-east-1:123456789012:stateMachine:nobody';
  /** @type {[string, () => Promise<unknown>, string][]} */
  const rows = [
    ['a definition that is not JSON', () => sfn.send(new CreateStateMachineCommand({ name: 'broken', definition: '{', roleArn: ROLE_ARN })), 'InvalidDefinition'],
    ['a Next to nowhere', () => sfn.send(new CreateStateMachineCommand({ name: 'dangling', roleArn: ROLE_ARN,
      definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } }) })), 'InvalidDefinition'],
    ['a malformed ARN', () => sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'nonsense' })), 'InvalidArn'],
    ['a missing machine', () => sfn.send(new DescribeStateMachineCommand({ stateMachineArn: nobody })), 'StateMachineDoesNotExist'],
    ['a missing execution', () => sfn.send(new DescribeExecutionCommand({ executionArn: `${nobody.replace('stateMachine', 'execution')}:run` })), 'ExecutionDoesNotExist'],
    ['a token nobody issued', () => sfn.send(new SendTaskSuccessCommand({ taskToken: 'nobody-issued-this', output: '{}' })), 'InvalidToken'],
  ];
  for (const [what, call, name] of rows) {
    test(`${what}: ${name}`, async () => {
      assert.equal(await errorName(call()), name);
    });
  }

  test('the same execution name with another input: ExecutionAlreadyExists', async () => {
    const machine = await createMachine(WAIT_FOR_TOKEN, 'idempotent');
    const name = unique('run');
    const a = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name, input: '{"n":1}' }));
    const b = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name, input: '{"n":1}' }));
    assert.equal(b.executionArn, a.executionArn);
    assert.equal(await errorName(sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name, input: '{"n":2}' }))), 'ExecutionAlreadyExists');
    await sfn.send(new StopExecutionCommand({ executionArn: a.executionArn }));
    assert.equal((await waitDone(String(a.executionArn))).status, 'ABORTED');
  });
});

const WAIT_FOR_TOKEN = {
  StartAt: 'Wait For Approval',
  States: {
    'Wait For Approval': {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals', MessageBody: { 'token.$': '$$.Task.Token' } },
      End: true,
    },
  },
};

/**
 * The token the task put in its message, from the TaskScheduled event's parameters.
 * @param {string} executionArn
 */
async function scheduledToken(executionArn) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const scheduled = (await history(executionArn)).find((e) => e.type === 'TaskScheduled');
    if (scheduled) return String(JSON.parse(String(scheduled.taskScheduledEventDetails?.parameters)).MessageBody.token);
    assert.ok(Date.now() < deadline, 'no TaskScheduled event');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('task tokens', () => {
  test('SendTaskSuccess completes the task with its output', async () => {
    const machine = await createMachine(WAIT_FOR_TOKEN, 'approval');
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine }));
    const token = await scheduledToken(String(executionArn));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    const d = await waitDone(String(executionArn));
    assert.equal(d.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(String(d.output)), { approved: true });
  });

  test('SendTaskFailure fails it with the error and cause sent', async () => {
    const machine = await createMachine(WAIT_FOR_TOKEN, 'approval');
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine }));
    const token = await scheduledToken(String(executionArn));
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Approval.Rejected', cause: 'No' }));
    const d = await waitDone(String(executionArn));
    assert.deepEqual([d.status, d.error, d.cause], ['FAILED', 'Approval.Rejected', 'No']);
  });
});

describe('activities', () => {
  test('a worker long-polls GetActivityTask and answers with SendTaskSuccess', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: unique('pack') }));
    const activity = String(activityArn);
    const machine = await createMachine({ StartAt: 'Pack', States: { Pack: { Type: 'Task', Resource: activity, End: true } } }, 'packing');
    // The worker polls before there is a task: the long poll must wake up for it.
    const worker = (async () => {
      const task = await sfn.send(new GetActivityTaskCommand({ activityArn: activity, workerName: 'packer-1' }));
      const input = JSON.parse(String(task.input));
      await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify({ ...input, parcel: 'P-1' }) }));
    })();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine, input: '{"orderId":"ord-9"}' }));
    await worker;
    const d = await waitDone(String(executionArn));
    assert.equal(d.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(String(d.output)), { orderId: 'ord-9', parcel: 'P-1' });
    const types = (await history(String(executionArn))).map((e) => e.type);
    assert.ok(types.includes('ActivityScheduled') && types.includes('ActivitySucceeded'), types.join());

    await sfn.send(new DeleteActivityCommand({ activityArn: activity }));
    assert.equal(await errorName(sfn.send(new DescribeActivityCommand({ activityArn: activity }))), 'ActivityDoesNotExist');
  });
});

describe('synchronous Express executions', () => {
  // [input, status, output, error]
  /** @type {[object, string, object | undefined, string | undefined][]} */
  const rows = [
    [{ n: 2 }, 'SUCCEEDED', { doubled: 4 }, undefined],
    [{ n: -1 }, 'FAILED', undefined, 'Negative'],
  ];
  const DOUBLE = {
    StartAt: 'Check',
    States: {
      Check: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 0, Next: 'Refuse' }], Default: 'Double' },
      Double: { Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, End: true },
      Refuse: { Type: 'Fail', Error: 'Negative', Cause: 'n < 0' },
    },
  };
  for (const [input, status, output, error] of rows) {
    test(`${JSON.stringify(input)} ends ${status}`, async () => {
      const machine = await createMachine(DOUBLE, 'double', 'EXPRESS');
      const r = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: machine, input: JSON.stringify(input) }));
      assert.equal(r.status, status);
      assert.deepEqual(r.output === undefined ? undefined : JSON.parse(r.output), output);
      assert.equal(r.error, error);
    });
  }
});
