import { describe, expect, it } from 'vitest';
import { ClaimStore } from './claims';

const problem = (pointer: string, code = 'x'): { pointer: string; code: string } => ({ pointer, code });

describe('ClaimStore', () => {
  it('gives a problem to the most specific field that covers it', () => {
    const store = new ClaimStore();
    const [item, next, json] = [store.newId(), store.newId(), store.newId()];
    store.set(item, [{ pointer: '/States/C/Choices/0', within: true }]);
    store.set(next, [{ pointer: '/States/C/Choices/0/Next' }]);
    store.set(json, [{ pointer: '/States/T/Parameters', within: true }]);
    expect(store.ownerOf(problem('/States/C/Choices/0/Next'))).toBe(next);
    expect(store.ownerOf(problem('/States/C/Choices/0/Variable'))).toBe(item);
    expect(store.ownerOf(problem('/States/C/Choices/0'))).toBe(item);
    expect(store.ownerOf(problem('/States/T/Parameters/a/b.$'))).toBe(json);
    // Exact claims do not reach inside; nobody shows a problem outside every claim.
    expect(store.ownerOf(problem('/States/C/Choices/0/Next/x'))).toBe(item);
    expect(store.ownerOf(problem('/States/C/Default'))).toBeUndefined();
  });

  it('takes codes into account, and counts a field not registered yet', () => {
    const store = new ClaimStore();
    const name = store.newId();
    store.set(name, [{ pointer: '/States/A', codes: ['duplicate-state-name'] }]);
    expect(store.ownerOf(problem('/States/A', 'duplicate-state-name'))).toBe(name);
    expect(store.ownerOf(problem('/States/A', 'unreachable-state'))).toBeUndefined();
    const fresh = store.newId();
    const self = { id: fresh, claims: [{ pointer: '/States/A/Next' }] };
    expect(store.ownerOf(problem('/States/A/Next'), self)).toBe(fresh);
    expect(store.ownerOf(problem('/States/A/Next'))).toBeUndefined();
  });

  it('tells subscribers when fields come and go', () => {
    const store = new ClaimStore();
    let calls = 0;
    const stop = store.subscribe(() => {
      calls += 1;
    });
    const id = store.newId();
    store.set(id, [{ pointer: '/A' }]);
    store.remove(id);
    store.remove(id);
    stop();
    store.set(id, [{ pointer: '/A' }]);
    expect(calls).toBe(2);
    expect(store.getVersion()).toBe(3);
  });
});
