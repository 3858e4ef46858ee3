import { useCallback, useEffect, useState } from 'react';
import type { EdgeChange } from '@xyflow/react';
import type { FlowEdge } from '../convert';

export interface EdgeSelection {
  /** Selected transitions: the canvas's own (the App's selection holds states only). */
  selectedEdges: ReadonlySet<string>;
  onEdgesChange: (changes: EdgeChange<FlowEdge>[]) => void;
  selectOnly: (id: string) => void;
  clear: () => void;
}

/** The transitions selected on the canvas; those that are gone (not in `edges`) are dropped. */
export function useEdgeSelection(edges: ReadonlyMap<string, unknown>): EdgeSelection {
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(() => new Set());

  useEffect(() => {
    setSelectedEdges((prev) => {
      if ([...prev].every((k) => edges.has(k))) return prev;
      return new Set([...prev].filter((k) => edges.has(k)));
    });
  }, [edges]);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const sel = changes.filter((c) => c.type === 'select');
    if (sel.length === 0) return;
    setSelectedEdges((prev) => {
      const next = new Set(prev);
      for (const c of sel) {
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      // The same set keeps its object: no re-render for a change that changes nothing.
      return next.size === prev.size && [...next].every((x) => prev.has(x)) ? prev : next;
    });
  }, []);
  const selectOnly = useCallback((id: string) => setSelectedEdges(new Set([id])), []);
  const clear = useCallback(() => setSelectedEdges(new Set()), []);
  return { selectedEdges, onEdgesChange, selectOnly, clear };
}
