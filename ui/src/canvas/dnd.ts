/**
 * Drag and drop from the palette to the canvas with pointer events (not HTML5 DnD, which the
 * Tauri webview intercepts on Linux and WebDriver cannot synthesize).
 *
 * The palette calls `beginDrag` once the pointer moved far enough, `moveDrag` on every
 * pointermove and `endDrag` on pointerup. The canvas subscribes to know a drag is on (and
 * where), and registers a drop handler that accepts drops inside its bounds.
 */
import { useSyncExternalStore } from 'react';

/** What a palette item hands over; a template builds the state once the target is known. */
export interface DragPayload {
  id: string;
  name: string;
}

export interface DragState {
  payload: DragPayload;
  /** Pointer position in client (viewport) coordinates. */
  clientX: number;
  clientY: number;
}

/** Where the dragged item would land, as the canvas sees it (for highlighting). */
export type DropTarget =
  | { kind: 'edge'; edgeId: string }
  | { kind: 'lane'; container: string; lane: number }
  | { kind: 'canvas' }
  | null;

/** Returns true when it took the drop. */
export type DropHandler = (drag: DragState) => boolean;

type Listener = () => void;

let current: DragState | null = null;
let target: DropTarget = null;
const listeners = new Set<Listener>();
const targetListeners = new Set<Listener>();
const dropHandlers = new Set<DropHandler>();

function emit(set: Set<Listener>): void {
  for (const l of [...set]) l();
}

export function getDrag(): DragState | null {
  return current;
}

export function subscribeDrag(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function beginDrag(payload: DragPayload, clientX: number, clientY: number): void {
  current = { payload, clientX, clientY };
  emit(listeners);
}

export function moveDrag(clientX: number, clientY: number): void {
  if (current === null) return;
  current = { ...current, clientX, clientY };
  emit(listeners);
}

/** Ends the drag; returns true when a drop handler took it. */
export function endDrag(clientX: number, clientY: number): boolean {
  if (current === null) return false;
  const done: DragState = { ...current, clientX, clientY };
  current = null;
  let taken = false;
  for (const h of [...dropHandlers]) {
    if (h(done)) {
      taken = true;
      break;
    }
  }
  setDropTarget(null);
  emit(listeners);
  return taken;
}

export function cancelDrag(): void {
  if (current === null) return;
  current = null;
  setDropTarget(null);
  emit(listeners);
}

export function registerDropHandler(handler: DropHandler): () => void {
  dropHandlers.add(handler);
  return () => {
    dropHandlers.delete(handler);
  };
}

export function getDropTarget(): DropTarget {
  return target;
}

export function setDropTarget(next: DropTarget): void {
  if (sameTarget(target, next)) return;
  target = next;
  emit(targetListeners);
}

export function subscribeDropTarget(listener: Listener): () => void {
  targetListeners.add(listener);
  return () => {
    targetListeners.delete(listener);
  };
}

function sameTarget(a: DropTarget, b: DropTarget): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'edge' && b.kind === 'edge') return a.edgeId === b.edgeId;
  if (a.kind === 'lane' && b.kind === 'lane') return a.container === b.container && a.lane === b.lane;
  return true;
}

/** Whether the edge `edgeId` is the current drop target (re-renders only that edge). */
export function useEdgeDropHighlight(edgeId: string): boolean {
  return useSyncExternalStore(
    subscribeDropTarget,
    () => target !== null && target.kind === 'edge' && target.edgeId === edgeId,
  );
}

/** The lane of `container` under the dragged item, or -1. */
export function useLaneDropHighlight(container: string): number {
  return useSyncExternalStore(subscribeDropTarget, () =>
    target !== null && target.kind === 'lane' && target.container === container ? target.lane : -1,
  );
}

/** Whether a palette drag is in progress. */
export function useDragging(): boolean {
  return useSyncExternalStore(subscribeDrag, () => current !== null);
}
