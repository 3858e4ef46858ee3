/**
 * What the webview does on its own that has no place in a desktop app: reload the page (F5
 * is Run here; a reload would drop a live run and every draft) or go back and forward, and
 * show its Back / Forward / Reload context menu.
 */
import { useEffect } from 'react';
import { openMenu, fallbackItems } from '../menu/store';
import { inTextField } from './shortcuts';

/** Whether the webview would reload the page or navigate on this key. */
export function navigatesPage(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  const key = e.key;
  if (key === 'F5' || key === 'BrowserRefresh' || key === 'BrowserBack' || key === 'BrowserForward') return true;
  if ((e.ctrlKey || e.metaKey) && key.toLowerCase() === 'r') return true;
  return e.altKey && (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home');
}

/**
 * Stops reload and navigation keys (the app's own handlers still see them: F5 runs), and
 * answers a right-click that no part of the UI answered with the panel menu. Text fields keep
 * the webview's own menu, which only offers editing (cut, copy, paste).
 */
export function useWebviewGuards(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (navigatesPage(e)) e.preventDefault();
    };
    const onMenu = (e: MouseEvent): void => {
      if (e.defaultPrevented || inTextField(e.target)) return;
      e.preventDefault();
      const items = fallbackItems();
      if (items.length > 0) openMenu({ x: e.clientX, y: e.clientY, label: 'Panel', items });
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('contextmenu', onMenu);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('contextmenu', onMenu);
    };
  }, []);
}
