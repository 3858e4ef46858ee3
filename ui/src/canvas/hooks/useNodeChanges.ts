import { useCallback } from 'react';
import type { NodeChange, XYPosition } from '@xyflow/react';
import type { FlowNode } from '../convert';
import { isMarker } from '../pointers';

/**
 * xyflow's node changes: positions become drag overrides, select changes become a selection
 * asked of the App (states already selected keep their order, new ones follow; the Start and
 * End markers are never selected).
 */
export function useNodeChanges(
  currentSelection: () => string[],
  changeSelection: (next: string[]) => void,
  move: (moved: ReadonlyArray<readonly [string, XYPosition]>) => void,
): (changes: NodeChange<FlowNode>[]) => void {
  return useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const moved: Array<[string, XYPosition]> = [];
      let selected: Set<string> | null = null;
      const current = currentSelection();
      for (const c of changes) {
        if (c.type === 'position' && c.position !== undefined) {
          moved.push([c.id, c.position]);
        } else if (c.type === 'select' && !isMarker(c.id)) {
          selected ??= new Set(current);
          if (c.selected) selected.add(c.id);
          else selected.delete(c.id);
        }
      }
      if (moved.length > 0) move(moved);
      if (selected !== null) {
        const keep = current.filter((p) => selected.has(p));
        const added = [...selected].filter((p) => !current.includes(p));
        changeSelection([...keep, ...added]);
      }
    },
    [currentSelection, changeSelection, move],
  );
}
