/** Turning gestures (drops, palette clicks, connections, keys) into `Edit`s. Pure. */
import { disconnectSlotOf } from './convert';
import { contains, type Rect } from './geometry';
import { END_ID, START_ID, isMarker, scopeOfState, stateNameOf } from './pointers';
import type { DiagramEdge, Edit, NodeKind, Point, Slot } from './types';

/** A lane of a container in absolute flow coordinates, with the scope a drop there goes to. */
export interface LaneHit {
  container: string;
  lane: number;
  rect: Rect;
  scope: string;
}

/** The innermost lane containing `p` (lanes are listed outer before inner), or `null`. */
export function laneAt(lanes: ReadonlyArray<LaneHit>, p: Point): LaneHit | null {
  let found: LaneHit | null = null;
  for (const l of lanes) {
    if (contains(l.rect, p)) found = l;
  }
  return found;
}

/**
 * The edit for a state dragged with its middle over `lane` (or over no lane): a move into
 * that branch or processor, or out to the machine; `null` when it stays in its scope (the drag
 * only moved it on the screen). A state is never moved into itself or a container nested in it.
 */
export function moveIntoLaneEdit(pointer: string, lane: LaneHit | null): Edit | null {
  if (isMarker(pointer)) return null;
  if (lane !== null && (lane.container === pointer || lane.container.startsWith(`${pointer}/`))) return null;
  const scope = lane?.scope ?? '';
  if (scope === scopeOfState(pointer)) return null;
  return { op: 'moveIntoBranch', pointer, scope };
}

/** The scope a state dropped at `p` (not on an edge) is added to: a lane's, or the machine. */
export function scopeAt(lanes: ReadonlyArray<LaneHit>, p: Point): string {
  return laneAt(lanes, p)?.scope ?? '';
}

export { dropEdit, insertAfterSelection, insertAfterSelection as editForAddAfterSelection, type DropEdge } from '../palette/templates';

/** The slot a connection dragged from a handle sets. */
export function connectSlot(sourceKind: NodeKind | undefined, sourceHandle: string | null | undefined): Slot {
  if (sourceHandle === 'catch') return { kind: 'newCatch' };
  if (sourceKind === 'Start') return { kind: 'start' };
  if (sourceKind === 'Choice') return { kind: 'newChoice' };
  return { kind: 'next' };
}

/** The edit for a connection from `source` (a state or the Start marker) to `target`. */
export function connectEdit(
  source: string,
  sourceKind: NodeKind | undefined,
  sourceHandle: string | null | undefined,
  target: string,
): Edit | null {
  if (target === START_ID || target === END_ID || source === END_ID) return null;
  if (sourceKind === 'Succeed' || sourceKind === 'Fail') return null;
  const slot = connectSlot(sourceKind, sourceHandle);
  const from = source === START_ID ? scopeOfState(target) : source;
  return { op: 'connect', source: from, slot, target: stateNameOf(target) };
}

/** Whether a connection may be drawn: between states of one scope, never into a marker. */
export function canConnect(source: string, target: string, sourceKind: NodeKind | undefined): boolean {
  if (target === START_ID || target === END_ID || source === END_ID) return false;
  if (sourceKind === 'Succeed' || sourceKind === 'Fail') return false;
  const scope = source === START_ID ? '' : scopeOfState(source);
  return scope === scopeOfState(target);
}

/** The edit removing the transition a selected edge draws; `null` for Start/End edges. */
export function disconnectEdit(edge: Pick<DiagramEdge, 'kind' | 'source' | 'target' | 'rule'>): Edit | null {
  const s = disconnectSlotOf(edge);
  return s === null ? null : { op: 'disconnect', source: s.source, slot: s.slot };
}

/** The scope pasted states go to: the scope of the first selected state, or the machine. */
export function pasteScope(selection: ReadonlyArray<string>): string {
  const first = selection[0];
  return first === undefined ? '' : scopeOfState(first);
}

/** Whether a key event comes from somewhere that types text (inputs, editors). */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (target === null || typeof (target as Partial<Element>).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  return el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .cm-editor') !== null;
}

/** States copied with Ctrl+C (`name -> definition`), kept for Ctrl+V. */
let clipboard: Record<string, unknown> | null = null;

export function getClipboard(): Record<string, unknown> | null {
  return clipboard;
}

export function setClipboard(states: Record<string, unknown> | null): void {
  clipboard = states;
}

/** Reads `name -> state` from clipboard text (as Ctrl+C writes it); `null` when it is not that. */
export function parseStatesText(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return null;
  const allStates = entries.every(
    ([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as Record<string, unknown>).Type === 'string',
  );
  return allStates ? (value as Record<string, unknown>) : null;
}
