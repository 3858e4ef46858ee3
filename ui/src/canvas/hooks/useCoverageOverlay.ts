import { useMemo } from 'react';
import type { CanvasCoverage } from '../../tests/coverage';
import type { FlowEdge, FlowNode } from '../convert';

/**
 * The tests' coverage over the diagram: unentered states marked (drawn faded), each covered
 * transition marked taken or not (untaken ones drawn dashed red). Only marked objects are copied.
 */
export function useCoverageOverlay(nodes: FlowNode[], edges: FlowEdge[], coverage: CanvasCoverage | null): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const covNodes = useMemo(
    () => (coverage === null ? nodes : nodes.map((n) => (coverage.unentered.has(n.id) ? { ...n, data: { ...n.data, unentered: true } } : n))),
    [nodes, coverage],
  );
  const covEdges = useMemo(() => {
    if (coverage === null) return edges;
    return edges.map((e) => {
      if (e.data === undefined) return e;
      const mark: 'taken' | 'untaken' | null = coverage.untakenEdges.has(e.id) ? 'untaken' : coverage.takenEdges.has(e.id) ? 'taken' : null;
      return mark === null ? e : { ...e, data: { ...e.data, coverage: mark } };
    });
  }, [edges, coverage]);
  return { nodes: covNodes, edges: covEdges };
}
