import { afterEach, describe, expect, it } from 'vitest';
import { diagram } from './__fixtures__/view';
import {
  canConnect,
  connectEdit,
  connectSlot,
  disconnectEdit,
  dropEdit,
  editForAddAfterSelection,
  isEditableTarget,
  laneAt,
  moveIntoLaneEdit,
  parseStatesText,
  pasteScope,
  scopeAt,
  type LaneHit,
} from './actions';
import { escapeSegment, scopeOfState, stateNameOf, statePointer } from './pointers';

describe('pointers', () => {
  it('reads the name and the scope of a state', () => {
    expect(stateNameOf('/States/Fork/Branches/0/States/A')).toBe('A');
    expect(stateNameOf('/States/a~1b~0c')).toBe('a/b~c');
    expect(scopeOfState('/States/A')).toBe('');
    expect(scopeOfState('/States/Fork/Branches/0/States/A')).toBe('/States/Fork/Branches/0');
    expect(scopeOfState('/States/Each/ItemProcessor/States/Item')).toBe('/States/Each/ItemProcessor');
    expect(statePointer('/States/P/Branches/1', 'x/y')).toBe('/States/P/Branches/1/States/x~1y');
    expect(escapeSegment('~/')).toBe('~0~1');
  });
});

describe('scope of a drop', () => {
  const lanes: LaneHit[] = [
    { container: '/States/P', lane: 0, scope: '/States/P/Branches/0', rect: { x: 0, y: 0, width: 300, height: 300 } },
    { container: '/States/P', lane: 1, scope: '/States/P/Branches/1', rect: { x: 320, y: 0, width: 300, height: 300 } },
    // A Map nested in branch 0.
    { container: '/States/P/Branches/0/States/M', lane: 0, scope: '/States/P/Branches/0/States/M/ItemProcessor', rect: { x: 20, y: 100, width: 200, height: 100 } },
  ];

  it('is the innermost lane under the pointer', () => {
    expect(scopeAt(lanes, { x: 50, y: 50 })).toBe('/States/P/Branches/0');
    expect(scopeAt(lanes, { x: 400, y: 50 })).toBe('/States/P/Branches/1');
    expect(scopeAt(lanes, { x: 50, y: 150 })).toBe('/States/P/Branches/0/States/M/ItemProcessor');
    expect(laneAt(lanes, { x: 50, y: 150 })?.container).toBe('/States/P/Branches/0/States/M');
  });

  it('is the machine outside every lane', () => {
    expect(scopeAt(lanes, { x: 310, y: 50 })).toBe('');
    expect(scopeAt([], { x: 0, y: 0 })).toBe('');
  });

  it('moves a dragged state into the lane under it, or out to the machine', () => {
    const [b0, b1, inner] = lanes;
    expect(moveIntoLaneEdit('/States/Loose', b1 ?? null)).toEqual({ op: 'moveIntoBranch', pointer: '/States/Loose', scope: '/States/P/Branches/1' });
    expect(moveIntoLaneEdit('/States/P/Branches/0/States/A', b1 ?? null)).toEqual({
      op: 'moveIntoBranch',
      pointer: '/States/P/Branches/0/States/A',
      scope: '/States/P/Branches/1',
    });
    expect(moveIntoLaneEdit('/States/P/Branches/0/States/A', null)).toEqual({ op: 'moveIntoBranch', pointer: '/States/P/Branches/0/States/A', scope: '' });
    // Moved on the screen only: the same scope.
    expect(moveIntoLaneEdit('/States/P/Branches/0/States/A', b0 ?? null)).toBeNull();
    expect(moveIntoLaneEdit('/States/Loose', null)).toBeNull();
    // Never into itself or a container inside it.
    expect(moveIntoLaneEdit('/States/P', b0 ?? null)).toBeNull();
    expect(moveIntoLaneEdit('/States/P', inner ?? null)).toBeNull();
    expect(moveIntoLaneEdit('#start', b0 ?? null)).toBeNull();
  });
});

describe('dropEdit', () => {
  it('inserts on the edge it is dropped on', () => {
    const edit = dropEdit('wait', 'Wait', { insert: { source: '/States/A', slot: { kind: 'next' } }, targetName: 'B' }, '');
    expect(edit).toEqual({ op: 'insertOnEdge', source: '/States/A', slot: { kind: 'next' }, name: 'Wait', state: { Type: 'Wait', Seconds: 5 } });
  });

  it('points a Choice rule where the edge led', () => {
    const edit = dropEdit('choice', 'Choice', { insert: { source: '/States/A', slot: { kind: 'next' } }, targetName: 'B' }, '');
    expect(edit.op === 'insertOnEdge' && (edit.state as { Choices: Array<{ Next: string }> }).Choices[0]?.Next).toBe('B');
  });

  it('adds an unconnected state elsewhere, ending', () => {
    expect(dropEdit('pass', 'Pass', null, '/States/P/Branches/1')).toEqual({
      op: 'addState',
      scope: '/States/P/Branches/1',
      name: 'Pass',
      state: { Type: 'Pass', End: true },
    });
    expect(dropEdit('succeed', 'Success', null, '')).toEqual({ op: 'addState', scope: '', name: 'Success', state: { Type: 'Succeed' } });
  });
});

