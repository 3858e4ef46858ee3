/**
 * Two behaviours of the inspector's scrolling panel: the field being edited stays where it is
 * on screen while problems come and go around it, and a field asked for (a broken edge clicked
 * on the canvas, a problem clicked in the list) is scrolled into view and flashed.
 */
import { useEffect, type RefObject } from 'react';
import { onRevealField } from '../lib/reveal';

/**
 * Keeps the focused element at the same height in `box`: whenever the panel's content changes,
 * the scroll position absorbs whatever moved the focused element up or down.
 */
export function useKeepFocusInPlace(box: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = box.current;
    if (el === null || typeof MutationObserver === 'undefined') return undefined;
    let anchor: { target: HTMLElement; top: number } | null = null;
    const record = (): void => {
      const active = document.activeElement;
      anchor = active instanceof HTMLElement && active !== el && el.contains(active) ? { target: active, top: active.getBoundingClientRect().top } : null;
    };
    const restore = (): void => {
      if (anchor !== null && document.activeElement === anchor.target && anchor.target.isConnected) {
        const moved = anchor.target.getBoundingClientRect().top - anchor.top;
        if (Math.abs(moved) >= 0.5) el.scrollTop += moved;
      }
      record();
    };
    const observer = new MutationObserver(restore);
    observer.observe(el, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class', 'open', 'rows'] });
    el.addEventListener('scroll', record, { passive: true });
    el.addEventListener('focusin', record);
    el.addEventListener('focusout', record);
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', record);
      el.removeEventListener('focusin', record);
      el.removeEventListener('focusout', record);
    };
  }, [box]);
}

function byPointer(box: HTMLElement, pointer: string): HTMLElement | null {
  const quoted = pointer.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return box.querySelector<HTMLElement>(`[data-field-pointer="${quoted}"]`);
}

/** The element showing `pointer`: its field, else the nearest enclosing one, else the problems list. */
export function fieldElement(box: HTMLElement, pointer: string): HTMLElement | null {
  for (let p = pointer; p !== ''; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
    const el = byPointer(box, p);
    if (el !== null) return el;
  }
  return box.querySelector<HTMLElement>('[data-testid="inspector-problems"]');
}

const FLASH_MS = 1600;

/** Scrolls to and flashes the field a reveal request names (once it is on screen). */
export function useRevealFields(box: RefObject<HTMLElement | null>): void {
  useEffect(
    () =>
      onRevealField((pointer) => {
        let tries = 0;
        // The request often comes with a new selection: wait for the inspector to show it.
        const attempt = (): void => {
          const el = box.current;
          if (el === null) return;
          const target = fieldElement(el, pointer);
          if (target === null) {
            tries += 1;
            if (tries < 10) requestAnimationFrame(attempt);
            return;
          }
          for (let d: HTMLElement | null = target; d !== null && d !== el; d = d.parentElement) {
            if (d instanceof HTMLDetailsElement && !d.open) d.open = true;
          }
          if (typeof target.scrollIntoView === 'function') target.scrollIntoView({ block: 'center' });
          // Flashed, not focused: the keyboard stays where the user was (the canvas's keys).
          target.classList.add('is-revealed');
          setTimeout(() => target.classList.remove('is-revealed'), FLASH_MS);
        };
        requestAnimationFrame(attempt);
      }),
    [box],
  );
}
