import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { revealField } from '../lib/reveal';
import { describe, expect, it, vi } from 'vitest';
import type { DocumentView } from '../bindings/DocumentView';
import type { Edit } from '../bindings/Edit';
import { Inspector } from './Inspector';
import { problemAt, SAMPLE, viewOf } from './testing';

function setup(selection: string[], view: DocumentView = viewOf(SAMPLE)) {
  const onEdit = vi.fn<(edit: Edit) => void>();
  const onSelect = vi.fn<(pointers: string[]) => void>();
  const utils = render(<Inspector view={view} selection={selection} onEdit={onEdit} onSelect={onSelect} />);
  const root = screen.getByTestId('inspector');
  const field = (name: string, within_: HTMLElement = root): HTMLInputElement => {
    const el = within_.querySelector<HTMLInputElement>(`[data-field="${name}"]`);
    if (el === null) throw new Error(`no field ${name}`);
    return el;
  };
  return { ...utils, onEdit, onSelect, root, field };
}

/** Types into a text input and commits with Enter. */
function typeAndEnter(input: HTMLElement, text: string): void {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('Inspector: machine settings', () => {
  it('shows the machine fields when nothing is selected', () => {
    const { root, field } = setup([]);
    expect(within(root).getByTestId('machine-settings')).toBeInTheDocument();
    expect(field('Comment').value).toBe('Sample');
    expect((field('StartAt') as unknown as HTMLSelectElement).value).toBe('Validate');
    expect(screen.getByLabelText('Query language')).toBeInTheDocument();
    expect(screen.getByLabelText('Timeout (s)')).toBeInTheDocument();
    expect(screen.getByLabelText('Version')).toBeInTheDocument();
  });

  it('sets StartAt through connect, and TimeoutSeconds as a number on blur', () => {
    const { field, onEdit } = setup([]);
    fireEvent.change(field('StartAt'), { target: { value: 'Route' } });
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'connect', source: '', slot: { kind: 'start' }, target: 'Route' });
    const timeout = field('TimeoutSeconds');
    fireEvent.change(timeout, { target: { value: '3' } });
    fireEvent.change(timeout, { target: { value: '30' } });
    expect(onEdit).toHaveBeenCalledTimes(1); // not per keystroke
    fireEvent.blur(timeout);
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/TimeoutSeconds', value: 30 });
  });

  it('sets the query language and removes an emptied comment', () => {
    const { field, onEdit } = setup([]);
    fireEvent.change(field('QueryLanguage'), { target: { value: 'JSONata' } });
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/QueryLanguage', value: 'JSONata' });
    typeAndEnter(field('Comment'), '');
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/Comment' });
  });
});

describe('Inspector: selection', () => {
  it('summarises a multi-selection', () => {
    const { onSelect } = setup(['/States/Validate', '/States/Route']);
    expect(screen.getByText('2 states selected')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /Route/ }));
    expect(onSelect).toHaveBeenCalledWith(['/States/Route']);
  });

  it("lists the selected state's problems that no field shows, below the fields", () => {
    const base = viewOf(SAMPLE);
    const view = {
      ...base,
      problems: [
        problemAt(base, '/States/Validate/Next', '/States/Validate', 'next-not-found'),
        problemAt(base, '/States/Validate', '/States/Validate', 'unreachable-state'),
        problemAt(base, '/States/Route', '/States/Route', 'other'),
      ],
    };
    const { root } = setup(['/States/Validate'], view);
    const list = screen.getByTestId('inspector-problems');
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(list).toHaveTextContent('unreachable-state');
    // After every field: nothing it shows can push a field down.
    const fields = root.querySelectorAll('[data-field]');
    const last = fields[fields.length - 1];
    expect(last !== undefined && (last.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0).toBe(true);
    expect(screen.getByTestId('inspector-problem-count')).toHaveTextContent('2');
  });

  it('disables editing while the text does not parse', () => {
    const view = viewOf(SAMPLE, { text: '{"States": ', textError: { message: 'EOF', line: 1, column: 12, offset: 11 } });
    const { root } = setup([], view);
    expect(root).toHaveTextContent('The definition does not parse yet.');
  });
});