describe('editForAddAfterSelection (palette click)', () => {
  it('inserts after the selected state on its Next', () => {
    expect(editForAddAfterSelection('pass', ['/States/Poll'], { diagram })).toMatchObject({
      op: 'insertOnEdge',
      source: '/States/Poll',
      slot: { kind: 'next' },
      name: 'Pass',
    });
  });

  it('after a Choice, adds the new state on a new rule, never on its Default', () => {
    const edit = editForAddAfterSelection('pass', ['/States/Route'], { diagram });
    expect(edit).toEqual({ op: 'insertOnEdge', source: '/States/Route', slot: { kind: 'newChoice' }, name: 'Pass', state: { Type: 'Pass' } });
    // A Choice after a Choice has no rule leading nowhere.
    const nested = editForAddAfterSelection('choice', ['/States/Route'], { diagram });
    expect(nested).toMatchObject({ op: 'insertOnEdge', slot: { kind: 'newChoice' }, state: { Type: 'Choice', Choices: [] } });
  });

  it('adds to the scope when nothing can follow, or nothing is selected', () => {
    expect(editForAddAfterSelection('pass', ['/States/Done'], { diagram })).toMatchObject({ op: 'addState', scope: '' });
    expect(editForAddAfterSelection('pass', [], { diagram })).toMatchObject({ op: 'addState', scope: '' });
  });

  it('inserts after a state inside a branch', () => {
    expect(editForAddAfterSelection('lambda-invoke', ['/States/Fork/Branches/1/States/B'], { diagram })).toMatchObject({
      op: 'insertOnEdge',
      source: '/States/Fork/Branches/1/States/B',
      slot: { kind: 'next' },
      name: 'Invoke Lambda',
    });
  });
});

describe('connections', () => {
  it('picks the slot from the source and the handle', () => {
    expect(connectSlot('Task', 'next')).toEqual({ kind: 'next' });
    expect(connectSlot('Task', 'catch')).toEqual({ kind: 'newCatch' });
    expect(connectSlot('Choice', 'next')).toEqual({ kind: 'newChoice' });
    expect(connectSlot('Start', 'next')).toEqual({ kind: 'start' });
  });

  it('connects to the target by name', () => {
    expect(connectEdit('/States/Poll', 'Wait', 'next', '/States/Done')).toEqual({ op: 'connect', source: '/States/Poll', slot: { kind: 'next' }, target: 'Done' });
    expect(connectEdit('/States/Route', 'Choice', 'next', '/States/Done')).toEqual({ op: 'connect', source: '/States/Route', slot: { kind: 'newChoice' }, target: 'Done' });
    expect(connectEdit('#start', 'Start', 'next', '/States/Poll')).toEqual({ op: 'connect', source: '', slot: { kind: 'start' }, target: 'Poll' });
    expect(connectEdit('/States/Poll', 'Wait', 'next', '#end')).toBeNull();
  });

  it('only connects states of one scope', () => {
    expect(canConnect('/States/A', '/States/B', 'Task')).toBe(true);
    expect(canConnect('/States/A', '/States/A', 'Task')).toBe(true);
    expect(canConnect('/States/A', '/States/P/Branches/0/States/X', 'Task')).toBe(false);
    expect(canConnect('/States/A', '#end', 'Task')).toBe(false);
    expect(canConnect('/States/S', '/States/B', 'Succeed')).toBe(false);
    expect(canConnect('#start', '/States/B', 'Start')).toBe(true);
  });

  it('disconnects a selected edge through its slot', () => {
    expect(disconnectEdit({ kind: 'choice', source: '/States/Route', target: '/States/Fork', rule: 1 })).toEqual({
      op: 'disconnect',
      source: '/States/Route',
      slot: { kind: 'choice', index: 1 },
    });
    expect(disconnectEdit({ kind: 'default', source: '/States/Route', target: '/States/Poll', rule: null })).toEqual({
      op: 'disconnect',
      source: '/States/Route',
      slot: { kind: 'default' },
    });
    expect(disconnectEdit({ kind: 'start', source: '#start', target: '/States/A', rule: null })).toBeNull();
  });
});

describe('keyboard helpers', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('recognises places that type text', () => {
    document.body.innerHTML = '<input id="i"><textarea id="t"></textarea><div class="cm-editor"><div id="cm"></div></div><div id="plain"></div><div contenteditable="true" id="ce"></div>';
    for (const id of ['i', 't', 'cm', 'ce']) expect(isEditableTarget(document.getElementById(id))).toBe(true);
    expect(isEditableTarget(document.getElementById('plain'))).toBe(false);
    expect(isEditableTarget(window)).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });

  it('pastes into the scope of the first selected state', () => {
    expect(pasteScope([])).toBe('');
    expect(pasteScope(['/States/P/Branches/0/States/A', '/States/B'])).toBe('/States/P/Branches/0');
  });

  it('reads copied states back from clipboard text', () => {
    expect(parseStatesText('{"A": {"Type": "Pass", "End": true}}')).toEqual({ A: { Type: 'Pass', End: true } });
    expect(parseStatesText('{"A": 1}')).toBeNull();
    expect(parseStatesText('not json')).toBeNull();
    expect(parseStatesText('[]')).toBeNull();
    expect(parseStatesText('{}')).toBeNull();
  });
});

describe('find box labels', () => {
  it('names the scope of a nested state', async () => {
    const { scopeLabel } = await import('./FindState');
    expect(scopeLabel('/States/Fork/Branches/0/States/A')).toBe('Fork › branch 1');
    expect(scopeLabel('/States/Each/ItemProcessor/States/Item')).toBe('Each');
    expect(scopeLabel('/States/P/Branches/1/States/M/Iterator/States/X')).toBe('P › branch 2 › M');
    expect(scopeLabel('/States/A')).toBe('');
  });
});
