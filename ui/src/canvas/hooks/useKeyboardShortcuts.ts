import { useEffect } from 'react';
import { modalOpen } from '../../lib/shortcuts';
import { disconnectEdit, isEditableTarget, pasteScope } from '../actions';
import { isMarker } from '../pointers';
import type { DiagramEdge, Edit } from '../types';
import { useLatest } from './useLatest';

export interface ShortcutTargets {
  /** The App's selection (states). */
  selection: ReadonlyArray<string>;
  selectedEdges: ReadonlySet<string>;
  diagramEdges: ReadonlyMap<string, DiagramEdge>;
  onEdit: (edit: Edit) => void;
  /** F2; not offered when missing. */
  rename: ((pointer: string) => void) | undefined;
  copy: (pointers: string[], cut: boolean) => void;
  paste: (scope: string) => Promise<void>;
  changeSelection: (next: string[]) => void;
  selectAll: () => void;
  clearEdgeSelection: () => void;
  fit: () => void;
  openFind: () => void;
  closeFind: () => void;
}

/**
 * The canvas's keys, on the window (the canvas itself rarely has the focus): Delete, Ctrl+C /
 * X / V / D / A / F, F (fit), F2 (rename) and Escape. Keys typed into a field, or while a
 * dialog is open, are not the canvas's.
 */
export function useKeyboardShortcuts(targets: ShortcutTargets): void {
  const latest = useLatest(targets);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || isEditableTarget(e.target) || modalOpen()) return;
      const cur = latest.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const states = cur.selection.filter((p) => !isMarker(p));

      if (!mod && !e.altKey && (key === 'Delete' || key === 'Backspace')) {
        if (states.length > 0) {
          e.preventDefault();
          cur.onEdit({ op: 'delete', pointers: states });
          return;
        }
        const edits = [...cur.selectedEdges]
          .map((id) => cur.diagramEdges.get(id))
          .filter((x): x is DiagramEdge => x !== undefined)
          // Highest rule/catcher first, so the indices of the others stay right.
          .sort((a, b) => (b.rule ?? 0) - (a.rule ?? 0))
          .map(disconnectEdit)
          .filter((x): x is Edit => x !== null);
        if (edits.length > 0) {
          e.preventDefault();
          for (const edit of edits) cur.onEdit(edit);
          cur.clearEdgeSelection();
        }
        return;
      }
      if (mod && !e.altKey && !e.shiftKey) {
        switch (key) {
          case 'c':
          case 'x': {
            if (states.length === 0) return;
            // Leave a text selection (in a panel) to the browser.
            if ((window.getSelection()?.toString() ?? '') !== '') return;
            e.preventDefault();
            cur.copy(states, key === 'x');
            return;
          }
          case 'v':
            e.preventDefault();
            void cur.paste(pasteScope(cur.selection));
            return;
          case 'd':
            if (states.length === 0) return;
            e.preventDefault();
            cur.onEdit({ op: 'duplicate', pointers: states });
            return;
          case 'a':
            e.preventDefault();
            cur.selectAll();
            return;
          case 'f':
            e.preventDefault();
            cur.openFind();
            return;
          default:
            return;
        }
      }
      if (!mod && !e.altKey && key === 'f') {
        e.preventDefault();
        cur.fit();
        return;
      }
      if (key === 'F2' && states.length === 1 && states[0] !== undefined) {
        const rename = cur.rename;
        if (rename !== undefined) {
          e.preventDefault();
          rename(states[0]);
        }
        return;
      }
      if (key === 'Escape') {
        cur.closeFind();
        if (cur.selection.length > 0 || cur.selectedEdges.size > 0) {
          cur.changeSelection([]);
          cur.clearEdgeSelection();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [latest]);
}
