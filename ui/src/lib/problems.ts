import type { ProblemRow } from '../bindings/ProblemRow';
import type { StateRow } from '../bindings/StateRow';
import type { TextError } from '../bindings/TextError';

/** The code of a syntax error in the code view's text (as `stepwise validate` names it). */
export const SYNTAX_CODE = 'syntax-error';

/** A syntax error of the code view as a problem row: at its offset in the text, of no state. */
export function syntaxProblem(e: TextError): ProblemRow {
  return { severity: 'error', code: SYNTAX_CODE, message: e.message, pointer: '', state: null, from: e.offset, to: e.offset };
}

/** Whether a row is the code view's syntax error (which the validator never reports). */
export function isSyntaxProblem(p: ProblemRow): boolean {
  return p.code === SYNTAX_CODE && p.pointer === '' && p.state === null;
}

/** The problems the Problems tab lists: the syntax error of the text first, when there is one. */
export function withSyntaxError(problems: readonly ProblemRow[], textError: TextError | null): readonly ProblemRow[] {
  return textError === null ? problems : [syntaxProblem(textError), ...problems];
}

/** Whether `pointer` is `base` itself or a location inside it (JSON Pointer prefix by segment). */
export function isWithin(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`);
}

/** The innermost state that contains `pointer`, if any. */
export function stateAt(states: readonly StateRow[], pointer: string): StateRow | undefined {
  let best: StateRow | undefined;
  for (const state of states) {
    if (isWithin(pointer, state.pointer) && (best === undefined || state.pointer.length > best.pointer.length)) {
      best = state;
    }
  }
  return best;
}

/** The problems of each state, keyed by the state's pointer (innermost state only). */
export function problemsByState(
  states: readonly StateRow[],
  problems: readonly ProblemRow[],
): Map<string, ProblemRow[]> {
  const out = new Map<string, ProblemRow[]>();
  for (const problem of problems) {
    const state = stateAt(states, problem.pointer);
    if (state === undefined) continue;
    const list = out.get(state.pointer);
    if (list === undefined) out.set(state.pointer, [problem]);
    else list.push(problem);
  }
  return out;
}

export interface SeverityCounts {
  errors: number;
  warnings: number;
}

export function countBySeverity(problems: readonly ProblemRow[]): SeverityCounts {
  let errors = 0;
  let warnings = 0;
  for (const p of problems) {
    if (p.severity === 'error') errors += 1;
    else warnings += 1;
  }
  return { errors, warnings };
}

/** Errors before warnings; otherwise the validator's order. */
export function sortProblems(problems: readonly ProblemRow[]): ProblemRow[] {
  const rank = (p: ProblemRow): number => (p.severity === 'error' ? 0 : 1);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

/** A pointer as shown: the empty pointer (the whole document) reads as `/`. */
export function displayPointer(pointer: string): string {
  return pointer === '' ? '/' : pointer;
}

/** "1 error", "3 warnings", ... */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * A nested state's pointer shortened to its innermost container, e.g.
 * `/States/Fork/Branches/1/States/Ship` reads `…/Branches/1/States/Ship`. Top-level pointers are
 * unchanged.
 */
export function compactPointer(pointer: string): string {
  const segments = pointer.split('/');
  // Walk `/States/<name>` then, per level, `/Branches/<i>/States/<name>` or
  // `/ItemProcessor|Iterator/States/<name>`; remember where the innermost container starts.
  let i = 1;
  let container = -1;
  if (segments[i] !== 'States') return pointer;
  i += 2;
  while (i < segments.length) {
    const field = segments[i];
    const start = i;
    if (field === 'Branches') i += 2;
    else if (field === 'ItemProcessor' || field === 'Iterator') i += 1;
    else break;
    if (segments[i] !== 'States' || i + 1 >= segments.length) break;
    container = start;
    i += 2;
  }
  return container < 0 ? pointer : `…/${segments.slice(container).join('/')}`;
}
