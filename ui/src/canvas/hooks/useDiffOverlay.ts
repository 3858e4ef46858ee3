import { useMemo } from 'react';
import type { CanvasDiff } from '../../diff/decorations';
import type { FlowEdge, FlowNode } from '../convert';

/** Compare mode over the diagram: each marked node and edge carries its mark. Only marked ones are copied. */
export function useDiffOverlay(nodes: FlowNode[], edges: FlowEdge[], diff: CanvasDiff | null): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const marked = useMemo(() => {
    if (diff === null) return nodes;
    return nodes.map((n) => {
      const mark = diff.nodes.get(n.id);
      return mark === undefined ? n : { ...n, data: { ...n.data, diff: mark } };
    });
  }, [nodes, diff]);
  const markedEdges = useMemo(() => {
    if (diff === null) return edges;
    return edges.map((e) => {
      const mark = diff.edges.get(e.id);
      return mark === undefined || e.data === undefined ? e : { ...e, data: { ...e.data, diff: mark } };
    });
  }, [edges, diff]);
  return { nodes: marked, edges: markedEdges };
}
