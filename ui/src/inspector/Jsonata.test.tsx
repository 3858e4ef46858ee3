import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Blocker } from '../bindings/Blocker';
import type { Edit } from '../bindings/Edit';
import type { ExpressionReply } from '../bindings/ExpressionReply';
import type { ExpressionRequest } from '../bindings/ExpressionRequest';
import { RunApiContext, type RunInspectorValue } from '../run/context';
import { lineColumn, PREVIEW_DEBOUNCE_MS } from './ExpressionPreview';
import { Inspector } from './Inspector';
import { blockerLabel } from './LanguageSwitch';
import { setSample, EMPTY_DRAFT } from './samples';
import { viewOf } from './testing';

const DEF = {
  QueryLanguage: 'JSONata',
  StartAt: 'Call',
  States: {
    Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { id: '{% $states.input.id %}' }, Output: '{% $states.result.Payload %}', Next: 'Pick' },
    Pick: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 1 %}', Next: 'Done' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

function setup(selection: string[], evaluate: (r: ExpressionRequest) => Promise<ExpressionReply>, blockers?: (l: 'JSONPath' | 'JSONata') => Promise<Blocker[]>) {
  const onEdit = vi.fn<(edit: Edit) => void>();
  const run: RunInspectorValue = {
    previewState: vi.fn(() => Promise.reject(new Error('unused'))),
    evaluateExpression: vi.fn(evaluate),
    breakpoints: new Set(),
    toggleBreakpoint: vi.fn(),
  };
  render(
    <RunApiContext.Provider value={run}>
      <Inspector view={viewOf(DEF)} selection={selection} onEdit={onEdit} onSelect={vi.fn()} languageBlockers={blockers} />
    </RunApiContext.Provider>,
  );
  const root = screen.getByTestId('inspector');
  const field = (name: string): HTMLTextAreaElement | HTMLInputElement => {
    const el = root.querySelector<HTMLTextAreaElement>(`[data-field="${name}"]`);
    if (el === null) throw new Error(`no field ${name}`);
    return el;
  };
  return { root, field, onEdit, run };
}

async function settle(): Promise<void> {
  await act(async () => {
    vi.advanceTimersByTime(PREVIEW_DEBOUNCE_MS + 10);
    await Promise.resolve();
    await Promise.resolve();
  });
}

describe('JSONata expression editors', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setSample('/States/Call', { ...EMPTY_DRAFT, input: '{"id": 7}', result: '{"Payload": {"ok": true}}' });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('previews a field on the state sample as the user types, debounced', async () => {
    const evaluate = vi.fn((r: ExpressionRequest) => Promise.resolve<ExpressionReply>({ value: r.text.includes('+ 1') ? '8' : '7', error: null }));
    const { field, run } = setup(['/States/Call'], evaluate);
    const args = field('Arguments');
    fireEvent.change(args, { target: { value: '{% $states.input.id %}' } });
    await settle();
    const previews = screen.getAllByTestId('expression-preview');
    expect(previews.length).toBeGreaterThan(0);
    expect(run.evaluateExpression).toHaveBeenLastCalledWith({ text: '{% $states.input.id %}', input: '{"id": 7}', result: null, variables: '' });
    fireEvent.change(args, { target: { value: '{% $states.input.id + 1 %}' } });
    fireEvent.change(args, { target: { value: '{% $states.input.id + 1 %}' } });
    await settle();
    const row = args.closest('.insp-row') as HTMLElement;
    expect(within(row).getByTestId('expression-value').textContent).toBe('8');
  });

  it('gives Output the mocked task result as $states.result', async () => {
    const { run } = setup(['/States/Call'], () => Promise.resolve({ value: '{"ok": true}', error: null }));
    await settle();
    const calls = vi.mocked(run.evaluateExpression).mock.calls.map(([r]) => r);
    expect(calls).toContainEqual({ text: '{% $states.result.Payload %}', input: '{"id": 7}', result: '{"Payload": {"ok": true}}', variables: '' });
  });

  it('shows an error with its code and where it is', async () => {
    const { field } = setup(['/States/Pick'], () => Promise.resolve({ value: null, error: { code: 'S0207', message: 'Unexpected end of expression', position: 8 } }));
    fireEvent.change(field('Condition'), { target: { value: '{% 1 + %}' } });
    await settle();
    const error = screen.getByTestId('expression-error');
    expect(error.dataset['code']).toBe('S0207');
    expect(error.textContent).toContain('Unexpected end of expression');
    expect(error.textContent).toContain('character 9 (8)');
  });

  it('counts lines and columns in characters', () => {
    expect(lineColumn('{% 1 + %}', 7)).toEqual({ line: 1, column: 8 });
    expect(lineColumn('{\n  "a": "{% x %}"\n}', 5)).toEqual({ line: 2, column: 4 });
    expect(lineColumn('é€x', 2)).toEqual({ line: 1, column: 3 });
  });
});

describe('switching the query language', () => {
  it('lists the fields that stop the switch, and offers it when there are none', async () => {
    const blockers = vi.fn((l: 'JSONPath' | 'JSONata') =>
      Promise.resolve<Blocker[]>(l === 'JSONPath' ? [{ pointer: '/States/Pick/Choices/0/Condition', reason: 'no JSONPath form' }] : []),
    );
    const { onEdit } = setup([], () => Promise.resolve({ value: null, error: null }), blockers);
    await act(async () => {
      await Promise.resolve();
    });
    expect(blockers).toHaveBeenCalledWith('JSONPath');
    const list = screen.getByTestId('language-blockers');
    expect(list.textContent).toContain('Pick › Choices › 0 › Condition: no JSONPath form');
    const button = screen.getByTestId('language-switch-button') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(onEdit).not.toHaveBeenCalled();
  });

  it('sends the switch when it is exact', async () => {
    const { onEdit } = setup([], () => Promise.resolve({ value: null, error: null }), () => Promise.resolve([]));
    await act(async () => {
      await Promise.resolve();
    });
    const button = screen.getByTestId('language-switch-button') as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    expect(onEdit).toHaveBeenCalledWith({ op: 'setQueryLanguage', language: 'JSONPath' });
  });

  it('names a blocked field by its state path', () => {
    expect(blockerLabel('/States/Map/ItemProcessor/States/P/Output')).toBe('Map › ItemProcessor › P › Output');
    expect(blockerLabel('')).toBe('the machine');
  });
});
