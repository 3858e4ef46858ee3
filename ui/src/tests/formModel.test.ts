import { describe, expect, it } from 'vitest';
import type { TestDef } from '../bindings/TestDef';
import { buildTest, formOf } from './formModel';

/** Tests as the tests file holds them: the form must give each back unchanged. */
const ROUND_TRIPS: Array<[string, TestDef]> = [
  ['only a name', { name: 'succeeds', expect: {} }],
  ['input and test case', { name: 'a', input: { id: 7 }, testCase: 'HappyPath', expect: { status: 'SUCCEEDED' } }],
  [
    'inline mocks, both kinds',
    {
      name: 'b',
      mocks: { Charge: { '0-1': { Throw: { Error: 'Busy', Cause: 'later' } }, '2': { Return: { ok: true } } }, Ship: { '0': { Return: 'x' } } },
      expect: { output: { done: 1 } },
    },
  ],
  ['partial output, error, cause contains', { name: 'c', expect: { outputMatches: { a: 1 }, error: 'E', causeContains: 'no money' } }],
  ['exact cause and path', { name: 'd', expect: { cause: 'c', path: ['A', 'B'], notVisited: ['C'] } }],
  ['visits in order', { name: 'e', expect: { visits: ['A', 'C'] } }],
  [
    'state checks grouped by state and visit',
    { name: 'f', expect: { states: [{ state: 'A', output: { x: 1 }, attempts: 2 }, { state: 'A', visit: 2, inputMatches: { y: 2 } }] } },
  ],
  ['variables and attempts', { name: 'g', expect: { variables: { total: 42 }, attempts: { Charge: 3 } } }],
  ['a handlers file, kept', { name: 'h', handlers: 'handlers.json', expect: {} }],
  ['a start time and a seed', { name: 'i', startTime: '2026-01-01T00:00:00Z', seed: 7, expect: {} }],
];

describe('the test form', () => {
  it.each(ROUND_TRIPS)('gives back a test with %s', (_, test) => {
    const built = buildTest(formOf(test));
    expect(built).toEqual({ ok: true, test });
  });

  it.each([
    ['an empty name', { name: ' ' }, 'name'],
    ['input that is not JSON', { input: '{oops' }, 'input'],
    ['a mock with no state', { mocks: [{ state: '', invocation: '0', kind: 'Return' as const, value: '{}', error: '', cause: '' }] }, 'mock-0'],
    ['a bad invocation key', { mocks: [{ state: 'A', invocation: 'first', kind: 'Return' as const, value: '{}', error: '', cause: '' }] }, 'mock-0'],
    ['a Throw with no error', { mocks: [{ state: 'A', invocation: '0', kind: 'Throw' as const, value: '', error: '', cause: 'c' }] }, 'mock-0'],
    ['variables that are not an object', { variables: '[1]' }, 'variables'],
    ['a start time that is not one', { startTime: 'tomorrow' }, 'startTime'],
    ['a negative seed', { seed: '-1' }, 'seed'],
    ['a visit of 0', { checks: [{ state: 'A', visit: '0', field: 'output' as const, value: '1' }] }, 'check-0'],
  ])('refuses %s and says which field', (_, patch, field) => {
    const built = buildTest({ ...formOf({ name: 't', expect: {} }), ...patch });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.errors.map((e) => e.field)).toContain(field);
  });
});