describe('Inspector: state header', () => {
  it('renames on Enter', () => {
    const { onEdit } = setup(['/States/Validate']);
    const name = screen.getByTestId('state-name-input');
    expect(name).toHaveValue('Validate');
    expect(screen.getByTestId('state-badge')).toHaveTextContent('Task');
    typeAndEnter(name, 'Check');
    expect(onEdit).toHaveBeenCalledWith({ op: 'rename', pointer: '/States/Validate', name: 'Check' });
  });

  it('renames on blur and not when unchanged', () => {
    const { onEdit } = setup(['/States/Validate']);
    const name = screen.getByTestId('state-name-input');
    fireEvent.change(name, { target: { value: 'Validate' } });
    fireEvent.blur(name);
    expect(onEdit).not.toHaveBeenCalled();
    fireEvent.change(name, { target: { value: 'Verify' } });
    fireEvent.blur(name);
    expect(onEdit).toHaveBeenCalledWith({ op: 'rename', pointer: '/States/Validate', name: 'Verify' });
  });

  it('shows an error for an empty or taken name and sends nothing', () => {
    const { onEdit } = setup(['/States/Validate']);
    const name = screen.getByTestId('state-name-input');
    typeAndEnter(name, '');
    expect(screen.getByRole('alert')).toHaveTextContent('A state needs a name.');
    typeAndEnter(name, 'Route');
    expect(screen.getByRole('alert')).toHaveTextContent('already exists');
    typeAndEnter(name, 'Item'); // nested in the Map: names are unique in the whole machine
    expect(screen.getByRole('alert')).toHaveTextContent('already exists');
    expect(onEdit).not.toHaveBeenCalled();
  });
});

describe('Inspector: Task', () => {
  it('has the Task fields with a datalist of resources', () => {
    const { field } = setup(['/States/Validate']);
    const resource = field('Resource');
    expect(resource.value).toBe('arn:aws:states:::lambda:invoke');
    expect(resource.getAttribute('list')).toBeTruthy();
    for (const f of ['TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath', 'Credentials', 'InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath', 'Assign', 'Comment']) {
      expect(field(f)).toBeInTheDocument();
    }
  });

  it('chooses Next or End through connect / disconnect', () => {
    const { field, onEdit } = setup(['/States/Validate']);
    const next = field('Next') as unknown as HTMLSelectElement;
    expect(next.value).toBe('s:Route');
    fireEvent.change(next, { target: { value: 'end' } });
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'disconnect', source: '/States/Validate', slot: { kind: 'next' } });
    fireEvent.change(next, { target: { value: 's:Hold' } });
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'connect', source: '/States/Validate', slot: { kind: 'next' }, target: 'Hold' });
  });

  it('validates Parameters JSON: an error and no edit when invalid, an object when valid', () => {
    const { field, onEdit } = setup(['/States/Validate']);
    const params = field('Parameters');
    fireEvent.change(params, { target: { value: '{"a": ' } });
    fireEvent.blur(params);
    expect(screen.getByRole('alert')).toHaveTextContent('Invalid JSON');
    expect(params).toHaveAttribute('aria-invalid', 'true');
    expect(onEdit).not.toHaveBeenCalled();
    fireEvent.change(params, { target: { value: '{"a.$": "$.b"}' } });
    fireEvent.blur(params);
    expect(onEdit).toHaveBeenCalledWith({ op: 'setValue', pointer: '/States/Validate/Parameters', value: { 'a.$': '$.b' } });
  });

  it('sets ResultPath to null through the state object', () => {
    const { field, onEdit } = setup(['/States/Validate']);
    fireEvent.click(field('ResultPathNull'));
    const edit = onEdit.mock.lastCall?.[0];
    expect(edit).toMatchObject({ op: 'setValue', pointer: '/States/Validate' });
    expect(edit !== undefined && 'value' in edit ? edit.value : undefined).toMatchObject({ ResultPath: null, Type: 'Task' });
  });

  it('says what an empty timeout means for the resource called', () => {
    const { field } = setup(['/States/Validate']);
    // Validate calls Lambda: Lambda's own timeout stops it, and it sends no heartbeats.
    expect(field('TimeoutSeconds')).toHaveAttribute('placeholder', "Lambda's own (≤ 900 s)");
    expect(field('HeartbeatSeconds')).toHaveAttribute('placeholder', 'not used');
    expect(screen.getByText(/Lambda stops at its own timeout/)).toBeInTheDocument();
  });

  it('rejects a non-number timeout', () => {
    const { field, onEdit } = setup(['/States/Validate']);
    const timeout = field('TimeoutSeconds');
    typeAndEnter(timeout, '1.5');
    expect(screen.getByRole('alert')).toHaveTextContent('whole number');
    expect(onEdit).not.toHaveBeenCalled();
    typeAndEnter(timeout, '12abc');
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a number');
    expect(onEdit).not.toHaveBeenCalled();
    typeAndEnter(timeout, '20');
    expect(onEdit).toHaveBeenCalledWith({ op: 'setValue', pointer: '/States/Validate/TimeoutSeconds', value: 20 });
  });
});

