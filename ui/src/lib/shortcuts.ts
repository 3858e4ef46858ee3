import { useEffect, useRef } from 'react';

export interface AppShortcuts {
  onNew: () => void;
  onOpen: () => void;
  onSave: () => void;
  onSaveAs: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onQuit: () => void;
  /** Copy as image (Ctrl+Shift+C): the diagram as a PNG on the clipboard. */
  onCopyImage: () => void;
}

/** Whether a key event comes from a place with its own editing keys (inputs, CodeMirror). */
export function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('.cm-editor') !== null) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/**
 * Whether a modal dialog or a menu is open: keys then belong to it (Delete must not delete the
 * selected states behind an "unsaved changes" question or an open context menu).
 */
export function modalOpen(): boolean {
  return typeof document !== 'undefined' && document.querySelector('dialog[open], [aria-modal="true"], [role="menu"]') !== null;
}

/** Which app command a key press means, if any. Undo/redo leave text fields their own. */
export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'target'>): keyof AppShortcuts | null {
  if (!(e.ctrlKey || e.metaKey)) return null;
  const key = e.key.toLowerCase();
  if (key === 's') return e.shiftKey ? 'onSaveAs' : 'onSave';
  if (key === 'o') return 'onOpen';
  if (key === 'n') return 'onNew';
  if (key === 'q' || key === 'w') return 'onQuit';
  if (inTextField(e.target)) return null;
  if (key === 'z') return e.shiftKey ? 'onRedo' : 'onUndo';
  if (key === 'y') return 'onRedo';
  // Ctrl+C stays the canvas's (copy states) and the browser's (copy text).
  if (key === 'c' && e.shiftKey) return 'onCopyImage';
  return null;
}

/**
 * The document-level shortcuts: Ctrl+N/O/S/Shift+S/Z/Y (Shift+Z), Ctrl+Shift+C (copy as image),
 * Ctrl+Q or Ctrl+W to close.
 */
export function useAppShortcuts(handlers: AppShortcuts): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const which = shortcutFor(e);
      if (which === null || modalOpen()) return;
      e.preventDefault();
      ref.current[which]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
