import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CanvasRunOverlay, EdgeRun, NodeRun } from '../../run/overlay';
import { diagramToFlow, type FlowNode } from '../convert';
import { diagram } from '../__fixtures__/view';
import { FAILED_Z, useRunEdges, useRunNodes } from './useRunOverlay';

const flow = diagramToFlow(diagram, []);
const NONE: ReadonlySet<string> = new Set();

function nodeRun(status: NodeRun['status'], error: string | null = null): NodeRun {
  return { status, visits: 1, retries: 0, failed: 0, caught: 0, running: 0, map: null, branches: null, error, cause: null, failedRun: false };
}
const NOT_REACHED = nodeRun('not-reached');

function overlay(nodes: Array<[string, NodeRun]>, edges: Array<[string, EdgeRun]> = []): CanvasRunOverlay {
  return { nodes: new Map(nodes), edges: new Map(edges), notReached: NOT_REACHED };
}

function byId(nodes: FlowNode[], id: string): FlowNode {
  const n = nodes.find((x) => x.id === id);
  if (n === undefined) throw new Error(`no node ${id}`);
  return n;
}

describe('useRunNodes', () => {
  it('hands the nodes through untouched in design mode without breakpoints', () => {
    const { result } = renderHook(() => useRunNodes(flow.nodes, null, NONE));
    expect(result.current).toBe(flow.nodes);
  });

  it('gives each state its run (or not-reached) and leaves the markers alone', () => {
    const done = nodeRun('succeeded');
    const { result } = renderHook(() => useRunNodes(flow.nodes, overlay([['/States/Validate', done]]), NONE));
    expect(byId(result.current, '/States/Validate').data.run).toBe(done);
    expect(byId(result.current, '/States/Poll').data.run).toBe(NOT_REACHED);
    expect(byId(result.current, '#start')).toBe(byId(flow.nodes, '#start'));
  });

  it('keeps the objects of nodes whose run did not change between frames', () => {
    const validate = nodeRun('succeeded');
    const first = overlay([['/States/Validate', validate]]);
    const { result, rerender } = renderHook(({ run }) => useRunNodes(flow.nodes, run, NONE), { initialProps: { run: first } });
    const before = result.current;
    rerender({ run: overlay([['/States/Validate', validate], ['/States/Route', nodeRun('running')]]) });
    expect(byId(result.current, '/States/Validate')).toBe(byId(before, '/States/Validate'));
    expect(byId(result.current, '/States/Poll')).toBe(byId(before, '/States/Poll'));
    expect(byId(result.current, '/States/Route')).not.toBe(byId(before, '/States/Route'));
  });

  it.each([
    ['failed with an error', nodeRun('failed', 'States.TaskFailed'), FAILED_Z],
    ['failed without an error', nodeRun('failed'), undefined],
    ['succeeded', nodeRun('succeeded'), undefined],
  ])('raises a state %s above its neighbours only when it shows an error tag', (_label, run, z) => {
    const { result } = renderHook(() => useRunNodes(flow.nodes, overlay([['/States/Validate', run]]), NONE));
    expect(byId(result.current, '/States/Validate').zIndex).toBe(z);
  });

  it('marks breakpoints by state name, with or without a run', () => {
    const { result } = renderHook(() => useRunNodes(flow.nodes, null, new Set(['Poll'])));
    expect(byId(result.current, '/States/Poll').data.breakpoint).toBe(true);
    expect(byId(result.current, '/States/Check').data.breakpoint).toBe(false);
    expect(byId(result.current, '/States/Check').data.run).toBeNull();
  });
});

describe('useRunEdges', () => {
  const id = flow.edges[1]?.id ?? '';

  it('hands the edges through untouched when the run took none', () => {
    const { result } = renderHook(() => useRunEdges(flow.edges, overlay([])));
    expect(result.current).toBe(flow.edges);
  });

  it('marks the edges taken and keeps their objects while their mark stays', () => {
    const { result, rerender } = renderHook(({ run }) => useRunEdges(flow.edges, run), { initialProps: { run: overlay([], [[id, 'active']]) } });
    const edge = result.current.find((e) => e.id === id);
    expect(edge?.data?.run).toBe('active');
    rerender({ run: overlay([], [[id, 'active']]) });
    expect(result.current.find((e) => e.id === id)).toBe(edge);
    rerender({ run: overlay([], [[id, 'taken']]) });
    expect(result.current.find((e) => e.id === id)?.data?.run).toBe('taken');
    expect(result.current[0]).toBe(flow.edges[0]);
  });
});