describe('Inspector: Retry', () => {
  it('sets MaxAttempts as a number', () => {
    const { field, onEdit } = setup(['/States/Validate']);
    const retry = screen.getByTestId('retry-editor');
    const max = field('MaxAttempts', retry);
    expect(max.value).toBe('3');
    typeAndEnter(max, '5');
    expect(onEdit).toHaveBeenCalledWith({ op: 'setValue', pointer: '/States/Validate/Retry/0/MaxAttempts', value: 5 });
  });

  it('adds, reorders and removes retriers', () => {
    const { onEdit } = setup(['/States/Validate']);
    fireEvent.click(screen.getByRole('button', { name: '+ Add retrier' }));
    const added = [
      { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 },
      { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 },
    ];
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/States/Validate/Retry', value: added });
    fireEvent.click(screen.getByRole('button', { name: 'Remove retrier 1' }));
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/States/Validate/Retry' });
  });

  it('edits ErrorEquals as chips and JitterStrategy as a select', () => {
    const { field, onEdit } = setup(['/States/Validate']);
    const retry = screen.getByTestId('retry-editor');
    typeAndEnter(field('ErrorEquals', retry), 'States.Timeout, Lambda.ServiceException');
    expect(onEdit).toHaveBeenLastCalledWith({
      op: 'setValue',
      pointer: '/States/Validate/Retry/0/ErrorEquals',
      value: ['States.TaskFailed', 'States.Timeout', 'Lambda.ServiceException'],
    });
    fireEvent.click(within(retry).getByRole('button', { name: 'Remove States.TaskFailed' }));
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/States/Validate/Retry/0/ErrorEquals', value: [] });
    fireEvent.change(field('JitterStrategy', retry), { target: { value: 'FULL' } });
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/States/Validate/Retry/0/JitterStrategy', value: 'FULL' });
  });
});

describe('Inspector: Catch', () => {
  it('connects a catcher and adds one before States.ALL', () => {
    const { field, onEdit } = setup(['/States/Validate']);
    const catchEditor = screen.getByTestId('catch-editor');
    fireEvent.change(field('Next', catchEditor), { target: { value: 'Done' } });
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'connect', source: '/States/Validate', slot: { kind: 'catch', index: 0 }, target: 'Done' });
    fireEvent.click(screen.getByRole('button', { name: '+ Add catcher' }));
    expect(onEdit).toHaveBeenLastCalledWith({
      op: 'setValue',
      pointer: '/States/Validate/Catch',
      value: [
        { ErrorEquals: ['States.TaskFailed'], Next: 'Route' },
        { ErrorEquals: ['States.ALL'], Next: 'Failed' },
      ],
    });
    typeAndEnter(field('ResultPath', catchEditor), '$.error');
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/States/Validate/Catch/0/ResultPath', value: '$.error' });
  });
});

