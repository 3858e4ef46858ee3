import { describe, expect, it } from 'vitest';
import { fieldEdit, jsonEqual, moveItem, replaceKey, scopeOf, stateQueryLanguage, statesInScope } from './model';

describe('fieldEdit', () => {
  const root = { States: { A: { Type: 'Task', Next: 'B', ResultPath: '$.r' }, B: { Type: 'Map' } } };

  it('sets a field whose parent exists', () => {
    expect(fieldEdit(root, '/States/A/Comment', 'hi')).toEqual({ op: 'setValue', pointer: '/States/A/Comment', value: 'hi' });
  });

  it('removes with no value, and does nothing when there is nothing to remove or change', () => {
    expect(fieldEdit(root, '/States/A/ResultPath', undefined)).toEqual({ op: 'setValue', pointer: '/States/A/ResultPath' });
    expect(fieldEdit(root, '/States/A/Comment', undefined)).toBeNull();
    expect(fieldEdit(root, '/States/A/Next', 'B')).toBeNull();
  });

  it('sets a JSON null through the parent object (setValue null would remove)', () => {
    expect(fieldEdit(root, '/States/A/ResultPath', null)).toEqual({
      op: 'setValue',
      pointer: '/States/A',
      value: { Type: 'Task', Next: 'B', ResultPath: null },
    });
  });

  it('creates missing containers by setting the nearest existing ancestor', () => {
    expect(fieldEdit(root, '/States/B/ItemProcessor/ProcessorConfig/Mode', 'DISTRIBUTED')).toEqual({
      op: 'setValue',
      pointer: '/States/B/ItemProcessor',
      value: { ProcessorConfig: { Mode: 'DISTRIBUTED' } },
    });
  });
});

describe('object helpers', () => {
  it('replaces a key in place', () => {
    expect(Object.entries(replaceKey({ Type: 'Wait', Seconds: 5, Next: 'X' }, 'Seconds', 'Timestamp', 't'))).toEqual([
      ['Type', 'Wait'],
      ['Timestamp', 't'],
      ['Next', 'X'],
    ]);
    expect(Object.keys(replaceKey({ a: 1 }, null, 'b', 2))).toEqual(['a', 'b']);
  });

  it('compares JSON structurally and moves items', () => {
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
  });
});

describe('scopes and query languages', () => {
  const root = {
    QueryLanguage: 'JSONata',
    States: {
      P: { Type: 'Parallel', QueryLanguage: 'JSONPath', Branches: [{ StartAt: 'X', States: { X: {}, Y: {} } }] },
      Q: { Type: 'Pass' },
    },
  };
  it('finds scopes and their states', () => {
    expect(scopeOf('/States/P')).toBe('');
    expect(scopeOf('/States/P/Branches/0/States/X')).toBe('/States/P/Branches/0');
    expect(statesInScope(root, '')).toEqual(['P', 'Q']);
    expect(statesInScope(root, '/States/P/Branches/0')).toEqual(['X', 'Y']);
  });
  it("resolves a state's query language (its own, else the machine's)", () => {
    expect(stateQueryLanguage(root, '/States/P')).toBe('JSONPath');
    expect(stateQueryLanguage(root, '/States/Q')).toBe('JSONata');
    expect(stateQueryLanguage({}, '/States/Q')).toBe('JSONPath');
  });
});
