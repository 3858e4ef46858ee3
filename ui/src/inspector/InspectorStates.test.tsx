import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setup, typeAndEnter } from './renderInspector';
import { SAMPLE, viewOf } from './testing';

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
