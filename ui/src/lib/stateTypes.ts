import { STATE_TYPES, TAKES_NEXT_OR_END } from '../bindings/stateTypeRules';

// The rules themselves are Rust's (`StateType`), generated into `stateTypeRules.ts`.
export { STATE_TYPES };

export type StateType = (typeof STATE_TYPES)[number];

export function isStateType(value: string): value is StateType {
  return (STATE_TYPES as readonly string[]).includes(value);
}

/** Whether a state of this type ends with `Next`/`End` (Choice, Succeed and Fail do not). */
export function takesNextOrEnd(type: StateType): boolean {
  return (TAKES_NEXT_OR_END as readonly string[]).includes(type);
}

/** The CSS modifier that colours a state type's badge; `unknown` for anything else. */
export function badgeTone(stateType: string): string {
  return isStateType(stateType) ? stateType.toLowerCase() : 'unknown';
}

/** The text a badge shows: the type as written, or a placeholder when it is missing. */
export function badgeLabel(stateType: string): string {
  return stateType.trim() === '' ? 'No type' : stateType;
}
