import { describe, expect, it } from 'vitest';
import { diagram, fixtureView } from './__fixtures__/view';
import { diagramToFlow, insertSlotOf, disconnectSlotOf, problemsByState, reuseUnchanged, type FlowNode } from './convert';

const view = fixtureView();
const flow = diagramToFlow(view.diagram, view.problems);
const node = (id: string): FlowNode => {
  const n = flow.nodes.find((x) => x.id === id);
  if (n === undefined) throw new Error(`no node ${id}`);
  return n;
};

describe('diagramToFlow nodes', () => {
  it('keeps every node, in drawing order (containers before their states)', () => {
    expect(flow.nodes.map((n) => n.id)).toEqual(diagram.nodes.map((n) => n.id));
    const fork = flow.nodes.findIndex((n) => n.id === '/States/Fork');
    const a = flow.nodes.findIndex((n) => n.id === '/States/Fork/Branches/0/States/A');
    expect(fork).toBeLessThan(a);
  });

  it('gives each state type its own node type and the size Rust computed', () => {
    expect(node('/States/Validate').type).toBe('task');
    expect(node('/States/Route').type).toBe('choice');
    expect(node('/States/Poll').type).toBe('wait');
    expect(node('/States/Done').type).toBe('succeed');
    expect(node('/States/Failed').type).toBe('fail');
    expect(node('/States/Fork').type).toBe('parallel');
    expect(node('/States/Each').type).toBe('map');
    const v = node('/States/Validate');
    expect([v.width, v.height]).toEqual([132, 46]);
    expect(v.position).toEqual({ x: 347.5, y: 88 });
    expect(v.data.subtitle).toBe('Lambda: Invoke');
  });

  it('places the states of a container relative to it, as its children', () => {
    const a = node('/States/Fork/Branches/0/States/A');
    expect(a.parentId).toBe('/States/Fork');
    // Free to leave the container: dragged out, the state moves out of it.
    expect(a.extent).toBeUndefined();
    expect(a.position).toEqual({ x: 274 - 248, y: 588 - 524 });
    expect(node('/States/Validate').parentId).toBeUndefined();
  });

  it('describes containers: header, lanes relative to the container, scope of each lane', () => {
    const fork = node('/States/Fork');
    expect(fork.data.headerHeight).toBe(40);
    expect(fork.data.lanes.map((l) => l.scope)).toEqual(['/States/Fork/Branches/0', '/States/Fork/Branches/1']);
    expect(fork.data.lanes[0]).toMatchObject({ label: 'Branch 1', x: 10, y: 40, width: 164, height: 168 });
    expect(fork.dragHandle).toBe('.sw-container__header');
    // The Map uses the legacy Iterator field: the lane's scope follows the definition.
    expect(node('/States/Each').data.lanes.map((l) => l.scope)).toEqual(['/States/Each/Iterator']);
  });

  it('makes Start and End markers neither selectable nor deletable', () => {
    for (const id of ['#start', '#end']) {
      expect(node(id).selectable).toBe(false);
      expect(node(id).deletable).toBe(false);
    }
    expect(node('#start').type).toBe('start');
    expect(node('#end').type).toBe('end');
    expect(node('/States/Validate').selectable).toBe(true);
  });

  it('declares handles so edges draw before the DOM is measured', () => {
    expect(node('/States/Validate').handles?.map((h) => h.id)).toEqual(['in', 'next', 'catch']);
    expect(node('/States/Route').handles?.map((h) => h.id)).toEqual(['in', 'next']);
    expect(node('#start').handles?.map((h) => h.id)).toEqual(['next']);
    expect(node('#end').handles?.map((h) => h.id)).toEqual(['in']);
  });

  it('marks states with problems, the worst severity winning', () => {
    expect(node('/States/Route').data.severity).toBe('warning');
    expect(node('/States/Fork/Branches/1/States/B').data).toMatchObject({ severity: 'error', problemCount: 2 });
    expect(node('/States/Validate').data.severity).toBeNull();
  });
});

