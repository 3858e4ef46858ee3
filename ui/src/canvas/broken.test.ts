import { describe, expect, it } from 'vitest';
import { brokenInto, reconnectEdit } from './broken';
import { brokenTransition, diagramToFlow, transitionField, type FlowEdge } from './convert';
import type { Diagram, DiagramEdge, DiagramNode } from './types';

const at = { x: 0, y: 0, width: 132, height: 46, depth: 0 };
const node = (id: string, name: string, type: DiagramNode['type'], extra: Partial<DiagramNode> = {}): DiagramNode => ({ id, name, type, ...at, ...extra });
const edge = (source: string, target: string, kind: DiagramEdge['kind'], rule: number | null = null): DiagramEdge => ({
  id: `${source}->${target}#${rule ?? 0}`,
  source,
  target,
  kind,
  back_edge: false,
  rule,
  points: [
    { x: 0, y: 46 },
    { x: 0, y: 100 },
  ],
});

/** Check (a Choice) whose rule 0 and Default name "Gone"; Work's Catch names "Lost/One"; StartAt "Nope". */
const diagram: Diagram = {
  width: 400,
  height: 400,
  nodes: [
    node('#start', 'Start', 'Start'),
    node('/States/Check', 'Check', 'Choice'),
    node('/States/Work', 'Work', 'Task'),
    node('/States/Fork', 'Fork', 'Parallel'),
    node('/States/Fork/Branches/0/States/Inner', 'Inner', 'Pass', { parent: '/States/Fork', lane: 0, depth: 1 }),
    node('#end', 'End', 'End'),
    node('#missing:/States/Gone', 'Gone', 'Missing', { subtitle: 'Missing state' }),
    node('#missing:/States/Lost~1One', 'Lost/One', 'Missing', { subtitle: 'Missing state' }),
    node('#missing:/States/Nope', 'Nope', 'Missing', { subtitle: 'Missing state' }),
  ],
  edges: [
    edge('#start', '#missing:/States/Nope', 'start'),
    edge('/States/Check', '#missing:/States/Gone', 'choice', 0),
    edge('/States/Check', '#missing:/States/Gone', 'default'),
    edge('/States/Check', '/States/Work', 'choice', 1),
    edge('/States/Work', '#missing:/States/Lost~1One', 'catch', 0),
    edge('/States/Work', '#end', 'end'),
  ],
};

const flow = diagramToFlow(diagram, []);
const flowEdge = (source: string, target: string, kind: string): FlowEdge => {
  const e = flow.edges.find((x) => x.source === source && x.target === target && x.data?.kind === kind);
  if (e === undefined) throw new Error(`no edge ${source} -> ${target}`);
  return e;
};

describe('missing states on the canvas', () => {
  it('draws a placeholder that is neither selectable, deletable nor connectable, with an error', () => {
    const ghost = flow.nodes.find((n) => n.id === '#missing:/States/Gone');
    expect(ghost?.type).toBe('missing');
    expect(ghost?.selectable).toBe(false);
    expect(ghost?.deletable).toBe(false);
    expect(ghost?.connectable).toBe(false);
    expect(ghost?.data.severity).toBe('error');
    expect(ghost?.data.subtitle).toBe('Missing state');
    expect(ghost?.handles?.map((h) => h.id)).toEqual(['in']);
  });

  it('marks each edge into a placeholder as broken: its slot, the field that names it, the name', () => {
    const rule = flowEdge('/States/Check', '#missing:/States/Gone', 'choice');
    expect(rule.data?.broken).toEqual({ source: '/States/Check', slot: { kind: 'choice', index: 0 }, field: '/States/Check/Choices/0/Next', name: 'Gone' });
    expect(rule.reconnectable).toBe('target');
    expect(rule.data?.insert).toBeNull();
    expect(rule.data?.targetName).toBe('Gone');
    expect(flowEdge('/States/Check', '#missing:/States/Gone', 'default').data?.broken?.field).toBe('/States/Check/Default');
    const caught = flowEdge('/States/Work', '#missing:/States/Lost~1One', 'catch').data?.broken;
    expect(caught).toMatchObject({ field: '/States/Work/Catch/0/Next', name: 'Lost/One', slot: { kind: 'catch', index: 0 } });
    expect(flowEdge('#start', '#missing:/States/Nope', 'start').data?.broken).toEqual({ source: '', slot: { kind: 'start' }, field: '/StartAt', name: 'Nope' });
  });

  it('leaves other edges alone: not broken, not reconnectable', () => {
    const ok = flowEdge('/States/Check', '/States/Work', 'choice');
    expect(ok.data?.broken).toBeNull();
    expect(ok.reconnectable).toBe(false);
    expect(ok.data?.insert).toEqual({ source: '/States/Check', slot: { kind: 'choice', index: 1 } });
    expect(brokenTransition(edge('/States/Work', '#end', 'end'))).toBeNull();
  });

  it('names the field of every kind of transition', () => {
    expect(transitionField({ source: '/States/A', slot: { kind: 'next' } })).toBe('/States/A/Next');
    expect(transitionField({ source: '/States/P/Branches/0', slot: { kind: 'start' } })).toBe('/States/P/Branches/0/StartAt');
    expect(transitionField({ source: '/States/A', slot: { kind: 'newCatch' } })).toBeNull();
  });

  it('re-connects a broken transition to a state of its scope, and to nothing else', () => {
    const rule = flowEdge('/States/Check', '#missing:/States/Gone', 'choice').data?.broken;
    if (rule == null) throw new Error('not broken');
    expect(reconnectEdit(rule, '/States/Work', 'Choice')).toEqual({ op: 'connect', source: '/States/Check', slot: { kind: 'choice', index: 0 }, target: 'Work' });
    expect(reconnectEdit(rule, '#missing:/States/Nope', 'Choice')).toBeNull();
    expect(reconnectEdit(rule, '#end', 'Choice')).toBeNull();
    expect(reconnectEdit(rule, '/States/Fork/Branches/0/States/Inner', 'Choice')).toBeNull();
    const start = flowEdge('#start', '#missing:/States/Nope', 'start').data?.broken;
    if (start == null) throw new Error('not broken');
    expect(reconnectEdit(start, '/States/Check', 'Start')).toEqual({ op: 'connect', source: '', slot: { kind: 'start' }, target: 'Check' });
  });

  it('finds the transition behind a clicked placeholder', () => {
    expect(brokenInto(flow.edges, '#missing:/States/Gone')?.field).toBe('/States/Check/Choices/0/Next');
    expect(brokenInto(flow.edges, '#missing:/States/Else')).toBeNull();
  });
});
