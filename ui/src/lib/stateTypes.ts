/** The eight state types of the Amazon States Language, in the order a palette lists them. */
export const STATE_TYPES = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;

export type StateType = (typeof STATE_TYPES)[number];

export function isStateType(value: string): value is StateType {
  return (STATE_TYPES as readonly string[]).includes(value);
}

/** The CSS modifier that colours a state type's badge; `unknown` for anything else. */
export function badgeTone(stateType: string): string {
  return isStateType(stateType) ? stateType.toLowerCase() : 'unknown';
}

/** The text a badge shows: the type as written, or a placeholder when it is missing. */
export function badgeLabel(stateType: string): string {
  return stateType.trim() === '' ? 'No type' : stateType;
}
