import { describe, expect, it } from 'vitest';
import { STATE_TYPES } from '../lib/stateTypes';
import { filterTemplates, findTemplate, LAMBDA_RETRY, PALETTE_TEMPLATES, templateFor } from './templates';

type Json = Record<string, unknown>;

describe('palette templates', () => {
  it('offers every flow type and the AWS task templates', () => {
    const flow = PALETTE_TEMPLATES.filter((t) => t.section === 'Flow').map((t) => t.type);
    expect(flow).toEqual(['Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);
    const resources = PALETTE_TEMPLATES.filter((t) => t.section === 'Task').map((t) => templateFor(t.id).Resource);
    expect(resources).toEqual([
      'arn:aws:lambda:us-east-1:123456789012:function:my-function',
      'arn:aws:states:::lambda:invoke',
      'arn:aws:states:::sns:publish',
      'arn:aws:states:::sqs:sendMessage',
      'arn:aws:states:::dynamodb:getItem',
      'arn:aws:states:::dynamodb:putItem',
      'arn:aws:states:::ecs:runTask.sync',
      'arn:aws:states:::http:invoke',
      'arn:aws:states:::states:startExecution.sync:2',
    ]);
  });

  it('gives each template its Type, unique ids and a name', () => {
    const ids = new Set<string>();
    for (const t of PALETTE_TEMPLATES) {
      const state = templateFor(t.id);
      expect(state.Type).toBe(t.type);
      expect((STATE_TYPES as readonly string[]).includes(t.type)).toBe(true);
      expect(t.name.trim()).not.toBe('');
      expect(ids.has(t.id)).toBe(false);
      ids.add(t.id);
      if (t.type === 'Task') expect(typeof state.Resource).toBe('string');
      // The Rust insert wires Next / End.
      expect(state.Next).toBeUndefined();
      expect(state.End).toBeUndefined();
      expect(findTemplate(t.id)).toBe(t);
    }
  });

  it('builds the Lambda invoke as Workflow Studio does', () => {
    const s = templateFor('lambda-invoke');
    expect(s.OutputPath).toBe('$.Payload');
    expect(s.Parameters).toEqual({
      FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:my-function:$LATEST',
      'Payload.$': '$',
    });
    expect(s.Retry).toEqual([LAMBDA_RETRY]);
  });

  it('fills the fields each type requires', () => {
    expect(templateFor('wait').Seconds).toBe(5);
    expect(templateFor('fail')).toMatchObject({ Error: expect.any(String), Cause: expect.any(String) });
    const http = templateFor('http-invoke').Parameters as Json;
    expect(http).toMatchObject({ ApiEndpoint: expect.stringMatching(/^https:/), Method: 'GET' });
    expect((http.Authentication as Json).ConnectionArn).toMatch(/^arn:aws:events:/);
    const par = templateFor('parallel').Branches as Json[];
    expect(par).toHaveLength(1);
    expect(par[0]).toEqual({ StartAt: 'Pass', States: { Pass: { Type: 'Pass', End: true } } });
    const map = templateFor('map');
    expect(map.ItemsPath).toBe('$.items');
    expect(map.ItemProcessor).toMatchObject({ ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Process item' });
  });

  it('gives a Choice one rule pointing where the edge led, and no rule leading nowhere', () => {
    expect(templateFor('choice', { next: 'Ship' })).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.value', IsPresent: true, Next: 'Ship' }],
    });
    expect(templateFor('choice', { standalone: true })).toEqual({ Type: 'Choice', Choices: [] });
    expect(templateFor('choice', { next: null })).toEqual({ Type: 'Choice', Choices: [] });
  });

  it('ends standalone states that need an end', () => {
    expect(templateFor('pass', { standalone: true }).End).toBe(true);
    expect(templateFor('map', { standalone: true }).End).toBe(true);
    expect(templateFor('succeed', { standalone: true }).End).toBeUndefined();
    expect(templateFor('choice', { standalone: true }).End).toBeUndefined();
  });

  it('returns fresh copies', () => {
    const a = templateFor('lambda-invoke');
    (a.Retry as Json[]).push({});
    expect(templateFor('lambda-invoke').Retry).toHaveLength(1);
  });

  it('filters by label, type, service and keywords', () => {
    expect(filterTemplates('').length).toBe(PALETTE_TEMPLATES.length);
    expect(filterTemplates('dynamo').map((t) => t.id)).toEqual(['dynamodb-get', 'dynamodb-put']);
    expect(filterTemplates('LOOP').map((t) => t.id)).toEqual(['map']);
    expect(filterTemplates('zzz')).toEqual([]);
  });
});
