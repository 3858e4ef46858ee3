import { useMemo } from 'react';
import type { XYPosition } from '@xyflow/react';
import type { FlowEdge, FlowNode } from '../convert';

/**
 * The nodes and edges xyflow draws: dragged positions and the selection laid over them. Only
 * the objects that differ are copied, so xyflow redraws only those.
 */
export function useShownElements(
  nodes: FlowNode[],
  edges: FlowEdge[],
  overrides: ReadonlyMap<string, XYPosition>,
  selection: ReadonlyArray<string>,
  selectedEdges: ReadonlySet<string>,
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const selectedSet = useMemo(() => new Set(selection), [selection]);
  const shownNodes = useMemo(
    () =>
      nodes.map((n) => {
        const o = overrides.get(n.id);
        const sel = selectedSet.has(n.id);
        if (o === undefined && !sel) return n;
        return { ...n, position: o ?? n.position, selected: sel };
      }),
    [nodes, overrides, selectedSet],
  );
  const shownEdges = useMemo(
    () => (selectedEdges.size === 0 ? edges : edges.map((e) => (selectedEdges.has(e.id) ? { ...e, selected: true } : e))),
    [edges, selectedEdges],
  );
  return { nodes: shownNodes, edges: shownEdges };
}
