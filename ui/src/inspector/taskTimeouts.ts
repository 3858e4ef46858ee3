/**
 * What AWS does when a Task leaves out TimeoutSeconds or HeartbeatSeconds, for the kind of
 * resource it calls: the inspector's placeholders and hints say it, so an empty field reads
 * right for a Lambda call, a callback, a job or an activity.
 *
 * Sources (AWS Step Functions Developer Guide and API Reference):
 * - "Task workflow state" (state-task.html): both fields default to 99999999 seconds, i.e. no
 *   limit beyond the execution's own; HeartbeatSeconds must be less than TimeoutSeconds.
 * - "Using timeouts to avoid stuck executions" (sfn-stuck-execution.html): without
 *   TimeoutSeconds an activity or a Task waiting for a response can wait forever; with a task
 *   token (.waitForTaskToken) AWS recommends HeartbeatSeconds.
 * - SendTaskHeartbeat (API reference): heartbeats are sent by activity workers and by Task
 *   states using the callback pattern, and optionally by those using the job run pattern
 *   (.sync); a request-response call sends none.
 * - Quotas: an execution lasts at most one year (Standard workflows) or five minutes (Express).
 * - AWS Lambda, "Configure Lambda function timeout" (configuration-timeout.html): a function
 *   runs at most 900 seconds (15 minutes), its own timeout stops it first.
 */

export type ResourceKind = 'lambda' | 'callback' | 'job' | 'activity' | 'request' | 'unknown';

export interface FieldAdvice {
  placeholder: string;
  hint: string | null;
}

export interface TimeoutAdvice {
  kind: ResourceKind;
  timeout: FieldAdvice;
  heartbeat: FieldAdvice;
}

/** The kind of call a Task's `Resource` makes. */
export function resourceKind(resource: unknown): ResourceKind {
  if (typeof resource !== 'string' || resource.trim() === '' || resource.includes('{%')) return 'unknown';
  const r = resource.trim();
  if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(r)) return 'activity';
  if (r.endsWith('.waitForTaskToken')) return 'callback';
  if (/\.sync(:\d+)?$/.test(r)) return 'job';
  if (/^arn:[^:]+:lambda:/.test(r) || /^arn:[^:]+:states:::lambda:invoke$/.test(r)) return 'lambda';
  if (/^arn:[^:]+:states:::/.test(r)) return 'request';
  return 'unknown';
}

const SEND_HEARTBEAT = 'The worker must call SendTaskHeartbeat at least this often, or the state fails with States.Timeout.';

const ADVICE: Record<ResourceKind, { timeout: FieldAdvice; heartbeat: FieldAdvice }> = {
  lambda: {
    timeout: {
      placeholder: "Lambda's own (≤ 900 s)",
      hint: 'Left empty, the state waits for the function, which Lambda stops at its own timeout (at most 900 s).',
    },
    heartbeat: { placeholder: 'not used', hint: 'A Lambda call sends no heartbeats.' },
  },
  callback: {
    timeout: {
      placeholder: 'none: waits for the token',
      hint: "Left empty, the state waits for SendTaskSuccess or SendTaskFailure up to the execution's own limit (a year for Standard workflows).",
    },
    heartbeat: { placeholder: 'none (recommended)', hint: SEND_HEARTBEAT },
  },
  job: {
    timeout: {
      placeholder: 'none: until the job ends',
      hint: "Left empty, the state waits for the job to finish, up to the execution's own limit.",
    },
    heartbeat: { placeholder: 'none (optional)', hint: 'Only when the job calls SendTaskHeartbeat itself.' },
  },
  activity: {
    timeout: {
      placeholder: 'none (set one)',
      hint: "Left empty, a lost activity worker leaves the state waiting up to the execution's own limit.",
    },
    heartbeat: { placeholder: 'none (recommended)', hint: SEND_HEARTBEAT },
  },
  request: {
    timeout: { placeholder: 'none', hint: 'The call ends when the service answers.' },
    heartbeat: { placeholder: 'not used', hint: 'A request-response call sends no heartbeats.' },
  },
  unknown: {
    timeout: { placeholder: 'none (99999999)', hint: null },
    heartbeat: { placeholder: 'none (99999999)', hint: null },
  },
};

export function timeoutAdvice(resource: unknown): TimeoutAdvice {
  const kind = resourceKind(resource);
  return { kind, ...ADVICE[kind] };
}
