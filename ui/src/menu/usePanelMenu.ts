import { useEffect, useRef } from 'react';
import type { DocumentView } from '../bindings/DocumentView';
import { SEPARATOR, tidy, type MenuItem } from './model';
import { setFallbackMenu } from './store';

interface PanelMenuProps {
  view: DocumentView | null;
  onUndo: () => void;
  onRedo: () => void;
  onSave: () => void;
}

/** Copies text: the async clipboard where the webview allows it, else the selection command. */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    document.execCommand('copy');
  }
}

/**
 * What a right-click on a panel (the palette, the inspector, the dock, the toolbar) offers:
 * copying the text selected there, and the document's undo, redo and save.
 */
export function usePanelMenu(props: PanelMenuProps): void {
  const latest = useRef(props);
  latest.current = props;
  useEffect(
    () =>
      setFallbackMenu((): MenuItem[] => {
        const { view, onUndo, onRedo, onSave } = latest.current;
        const selected = window.getSelection()?.toString() ?? '';
        return tidy([
          { kind: 'item', id: 'copy-text', label: 'Copy', shortcut: 'Ctrl+C', disabled: selected === '', onSelect: () => void copyText(selected) },
          SEPARATOR,
          view !== null && {
            kind: 'item',
            id: 'undo',
            label: view.undoLabel === null ? 'Undo' : `Undo ${view.undoLabel}`,
            shortcut: 'Ctrl+Z',
            disabled: !view.canUndo,
            onSelect: onUndo,
          },
          view !== null && {
            kind: 'item',
            id: 'redo',
            label: view.redoLabel === null ? 'Redo' : `Redo ${view.redoLabel}`,
            shortcut: 'Ctrl+Y',
            disabled: !view.canRedo,
            onSelect: onRedo,
          },
          view !== null && view.error === null && { kind: 'item', id: 'save', label: 'Save', shortcut: 'Ctrl+S', onSelect: onSave },
        ]);
      }),
    [],
  );
}