describe('diagramToFlow edges', () => {
  const edge = (id: string) => {
    const e = flow.edges.find((x) => x.id === id);
    if (e === undefined || e.data === undefined) throw new Error(`no edge ${id}`);
    return { ...e, data: e.data };
  };

  it('keeps every edge with its routed points, kind and label', () => {
    expect(flow.edges).toHaveLength(diagram.edges.length);
    const c = edge('/States/Route->/States/Each#0');
    expect(c.type).toBe('routed');
    expect(c.data.kind).toBe('choice');
    expect(c.data.rule).toBe(0);
    expect(c.data.label?.text).toBe('kind == "bulk"');
    expect(c.data.points.length).toBeGreaterThan(2);
    expect(c.data.sourceAt).toEqual({ x: 347.5, y: 170 });
  });

  it('uses the catch handle for Catch edges and marks back edges', () => {
    expect(edge('/States/Validate->/States/Failed#0').sourceHandle).toBe('catch');
    expect(edge('/States/Validate->/States/Route#0').sourceHandle).toBe('next');
    expect(edge('/States/Check->/States/Poll#0').data.backEdge).toBe(true);
  });

  it('knows what a drop on each edge inserts into', () => {
    expect(edge('#start->/States/Validate#0').data.insert).toEqual({ source: '', slot: { kind: 'start' } });
    expect(edge('/States/Validate->/States/Route#0').data.insert).toEqual({ source: '/States/Validate', slot: { kind: 'next' } });
    expect(edge('/States/Route->/States/Fork#0').data.insert).toEqual({ source: '/States/Route', slot: { kind: 'choice', index: 1 } });
    expect(edge('/States/Route->/States/Poll#0').data.insert).toEqual({ source: '/States/Route', slot: { kind: 'default' } });
    expect(edge('/States/Validate->/States/Failed#0').data.insert).toEqual({ source: '/States/Validate', slot: { kind: 'catch', index: 0 } });
    // Nothing can follow a Succeed or a Fail.
    expect(edge('/States/Done->#end#0').data.insert).toBeNull();
    expect(edge('/States/Route->/States/Poll#0').data.targetName).toBe('Poll');
    expect(edge('/States/Done->#end#0').data.targetName).toBeNull();
  });
});

describe('slots of edges', () => {
  it('maps a Start edge inside a container to the scope of its target', () => {
    expect(insertSlotOf({ kind: 'start', source: '#start', target: '/States/P/Branches/1/States/X', rule: null }, 'Start')).toEqual({
      source: '/States/P/Branches/1',
      slot: { kind: 'start' },
    });
  });

  it('inserts before the End marker on the Next slot of a state that ends', () => {
    expect(insertSlotOf({ kind: 'end', source: '/States/T', target: '#end', rule: null }, 'Task')).toEqual({ source: '/States/T', slot: { kind: 'next' } });
    expect(insertSlotOf({ kind: 'end', source: '/States/S', target: '#end', rule: null }, 'Succeed')).toBeNull();
  });

  it('disconnects only real transitions', () => {
    expect(disconnectSlotOf({ kind: 'start', source: '#start', target: '/States/A', rule: null })).toBeNull();
    expect(disconnectSlotOf({ kind: 'end', source: '/States/A', target: '#end', rule: null })).toBeNull();
    expect(disconnectSlotOf({ kind: 'catch', source: '/States/A', target: '/States/F', rule: 2 })).toEqual({ source: '/States/A', slot: { kind: 'catch', index: 2 } });
    expect(disconnectSlotOf({ kind: 'next', source: '/States/A', target: '/States/B', rule: null })).toEqual({ source: '/States/A', slot: { kind: 'next' } });
  });
});

describe('problemsByState and reuseUnchanged', () => {
  it('ignores problems of the whole document', () => {
    expect(problemsByState([{ severity: 'error', state: null }]).size).toBe(0);
  });

  it('keeps the objects of unchanged elements', () => {
    const again = diagramToFlow(view.diagram, view.problems);
    const reused = reuseUnchanged(flow.nodes, again.nodes);
    expect(reused.every((n, i) => n === flow.nodes[i])).toBe(true);
    const moved = diagramToFlow(
      { ...view.diagram, nodes: view.diagram.nodes.map((n) => (n.id === '/States/Poll' ? { ...n, x: n.x + 10 } : n)) },
      view.problems,
    );
    const partly = reuseUnchanged(flow.nodes, moved.nodes);
    expect(partly.find((n) => n.id === '/States/Poll')).not.toBe(flow.nodes.find((n) => n.id === '/States/Poll'));
    expect(partly.find((n) => n.id === '/States/Route')).toBe(flow.nodes.find((n) => n.id === '/States/Route'));
  });
});