describe('Inspector: Choice', () => {
  it('shows rules with typed values and nested groups', () => {
    const { field } = setup(['/States/Route']);
    const rules = screen.getByTestId('choice-rules');
    const items = rules.querySelectorAll<HTMLElement>(':scope > .insp-item');
    expect(items).toHaveLength(2);
    const first = items[0] as HTMLElement;
    expect(field('Variable', first).value).toBe('$.amount');
    expect((field('Operator', first) as unknown as HTMLSelectElement).value).toBe('NumericGreaterThan');
    expect(field('Value', first).inputMode).toBe('decimal');
    const second = items[1] as HTMLElement;
    expect((field('ConditionKind', second) as unknown as HTMLSelectElement).value).toBe('And');
    expect(second.querySelectorAll('[data-field="Variable"]')).toHaveLength(2);
    expect((field('Default') as unknown as HTMLSelectElement).value).toBe('Fork');
  });

  it('offers every comparison operator', () => {
    const { field } = setup(['/States/Route']);
    const options = Array.from((field('Operator') as unknown as HTMLSelectElement).options).map((o) => o.value);
    for (const op of ['StringEquals', 'StringEqualsPath', 'StringLessThan', 'StringGreaterThanEquals', 'StringMatches', 'NumericEquals', 'NumericLessThanEqualsPath', 'BooleanEquals', 'TimestampEquals', 'TimestampGreaterThanPath', 'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']) {
      expect(options).toContain(op);
    }
    expect(options).toHaveLength(39); // as many as the Rust model knows
  });

  it('adds a rule', () => {
    const { onEdit } = setup(['/States/Route']);
    fireEvent.click(screen.getByRole('button', { name: '+ Add rule' }));
    const edit = onEdit.mock.lastCall?.[0];
    expect(edit).toMatchObject({ op: 'setValue', pointer: '/States/Route/Choices' });
    const value = edit !== undefined && 'value' in edit ? edit.value : undefined;
    expect(Array.isArray(value) && value.length).toBe(3);
    expect(Array.isArray(value) ? value[2] : null).toEqual({ Variable: '$.value', StringEquals: '', Next: 'Validate' });
  });

  it('changes operator (one edit, operand converted), value, Next and Default', () => {
    const { field, onEdit } = setup(['/States/Route']);
    fireEvent.change(field('Operator'), { target: { value: 'NumericLessThanEquals' } });
    expect(onEdit).toHaveBeenLastCalledWith({
      op: 'setValue',
      pointer: '/States/Route/Choices/0',
      value: { Variable: '$.amount', NumericLessThanEquals: 100, Next: 'Hold' },
    });
    fireEvent.change(field('Operator'), { target: { value: 'IsPresent' } });
    expect(onEdit).toHaveBeenLastCalledWith({
      op: 'setValue',
      pointer: '/States/Route/Choices/0',
      value: { Variable: '$.amount', IsPresent: true, Next: 'Hold' },
    });
    typeAndEnter(field('Value'), '250');
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/States/Route/Choices/0/NumericGreaterThan', value: 250 });
    fireEvent.change(field('Next', screen.getByTestId('choice-rules')), { target: { value: 'Done' } });
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'connect', source: '/States/Route', slot: { kind: 'choice', index: 0 }, target: 'Done' });
    fireEvent.change(field('Default'), { target: { value: '' } });
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'disconnect', source: '/States/Route', slot: { kind: 'default' } });
  });

  it('turns a comparison into an Or group keeping Next', () => {
    const { field, onEdit } = setup(['/States/Route']);
    fireEvent.change(field('ConditionKind'), { target: { value: 'Or' } });
    expect(onEdit).toHaveBeenLastCalledWith({
      op: 'setValue',
      pointer: '/States/Route/Choices/0',
      value: { Or: [{ Variable: '$.amount', NumericGreaterThan: 100 }], Next: 'Hold' },
    });
  });

  it('edits a nested condition at its pointer and adds one to a group', () => {
    const { onEdit } = setup(['/States/Route']);
    const second = screen.getByTestId('choice-rules').querySelectorAll<HTMLElement>(':scope > .insp-item')[1] as HTMLElement;
    const values = second.querySelectorAll<HTMLInputElement>('[data-field="Value"]');
    typeAndEnter(values[1] as HTMLInputElement, 'DE');
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/States/Route/Choices/1/And/1/StringEquals', value: 'DE' });
    fireEvent.click(within(second).getByRole('button', { name: '+ Add condition' }));
    expect(onEdit).toHaveBeenLastCalledWith({
      op: 'setValue',
      pointer: '/States/Route/Choices/1/And',
      value: [
        { Variable: '$.vip', BooleanEquals: true },
        { Variable: '$.country', StringEquals: 'FR' },
        { Variable: '$.value', StringEquals: '' },
      ],
    });
  });

  it('reorders and removes rules', () => {
    const { onEdit } = setup(['/States/Route']);
    fireEvent.click(screen.getByRole('button', { name: 'Move rule 2 up' }));
    const edit = onEdit.mock.lastCall?.[0];
    const value = edit !== undefined && 'value' in edit ? edit.value : undefined;
    expect(Array.isArray(value) ? value.map((r: { Next: string }) => r.Next) : null).toEqual(['Fork', 'Hold']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove rule 1' }));
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/States/Route/Choices', value: [SAMPLE.States.Route.Choices[1]] });
  });
});

