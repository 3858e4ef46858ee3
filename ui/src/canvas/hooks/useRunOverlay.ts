import { useMemo, useRef } from 'react';
import type { CanvasRunOverlay, EdgeRun, NodeRun } from '../../run/overlay';
import type { FlowEdge, FlowNode } from '../convert';
import type { RunCanvasContextValue } from '../nodes';
import { isMarker } from '../pointers';

/** Above states nested a few containers deep (xyflow puts a child one above its parent). */
export const FAILED_Z = 10;

/** Node objects with the run's data, kept between frames when nothing of theirs changed. */
export function useRunNodes(nodes: FlowNode[], run: CanvasRunOverlay | null, breakpoints: ReadonlySet<string>): FlowNode[] {
  const cache = useRef(new Map<string, { base: FlowNode; run: NodeRun | null; bp: boolean; out: FlowNode }>());
  return useMemo(() => {
    if (run === null && breakpoints.size === 0) {
      cache.current.clear();
      return nodes;
    }
    const next = new Map<string, { base: FlowNode; run: NodeRun | null; bp: boolean; out: FlowNode }>();
    const out = nodes.map((n) => {
      if (isMarker(n.id)) return n;
      const r = run === null ? null : (run.nodes.get(n.id) ?? run.notReached);
      const bp = breakpoints.has(n.data.name);
      const c = cache.current.get(n.id);
      // A failed state's error tag hangs below it: above the states it may overlap.
      const raise = r !== null && r.status === 'failed' && r.error !== null ? { zIndex: FAILED_Z } : null;
      const node = c !== undefined && c.base === n && c.run === r && c.bp === bp ? c.out : { ...n, ...raise, data: { ...n.data, run: r, breakpoint: bp } };
      next.set(n.id, { base: n, run: r, bp, out: node });
      return node;
    });
    cache.current = next;
    return out;
  }, [nodes, run, breakpoints]);
}

/** Edge objects with the run's data (taken, active), kept between frames like the nodes. */
export function useRunEdges(edges: FlowEdge[], run: CanvasRunOverlay | null): FlowEdge[] {
  const cache = useRef(new Map<string, { base: FlowEdge; run: EdgeRun; out: FlowEdge }>());
  return useMemo(() => {
    if (run === null || run.edges.size === 0) {
      cache.current.clear();
      return edges;
    }
    const next = new Map<string, { base: FlowEdge; run: EdgeRun; out: FlowEdge }>();
    const out = edges.map((e) => {
      const r = run.edges.get(e.id);
      if (r === undefined || e.data === undefined) return e;
      const c = cache.current.get(e.id);
      const edge = c !== undefined && c.base === e && c.run === r ? c.out : { ...e, data: { ...e.data, run: r } };
      next.set(e.id, { base: e, run: r, out: edge });
      return edge;
    });
    cache.current = next;
    return out;
  }, [edges, run]);
}

/** What the state nodes read from the run without taking it as data: shown or not, the breakpoint toggle. */
export function useRunContext(run: CanvasRunOverlay | null, onToggleBreakpoint: ((state: string) => void) | undefined): RunCanvasContextValue {
  const shown = run !== null;
  return useMemo<RunCanvasContextValue>(() => ({ onToggleBreakpoint: onToggleBreakpoint ?? null, shown }), [onToggleBreakpoint, shown]);
}
