import { act, screen, waitFor } from '@testing-library/react';
import { revealField } from '../lib/reveal';
import { describe, expect, it } from 'vitest';
import { setup } from './renderInspector';
import { problemAt, SAMPLE, viewOf } from './testing';

describe('Inspector: problems on the fields', () => {
  /** The row (or list item, or section) that shows the problems of `pointer`. */
  function shownAt(root: HTMLElement, pointer: string): HTMLElement {
    const el = root.querySelector<HTMLElement>(`[data-field-pointer="${pointer.replace(/"/g, '\\"')}"]`);
    if (el === null) throw new Error(`nothing shows ${pointer}`);
    return el;
  }
  /** The codes of the problems shown by the element at `pointer` itself (not by fields inside it). */
  function codesAt(root: HTMLElement, pointer: string): string[] {
    const el = shownAt(root, pointer);
    return [...el.querySelectorAll<HTMLElement>('.insp-field-problem')]
      .filter((li) => li.closest('[data-field-pointer]') === el)
      .map((li) => li.dataset.code ?? '');
  }
  function withProblems(selection: string[], problems: Array<[pointer: string, state: string | null, code: string]>) {
    const base = viewOf(SAMPLE);
    return setup(selection, { ...base, problems: problems.map(([p, s, c]) => problemAt(base, p, s, c)) });
  }

  it('shows a Task field problem on the field, outlined, and not in the list', () => {
    const { root } = withProblems(['/States/Validate'], [
      ['/States/Validate/Next', '/States/Validate', 'next-not-found'],
      ['/States/Validate/InputPath', '/States/Validate', 'invalid-json-path'],
      ['/States/Validate/TimeoutSeconds', '/States/Validate', 'invalid-timeout'],
    ]);
    expect(codesAt(root, '/States/Validate/Next')).toEqual(['next-not-found']);
    expect(codesAt(root, '/States/Validate/InputPath')).toEqual(['invalid-json-path']);
    expect(codesAt(root, '/States/Validate/TimeoutSeconds')).toEqual(['invalid-timeout']);
    expect(shownAt(root, '/States/Validate/InputPath')).toHaveClass('has-problem--error');
    expect(shownAt(root, '/States/Validate/InputPath')).toHaveTextContent('invalid-json-path message');
    expect(screen.queryByTestId('inspector-problems')).toBeNull();
  });

  it('puts problems of Retry, Catch and JSON values on their own field', () => {
    const { root } = withProblems(['/States/Validate'], [
      ['/States/Validate/Retry/0/IntervalSeconds', '/States/Validate', 'invalid-value'],
      ['/States/Validate/Retry/0/ErrorEquals/0', '/States/Validate', 'states-all-position'],
      ['/States/Validate/Retry/0', '/States/Validate', 'invalid-retry-catch'],
      ['/States/Validate/Catch/0/Next', '/States/Validate', 'next-not-found'],
      ['/States/Validate/Parameters/Payload.$', '/States/Validate', 'invalid-json-path'],
      ['/States/Validate/Retry', '/States/Validate', 'wrong-type'],
    ]);
    expect(codesAt(root, '/States/Validate/Retry/0/IntervalSeconds')).toEqual(['invalid-value']);
    expect(codesAt(root, '/States/Validate/Retry/0/ErrorEquals')).toEqual(['states-all-position']);
    // The retrier itself: its item, not the fields inside it.
    expect(codesAt(root, '/States/Validate/Retry/0')).toEqual(['invalid-retry-catch']);
    expect(shownAt(root, '/States/Validate/Retry/0')).toHaveClass('has-problem--error');
    expect(codesAt(root, '/States/Validate/Retry')).toEqual(['wrong-type']);
    expect(codesAt(root, '/States/Validate/Catch/0/Next')).toEqual(['next-not-found']);
    expect(codesAt(root, '/States/Validate/Parameters')).toEqual(['invalid-json-path']);
    expect(screen.queryByTestId('inspector-problems')).toBeNull();
  });

  it('puts Choice problems on the rule, the condition, the operand, Next and Default', () => {
    const { root } = withProblems(['/States/Route'], [
      ['/States/Route/Choices/0/Next', '/States/Route', 'next-not-found'],
      ['/States/Route/Choices/0/NumericGreaterThan', '/States/Route', 'choice-operand-type'],
      ['/States/Route/Choices/1', '/States/Route', 'invalid-choice-rule'],
      ['/States/Route/Choices/1/And/1/Variable', '/States/Route', 'invalid-json-path'],
      ['/States/Route/Choices/1/And/0', '/States/Route', 'invalid-choice-rule'],
      ['/States/Route/Default', '/States/Route', 'next-not-found'],
    ]);
    expect(codesAt(root, '/States/Route/Choices/0/Next')).toEqual(['next-not-found']);
    expect(codesAt(root, '/States/Route/Choices/0/NumericGreaterThan')).toEqual(['choice-operand-type']);
    expect(codesAt(root, '/States/Route/Choices/0')).toEqual([]);
    expect(codesAt(root, '/States/Route/Choices/1')).toEqual(['invalid-choice-rule']);
    expect(codesAt(root, '/States/Route/Choices/1/And/1/Variable')).toEqual(['invalid-json-path']);
    expect(codesAt(root, '/States/Route/Choices/1/And/0')).toEqual(['invalid-choice-rule']);
    expect(codesAt(root, '/States/Route/Default')).toEqual(['next-not-found']);
    expect(screen.queryByTestId('inspector-problems')).toBeNull();
  });

  it('puts problems about the state on the name and on Next, the rest in the list', () => {
    const { root } = withProblems(['/States/Hold'], [
      ['/States/Hold', '/States/Hold', 'duplicate-state-name'],
      ['/States/Hold', '/States/Hold', 'missing-transition'],
      ['/States/Hold', '/States/Hold', 'wait-timing'],
      ['/States/Hold', '/States/Hold', 'no-terminal-path'],
      ['/States/Hold/Bogus', '/States/Hold', 'unknown-field'],
    ]);
    const header = shownAt(root, '/States/Hold');
    expect([...header.querySelectorAll<HTMLElement>('.insp-field-problem')].map((li) => li.dataset.code)).toEqual(['duplicate-state-name']);
    expect(screen.getByTestId('state-name-input')).toHaveAttribute('aria-invalid', 'true');
    expect(codesAt(root, '/States/Hold/Next')).toEqual(['missing-transition']);
    expect(screen.getByTestId('wait-editor')).toHaveTextContent('wait-timing');
    const list = screen.getByTestId('inspector-problems');
    expect([...list.querySelectorAll('li')].map((li) => li.dataset.code)).toEqual(['no-terminal-path', 'unknown-field']);
  });

  it('shows Map, Parallel and machine settings problems on their fields', () => {
    const fork = withProblems(['/States/Fork'], [['/States/Fork/Branches/1/StartAt', '/States/Fork', 'start-at-not-found']]);
    expect(codesAt(fork.root, '/States/Fork/Branches/1/StartAt')).toEqual(['start-at-not-found']);
    fork.unmount();
    const each = withProblems(['/States/Each'], [['/States/Each/MaxConcurrency', '/States/Each', 'invalid-value']]);
    expect(codesAt(each.root, '/States/Each/MaxConcurrency')).toEqual(['invalid-value']);
    each.unmount();
    const machine = withProblems([], [
      ['/StartAt', null, 'start-at-not-found'],
      ['/TimeoutSeconds', null, 'invalid-timeout'],
      ['/States', null, 'empty-states'],
    ]);
    expect(codesAt(machine.root, '/StartAt')).toEqual(['start-at-not-found']);
    expect(codesAt(machine.root, '/TimeoutSeconds')).toEqual(['invalid-timeout']);
    expect(screen.getByTestId('inspector-problems')).toHaveTextContent('empty-states');
  });

  it('brings a field asked for into view and flashes it, opening its section', async () => {
    const { root } = withProblems(['/States/Route'], [['/States/Route/Choices/0/Assign', '/States/Route', 'invalid-variable-name']]);
    const more = shownAt(root, '/States/Route/Choices/0/Assign').closest('details');
    expect(more).toHaveProperty('open', true);
    if (more !== null) more.open = false;
    act(() => revealField('/States/Route/Choices/0/Assign/x'));
    await waitFor(() => expect(shownAt(root, '/States/Route/Choices/0/Assign')).toHaveClass('is-revealed'));
    expect(more).toHaveProperty('open', true);
    // Something no field edits: the nearest thing that shows it, here the state's header.
    act(() => revealField('/States/Route/Bogus'));
    await waitFor(() => expect(shownAt(root, '/States/Route')).toHaveClass('is-revealed'));
  });

  it('opens a collapsed section that holds a field with a problem', () => {
    const { root } = withProblems(['/States/Validate'], [['/States/Validate/QueryLanguage', '/States/Validate', 'invalid-query-language']]);
    const row = shownAt(root, '/States/Validate/QueryLanguage');
    expect(codesAt(root, '/States/Validate/QueryLanguage')).toEqual(['invalid-query-language']);
    expect(row.closest('details')).toHaveProperty('open', true);
  });
});