describe('Inspector: Wait', () => {
  it('switches from Seconds to Timestamp in one edit that removes Seconds', () => {
    const { onEdit } = setup(['/States/Hold']);
    expect(screen.getByLabelText('Seconds', { selector: 'input[type="radio"]' })).toBeChecked();
    fireEvent.click(screen.getByLabelText('Timestamp', { selector: 'input[type="radio"]' }));
    const edit = onEdit.mock.lastCall?.[0];
    expect(edit).toMatchObject({ op: 'setValue', pointer: '/States/Hold' });
    const value = edit !== undefined && 'value' in edit ? (edit.value as Record<string, unknown>) : {};
    expect(Object.keys(value)).toEqual(['Type', 'Timestamp', 'Next']);
    expect(value['Seconds']).toBeUndefined();
  });

  it('sets Seconds as a number', () => {
    const { onEdit } = setup(['/States/Hold']);
    typeAndEnter(screen.getByLabelText('Seconds', { selector: 'input[type="text"]' }), '45');
    expect(onEdit).toHaveBeenCalledWith({ op: 'setValue', pointer: '/States/Hold/Seconds', value: 45 });
  });
});

describe('Inspector: Parallel, Map, Pass, Fail', () => {
  it('lists branches and adds one', () => {
    const { onEdit, onSelect } = setup(['/States/Fork']);
    const branches = screen.getByTestId('parallel-branches');
    expect(within(branches).getByText('Branch 1')).toBeInTheDocument();
    expect(within(branches).getByText('Branch 2')).toBeInTheDocument();
    fireEvent.click(within(branches).getByRole('button', { name: '+ Add branch' }));
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'addBranch', pointer: '/States/Fork' });
    fireEvent.click(within(branches).getByRole('button', { name: 'Select B' }));
    expect(onSelect).toHaveBeenCalledWith(['/States/Fork/Branches/1/States/B']);
  });

  it('sets the Map processor mode, creating ProcessorConfig', () => {
    const { field, onEdit } = setup(['/States/Each']);
    expect(field('ItemsPath').value).toBe('$.items');
    for (const f of ['ItemSelector', 'MaxConcurrency', 'MaxConcurrencyPath', 'ItemReader', 'ItemBatcher', 'ResultWriter', 'ToleratedFailurePercentage', 'ToleratedFailureCount', 'Label', 'ResultSelector', 'ResultPath']) {
      expect(field(f)).toBeInTheDocument();
    }
    fireEvent.change(field('Mode'), { target: { value: 'DISTRIBUTED' } });
    expect(onEdit).toHaveBeenLastCalledWith({
      op: 'setValue',
      pointer: '/States/Each/ItemProcessor/ProcessorConfig',
      value: { Mode: 'DISTRIBUTED' },
    });
    typeAndEnter(field('MaxConcurrency'), '10');
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/States/Each/MaxConcurrency', value: 10 });
  });

  it('edits a Pass Result and a nested state sees its own siblings', () => {
    const { field, onEdit } = setup(['/States/Fork/Branches/1/States/B']);
    expect(field('Result').value).toContain('"x": 1');
    const next = field('Next') as unknown as HTMLSelectElement;
    expect(Array.from(next.options).map((o) => o.textContent)).toEqual(['B', 'End (finish here)']);
    fireEvent.change(field('Result'), { target: { value: '[1, 2]' } });
    fireEvent.blur(field('Result'));
    expect(onEdit).toHaveBeenCalledWith({ op: 'setValue', pointer: '/States/Fork/Branches/1/States/B/Result', value: [1, 2] });
  });

  it('edits Fail fields', () => {
    const { field, onEdit } = setup(['/States/Failed']);
    expect(field('Error').value).toBe('Boom');
    expect(field('CausePath')).toBeInTheDocument();
    expect(screen.getByTestId('inspector').querySelector('[data-field="Next"]')).toBeNull();
    typeAndEnter(field('Cause'), 'Broken');
    expect(onEdit).toHaveBeenCalledWith({ op: 'setValue', pointer: '/States/Failed/Cause', value: 'Broken' });
  });
});

