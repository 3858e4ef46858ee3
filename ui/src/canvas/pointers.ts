/** JSON Pointer helpers for state pointers (`/States/Fork/Branches/0/States/A`). */

export const START_ID = '#start';
export const END_ID = '#end';

/**
 * The id of a placeholder for a missing state starts with this, followed by the pointer the
 * state would have (crates/layout: `MISSING_PREFIX`).
 */
export const MISSING_PREFIX = '#missing:';

/** Whether a node id is a placeholder for a state that transitions name but that does not exist. */
export function isMissing(id: string): boolean {
  return id.startsWith(MISSING_PREFIX);
}

/** The pointer a missing state would have: `#missing:/States/Gone` → `/States/Gone`. */
export function missingPointer(id: string): string {
  return id.slice(MISSING_PREFIX.length);
}

/** Whether a node is not a state: the Start and End markers, and missing-state placeholders. */
export function isMarker(id: string): boolean {
  return id === START_ID || id === END_ID || isMissing(id);
}

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The state's name: the last segment of its pointer, unescaped. */
export function stateNameOf(pointer: string): string {
  return unescapeSegment(pointer.slice(pointer.lastIndexOf('/') + 1));
}

/**
 * The scope pointer (the object holding `States` and `StartAt`) a state lives in: `''` for the
 * machine, `/States/Fork/Branches/0` for a Parallel branch, `/States/Each/ItemProcessor` for a
 * Map processor.
 */
export function scopeOfState(pointer: string): string {
  const head = pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
  return head.endsWith('/States') ? head.slice(0, -'/States'.length) : '';
}

/** The pointer of a state named `name` in `scope`. */
export function statePointer(scope: string, name: string): string {
  return `${scope}/States/${escapeSegment(name)}`;
}
