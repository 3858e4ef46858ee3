/**
 * The one context menu of the window. Any part of the UI opens it with the items that fit
 * what was right-clicked; `ContextMenuHost` draws it.
 */
import { useSyncExternalStore } from 'react';
import type { MenuItem, MenuRequest } from './model';

let open: MenuRequest | null = null;
const listeners = new Set<() => void>();
/** Items for a right-click that nothing more specific answered (a panel). */
let fallback: (() => MenuItem[]) | null = null;

function emit(): void {
  for (const l of [...listeners]) l();
}

export function openMenu(request: MenuRequest): void {
  open = request;
  emit();
}

export function closeMenu(): void {
  if (open === null) return;
  open = null;
  emit();
}

export function currentMenu(): MenuRequest | null {
  return open;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useOpenMenu(): MenuRequest | null {
  return useSyncExternalStore(subscribe, currentMenu, currentMenu);
}

/** Sets what a right-click on a panel offers; returns a function that unsets it. */
export function setFallbackMenu(items: () => MenuItem[]): () => void {
  fallback = items;
  return () => {
    if (fallback === items) fallback = null;
  };
}

export function fallbackItems(): MenuItem[] {
  return fallback?.() ?? [];
}
