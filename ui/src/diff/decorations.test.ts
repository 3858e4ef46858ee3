import { describe, expect, it } from 'vitest';
import type { Comparison } from '../bindings/Comparison';
import type { Edge } from '../bindings/Edge';
import type { StateRow } from '../bindings/StateRow';
import { documentView } from '../test/documentView';
import { canvasDiff, changeEntries, sideLines, step } from './decorations';

function row(name: string, pointer: string): StateRow {
  return { pointer, name, stateType: 'Pass', depth: 0, textSpan: null, nameSpan: null } as unknown as StateRow;
}

function edge(id: string, source: string, target: string, kind: Edge['kind']): Edge {
  return { id, source, target, kind, back_edge: false, points: [] };
}

/** Old: A -> Wait -> Gone, A catches into Wait; new: A (changed) -> Pause (Wait renamed) -> New (added); Gone a ghost. */
const comparison: Comparison = {
  against: 'HEAD:flow.asl.json',
  diff: {
    machine: [],
    changes: [
      { kind: 'changed', state: 'A', pointer: '/States/A', movedFrom: null, fields: [{ pointer: '/Result', before: 1, after: 2 }] },
      { kind: 'renamed', from: 'Wait', to: 'Pause', pointer: '/States/Pause', fields: [] },
      { kind: 'added', state: 'New', pointer: '/States/New', stateType: 'Pass' },
      { kind: 'removed', state: 'Gone', pointer: '/States/Gone', stateType: 'Succeed' },
    ],
    edgesAdded: [{ from: 'Pause', to: 'New', kind: 'next' }],
    // A's Catch into Wait (now Pause) was dropped: both states are still there.
    edgesRemoved: [
      { from: 'A', to: 'Pause', kind: 'catch' },
      { from: 'Pause', to: 'Gone', kind: 'next' },
    ],
  },
  view: documentView({
    states: [row('A', '/States/A'), row('Pause', '/States/Pause'), row('New', '/States/New'), row('Gone', '/States/Gone')],
    diagram: {
      width: 0,
      height: 0,
      nodes: [],
      edges: [
        edge('e0', '#start', '/States/A', 'start'),
        edge('e1', '/States/A', '/States/Pause', 'next'),
        edge('e2', '/States/Pause', '/States/New', 'next'),
        edge('e3', '/States/Gone', '#end', 'end'),
        edge('e4', '/States/New', '#end', 'end'),
        edge('e5', '/States/A', '/States/Pause', 'catch'),
      ],
    },
  }),
  sides: [],
  ghosts: [{ name: 'Gone', pointer: '/States/Gone' }],
};

describe('a comparison on the canvas', () => {
  it('marks each changed state by its pointer, the removed one as a ghost', () => {
    expect([...canvasDiff(comparison).nodes]).toEqual([
      ['/States/A', 'changed'],
      ['/States/Pause', 'renamed'],
      ['/States/New', 'added'],
      ['/States/Gone', 'removed'],
    ]);
  });

  it('marks added transitions, the ghost’s edges and a dropped one between kept states; leaves the rest alone', () => {
    expect([...canvasDiff(comparison).edges]).toEqual([
      ['e2', 'added'],
      ['e3', 'removed'],
      ['e5', 'removed'],
    ]);
  });

  it('lists the changes with what a person reads', () => {
    expect(changeEntries(comparison).map((e) => [e.state, e.kind, e.pointer, e.detail])).toEqual([
      ['A', 'changed', '/States/A', '1 field'],
      ['Pause', 'renamed', '/States/Pause', 'renamed from Wait'],
      ['New', 'added', '/States/New', 'Pass added'],
      ['Gone', 'removed', '/States/Gone', 'Succeed removed'],
    ]);
  });
});

describe('stepping through the changes', () => {
  it.each([
    [null, 3, 1, 0],
    [null, 3, -1, 2],
    [0, 3, 1, 1],
    [2, 3, 1, 0],
    [0, 3, -1, 2],
    [null, 0, 1, null],
  ] as const)('from %s of %s by %s gives %s', (current, count, dir, want) => {
    expect(step(current, count, dir)).toBe(want);
  });
});

describe('a state side by side', () => {
  it('highlights the lines that differ from the other side', () => {
    const lines = sideLines({ Type: 'Pass', Result: 1 }, { Type: 'Pass', Result: 2 });
    expect(lines.filter((l) => l.changed).map((l) => l.text.trim())).toEqual(['"Result": 1']);
  });

  it('has no lines where the state does not exist, and every line changed against nothing', () => {
    expect(sideLines(null, { Type: 'Pass' })).toEqual([]);
    expect(sideLines({ Type: 'Pass' }, null).every((l) => l.changed)).toBe(true);
  });
});
