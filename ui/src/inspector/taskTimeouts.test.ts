import { describe, expect, it } from 'vitest';
import { resourceKind, timeoutAdvice } from './taskTimeouts';

describe('resourceKind', () => {
  it.each([
    ['arn:aws:states:::lambda:invoke', 'lambda'],
    ['arn:aws:lambda:us-east-1:123456789012:function:my-function', 'lambda'],
    ['arn:aws:states:::lambda:invoke.waitForTaskToken', 'callback'],
    ['arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'callback'],
    ['arn:aws:states:::ecs:runTask.sync', 'job'],
    ['arn:aws:states:::states:startExecution.sync:2', 'job'],
    ['arn:aws:states:us-east-1:123456789012:activity:my-activity', 'activity'],
    ['arn:aws:states:::sns:publish', 'request'],
    ['arn:aws:states:::http:invoke', 'request'],
    ['arn:aws:states:::aws-sdk:s3:getObject', 'request'],
    ['arn:aws-cn:states:::dynamodb:putItem', 'request'],
    ['', 'unknown'],
    ['{% $resource %}', 'unknown'],
    [42, 'unknown'],
  ] as const)('%s is %s', (resource, kind) => {
    expect(resourceKind(resource)).toBe(kind);
  });
});

describe('timeoutAdvice', () => {
  it('gives a Lambda call Lambda’s own limit and no heartbeat', () => {
    const a = timeoutAdvice('arn:aws:states:::lambda:invoke');
    expect(a.timeout.placeholder).toContain('900 s');
    expect(a.heartbeat.placeholder).toBe('not used');
  });

  it('recommends a heartbeat for callbacks and activities, where a lost worker would wait forever', () => {
    for (const r of ['arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'arn:aws:states:us-east-1:1:activity:a']) {
      const a = timeoutAdvice(r);
      expect(a.heartbeat.placeholder).toContain('recommended');
      expect(a.heartbeat.hint).toContain('SendTaskHeartbeat');
    }
  });

  it('keeps every placeholder short enough to read in the inspector', () => {
    for (const r of ['arn:aws:states:::lambda:invoke', 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'arn:aws:states:::glue:startJobRun.sync', 'arn:aws:states:us-east-1:1:activity:a', 'arn:aws:states:::sns:publish', '']) {
      const a = timeoutAdvice(r);
      expect(a.timeout.placeholder.length).toBeLessThanOrEqual(26);
      expect(a.heartbeat.placeholder.length).toBeLessThanOrEqual(26);
    }
  });
});
