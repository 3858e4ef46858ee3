import { useReactFlow } from '@xyflow/react';
import { useCallback, useState } from 'react';
import type { FlowEdge, FlowNode } from '../convert';

export interface FindBox {
  finding: boolean;
  openFind: () => void;
  closeFind: () => void;
  /** Closes the box, selects the state and centres it (zooming in to at least 100%). */
  pick: (pointer: string) => void;
}

/** The find-a-state box (Ctrl+F): open or not, and what picking a state does. */
export function useFindBox(changeSelection: (next: string[]) => void): FindBox {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const [finding, setFinding] = useState(false);
  const openFind = useCallback(() => setFinding(true), []);
  const closeFind = useCallback(() => setFinding(false), []);

  const centerOn = useCallback(
    (pointer: string) => {
      changeSelection([pointer]);
      const n = rf.getInternalNode(pointer);
      if (n === undefined) return;
      const p = n.internals.positionAbsolute;
      const w = n.measured.width ?? n.width ?? 0;
      const h = n.measured.height ?? n.height ?? 0;
      void rf.setCenter(p.x + w / 2, p.y + h / 2, { zoom: Math.max(rf.getZoom(), 1), duration: 300 });
    },
    [rf, changeSelection],
  );
  const pick = useCallback(
    (pointer: string) => {
      setFinding(false);
      centerOn(pointer);
    },
    [centerOn],
  );
  return { finding, openFind, closeFind, pick };
}
