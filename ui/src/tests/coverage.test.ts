import { describe, expect, it } from 'vitest';
import type { Diagram } from '../bindings/Diagram';
import type { Edge } from '../bindings/Edge';
import type { MachineCoverage } from '../bindings/MachineCoverage';
import { canvasCoverage, describeTransition } from './coverage';

function edge(id: string, source: string, target: string, kind: Edge['kind'], rule?: number): Edge {
  return { id, source, target, kind, back_edge: false, rule: rule ?? null, points: [] };
}

const diagram = { nodes: [], edges: [
  edge('s', '#start', '/States/Check', 'start'),
  edge('r0', '/States/Check', '/States/Ship', 'choice', 0),
  edge('r1', '/States/Check', '/States/Hold', 'choice', 1),
  edge('d', '/States/Check', '/States/Reject', 'default'),
  edge('n', '/States/Ship', '/States/Done', 'next'),
  edge('c0', '/States/Ship', '/States/Reject', 'catch', 0),
] } as unknown as Diagram;

const t = (from: string, kind: MachineCoverage['transitions'][number]['kind'], to: string, taken: number, index?: number): MachineCoverage['transitions'][number] =>
  index === undefined ? { from, kind, to, taken } : { from, kind, to, taken, index };

const coverage: MachineCoverage = {
  machine: 'm.asl.json',
  summary: { statesEntered: 3, statesTotal: 5, transitionsTaken: 2, transitionsTotal: 6, statesPercent: 60, transitionsPercent: 33.3 },
  states: [
    { name: 'Check', pointer: '/States/Check', entered: 2 },
    { name: 'Ship', pointer: '/States/Ship', entered: 2 },
    { name: 'Hold', pointer: '/States/Hold', entered: 0 },
    { name: 'Reject', pointer: '/States/Reject', entered: 0 },
    { name: 'Done', pointer: '/States/Done', entered: 2 },
  ],
  transitions: [
    t('Check', 'rule', 'Ship', 2, 0),
    t('Check', 'rule', 'Hold', 0, 1),
    t('Check', 'default', 'Reject', 0),
    t('Ship', 'next', 'Done', 2),
    t('Ship', 'retry', 'Ship', 1, 0),
    t('Ship', 'catch', 'Reject', 0, 0),
  ],
};

describe('coverage on the canvas', () => {
  const c = canvasCoverage(coverage, diagram);
  it('marks each transition on its edge: rules and catchers by index', () => {
    expect([...c.takenEdges].sort()).toEqual(['n', 'r0']);
    expect([...c.untakenEdges].sort()).toEqual(['c0', 'd', 'r1']);
  });
  it('leaves the start edge alone and lists retries apart', () => {
    expect(c.takenEdges.has('s') || c.untakenEdges.has('s')).toBe(false);
    expect(c.retries.map(describeTransition)).toEqual(['Ship --Retry 1--> Ship']);
  });
  it('fades the states no test entered, by pointer', () => {
    expect([...c.unentered].sort()).toEqual(['/States/Hold', '/States/Reject']);
  });
});
