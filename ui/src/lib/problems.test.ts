import { describe, expect, it } from 'vitest';
import { problem, state, view } from '../test/fixtures';
import {
  compactPointer,
  countBySeverity,
  displayPointer,
  isWithin,
  plural,
  problemsByState,
  sortProblems,
  stateAt,
} from './problems';

describe('isWithin', () => {
  it('matches the pointer itself and whole segments below it', () => {
    expect(isWithin('/States/A', '/States/A')).toBe(true);
    expect(isWithin('/States/A/Next', '/States/A')).toBe(true);
    expect(isWithin('/States/AB/Next', '/States/A')).toBe(false);
    expect(isWithin('/States', '/States/A')).toBe(false);
  });
});

describe('stateAt', () => {
  const states = view().states;

  it('finds the innermost state containing a pointer', () => {
    expect(stateAt(states, '/States/Fork/Branches/1/States/Ship/ItemProcessor/States/Pack/Next')?.name).toBe('Pack');
    expect(stateAt(states, '/States/Fork/Branches/1/States/Ship/MaxConcurrency')?.name).toBe('Ship');
    expect(stateAt(states, '/States/Fork/Next')?.name).toBe('Fork');
  });

  it('finds nothing for document-level pointers', () => {
    expect(stateAt(states, '')).toBeUndefined();
    expect(stateAt(states, '/StartAt')).toBeUndefined();
  });
});

describe('problemsByState', () => {
  it('groups problems under the innermost state only', () => {
    const states = view().states;
    const inner = problem('/States/Fork/Branches/0/States/Charge/Next');
    const outer = problem('/States/Fork/Branches', 'missing-field');
    const top = problem('/StartAt', 'start-at-not-found');
    const grouped = problemsByState(states, [inner, outer, top]);
    expect(grouped.get('/States/Fork/Branches/0/States/Charge')).toEqual([inner]);
    expect(grouped.get('/States/Fork')).toEqual([outer]);
    expect([...grouped.keys()]).toHaveLength(2);
  });

  it('never files a problem under a state whose name only starts the same', () => {
    // "AB" has no row (its value is not a state object), so its problem belongs to no state.
    const notAState = problem('/States/AB', 'state-not-object');
    const inA = problem('/States/A/Next');
    const grouped = problemsByState([state('A', 'Pass')], [notAState, inA]);
    expect([...grouped.entries()]).toEqual([['/States/A', [inA]]]);
  });
});

describe('counting and ordering', () => {
  const e1 = problem('/States/A', 'a', 'error');
  const w1 = problem('/States/B', 'b', 'warning');
  const e2 = problem('/States/C', 'c', 'error');

  it('counts by severity', () => {
    expect(countBySeverity([e1, w1, e2])).toEqual({ errors: 2, warnings: 1 });
    expect(countBySeverity([])).toEqual({ errors: 0, warnings: 0 });
  });

  it('puts errors first and keeps the validator order otherwise', () => {
    expect(sortProblems([w1, e1, e2]).map((p) => p.code)).toEqual(['a', 'c', 'b']);
  });
});

describe('text helpers', () => {
  it('shows the root pointer as a slash', () => {
    expect(displayPointer('')).toBe('/');
    expect(displayPointer('/States/A')).toBe('/States/A');
  });

  it('pluralises', () => {
    expect(plural(1, 'error')).toBe('1 error');
    expect(plural(0, 'warning')).toBe('0 warnings');
    expect(plural(3, 'state')).toBe('3 states');
  });

});

describe('compactPointer', () => {
  it('keeps top-level pointers', () => {
    expect(compactPointer('/States/Validate Order')).toBe('/States/Validate Order');
    expect(compactPointer('')).toBe('');
  });

  it('shortens nested pointers to the innermost container', () => {
    expect(compactPointer('/States/Fork/Branches/1/States/Ship')).toBe('…/Branches/1/States/Ship');
    expect(compactPointer('/States/Fork/Branches/1/States/Ship/ItemProcessor/States/Pack')).toBe(
      '…/ItemProcessor/States/Pack',
    );
    expect(compactPointer('/States/Old/Iterator/States/A')).toBe('…/Iterator/States/A');
  });

  it('is not fooled by state names that look like containers', () => {
    expect(compactPointer('/States/Branches')).toBe('/States/Branches');
    expect(compactPointer('/States/ItemProcessor/Branches/0/States/Iterator')).toBe('…/Branches/0/States/Iterator');
    expect(compactPointer('/States/A/Branches/0')).toBe('/States/A/Branches/0');
  });
});

describe('the syntax error as a problem', () => {
  it('comes first, as an error at its offset, of no state', async () => {
    const { isSyntaxProblem, withSyntaxError } = await import('./problems');
    const others = [problem('/States/A/Next', 'next-not-found', 'error', '/States/A')];
    expect(withSyntaxError(others, null)).toBe(others);
    const listed = withSyntaxError(others, { message: 'EOF while parsing', line: 3, column: 9, offset: 40 });
    expect(listed).toHaveLength(2);
    expect(listed[0]).toEqual({ severity: 'error', code: 'syntax-error', message: 'EOF while parsing', pointer: '', state: null, from: 40, to: 40 });
    expect(listed[0] !== undefined && isSyntaxProblem(listed[0])).toBe(true);
    expect(listed[1] !== undefined && isSyntaxProblem(listed[1])).toBe(false);
    expect(countBySeverity(listed).errors).toBe(2);
  });
});
