import { describe, expect, it } from 'vitest';
import { escapeToken, formatPointer, getAt, joinPointer, parsePointer, splitPointer, unescapeToken } from './pointer';

describe('JSON Pointer helpers', () => {
  it('escapes and unescapes tokens (RFC 6901)', () => {
    expect(escapeToken('a/b~c')).toBe('a~1b~0c');
    expect(unescapeToken('a~1b~0c')).toBe('a/b~c');
    // ~01 is "~1", not "/".
    expect(unescapeToken('~01')).toBe('~1');
    expect(escapeToken('~1')).toBe('~01');
  });

  it('parses and formats pointers', () => {
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('/States/a~1b/Next')).toEqual(['States', 'a/b', 'Next']);
    expect(parsePointer('/')).toEqual(['']);
    expect(() => parsePointer('States')).toThrow();
    expect(formatPointer(['States', 'a/b', 0])).toBe('/States/a~1b/0');
    expect(joinPointer('/States/P', 'Branches', 1, 'States', 'x~y')).toBe('/States/P/Branches/1/States/x~0y');
  });

  it('splits a pointer into parent and last token', () => {
    expect(splitPointer('/States/A~1B')).toEqual({ parent: '/States', last: 'A/B' });
    expect(splitPointer('/States')).toEqual({ parent: '', last: 'States' });
    expect(splitPointer('')).toBeNull();
  });

  it('gets values at pointers', () => {
    const doc = { States: { 'a/b': { Retry: [{ MaxAttempts: 3 }] }, '': 1 }, n: null };
    expect(getAt(doc, '')).toBe(doc);
    expect(getAt(doc, '/States/a~1b/Retry/0/MaxAttempts')).toBe(3);
    expect(getAt(doc, '/States/')).toBe(1);
    expect(getAt(doc, '/n')).toBeNull();
    expect(getAt(doc, '/States/a~1b/Retry/1')).toBeUndefined();
    expect(getAt(doc, '/States/a~1b/Retry/01')).toBeUndefined();
    expect(getAt(doc, '/States/a~1b/Retry/-')).toBeUndefined();
    expect(getAt(doc, '/n/x')).toBeUndefined();
    expect(getAt(doc, '/toString')).toBeUndefined();
  });
});
