import { useReactFlow } from '@xyflow/react';
import { useLayoutEffect, useRef, type RefObject } from 'react';
import { anchorShift, type Placement } from './geometry';
import type { FlowEdge, FlowNode } from './convert';
import type { Diagram } from './types';

/** Frames to wait for a new state to be measured before bringing it into view. */
const REVEAL_FRAMES = 10;

function placement(diagram: Diagram, moved: ReadonlyMap<string, unknown>): Placement {
  // States the user dragged stay where they were dropped whatever the layout says: they
  // cannot tell how far the layout moved.
  return new Map(diagram.nodes.filter((n) => !moved.has(n.id)).map((n) => [n.id, { x: n.x, y: n.y }]));
}

/**
 * Keeps the drawing still under the user's eye when an edit lays it out again: the viewport
 * follows the state that was selected (or the one in the middle of the screen), and a state
 * the edit created and selected is then brought into view.
 */
export function useSteadyView(
  diagram: Diagram,
  selection: ReadonlyArray<string>,
  moved: ReadonlyMap<string, unknown>,
  wrapper: RefObject<HTMLDivElement | null>,
  reveal: (pointer: string) => void,
): void {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const last = useRef<{ diagram: Diagram; placement: Placement; selection: ReadonlyArray<string> } | null>(null);
  useLayoutEffect(() => {
    const before = last.current;
    const after = placement(diagram, moved);
    last.current = { diagram, placement: after, selection };
    if (before === null || before.diagram === diagram) return;
    const el = wrapper.current;
    if (el !== null && el.clientWidth > 0) {
      const { x, y, zoom } = rf.getViewport();
      const middle = { x: (el.clientWidth / 2 - x) / zoom, y: (el.clientHeight / 2 - y) / zoom };
      const shift = anchorShift(before.placement, after, before.selection, middle);
      if (shift !== null && (shift.x !== 0 || shift.y !== 0)) {
        void rf.setViewport({ x: x - shift.x * zoom, y: y - shift.y * zoom, zoom });
      }
    }
    const created = selection.length === 1 && selection[0] !== undefined && !before.placement.has(selection[0]) ? selection[0] : null;
    if (created === null) return;
    let frames = 0;
    let handle = 0;
    const tryReveal = (): void => {
      const n = rf.getInternalNode(created);
      if (n !== undefined && (n.measured.width ?? 0) > 0) reveal(created);
      else if (++frames < REVEAL_FRAMES) handle = requestAnimationFrame(tryReveal);
    };
    handle = requestAnimationFrame(tryReveal);
    return () => cancelAnimationFrame(handle);
    // Only a new layout moves the view; the selection and the moved states are read as they are then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [diagram]);
  // The selection the user changes between edits is the one the next edit anchors on.
  useLayoutEffect(() => {
    if (last.current !== null) last.current = { ...last.current, selection };
  }, [selection]);
}
