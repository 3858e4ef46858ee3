import { useMemo, useRef } from 'react';
import { diagramToFlow, reuseUnchanged, type FlowElements } from '../convert';
import type { CanvasView, DiagramEdge, NodeKind } from '../types';

export interface DiagramElements {
  /** The diagram as xyflow nodes and edges, before the run, the selection and dragged positions. */
  base: FlowElements;
  /** Each node's state type, by pointer. */
  kinds: ReadonlyMap<string, NodeKind>;
  /** The diagram's own edges, by id. */
  diagramEdges: ReadonlyMap<string, DiagramEdge>;
}

/**
 * Converts the layout Rust computed once per diagram; nodes and edges that did not change keep
 * their objects, so xyflow does not redraw them.
 */
export function useFlowElements(view: CanvasView): DiagramElements {
  const previous = useRef<FlowElements>({ nodes: [], edges: [] });
  const base = useMemo(() => {
    const next = diagramToFlow(view.diagram, view.problems);
    const out: FlowElements = {
      nodes: reuseUnchanged(previous.current.nodes, next.nodes),
      edges: reuseUnchanged(previous.current.edges, next.edges),
    };
    previous.current = out;
    return out;
  }, [view.diagram, view.problems]);

  const kinds = useMemo(() => new Map<string, NodeKind>(view.diagram.nodes.map((n) => [n.id, n.type])), [view.diagram]);
  const diagramEdges = useMemo(() => new Map<string, DiagramEdge>(view.diagram.edges.map((e) => [e.id, e])), [view.diagram]);
  return { base, kinds, diagramEdges };
}
