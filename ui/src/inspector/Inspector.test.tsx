import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setup, typeAndEnter } from './renderInspector';
import { problemAt, SAMPLE, viewOf } from './testing';

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