describe('Inspector: JSONata', () => {
  const def = {
    QueryLanguage: 'JSONata',
    StartAt: 'Call',
    States: {
      Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { x: '{% $states.input.x %}' }, Next: 'Pick' },
      Pick: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.x > 1 %}', Next: 'End' }], Default: 'End' },
      End: { Type: 'Succeed' },
    },
  };

  it('shows Arguments / Output / Assign instead of the JSONPath fields', () => {
    const { root, field } = setup(['/States/Call'], viewOf(def));
    expect(field('Arguments')).toBeInTheDocument();
    expect(field('Output')).toBeInTheDocument();
    expect(field('Assign')).toBeInTheDocument();
    expect(root.querySelector('[data-field="Parameters"]')).toBeNull();
    expect(root.querySelector('[data-field="InputPath"]')).toBeNull();
    expect(root.querySelector('[data-field="TimeoutSecondsPath"]')).toBeNull();
  });

  it('accepts a JSONata expression as Output and Condition', () => {
    const { field, onEdit } = setup(['/States/Pick'], viewOf(def));
    typeAndEnter(field('Condition'), '{% $states.input.x > 2 %}');
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/States/Pick/Choices/0/Condition', value: '{% $states.input.x > 2 %}' });
    const outputs = screen.getByTestId('inspector').querySelectorAll<HTMLTextAreaElement>('[data-field="Output"]');
    const output = outputs[outputs.length - 1] as HTMLTextAreaElement;
    fireEvent.change(output, { target: { value: '{% $states.input %}' } });
    fireEvent.blur(output);
    expect(onEdit).toHaveBeenLastCalledWith({ op: 'setValue', pointer: '/States/Pick/Output', value: '{% $states.input %}' });
  });
});

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
