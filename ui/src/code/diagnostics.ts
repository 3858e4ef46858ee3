import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { ProblemRow } from '../bindings/ProblemRow';
import type { StateRow } from '../bindings/StateRow';
import type { TextError } from '../bindings/TextError';

/** The validator's problems and the syntax error as CodeMirror diagnostics, clamped to the document. */
export function toDiagnostics(problems: readonly ProblemRow[], textError: TextError | null, docLength: number): Diagnostic[] {
  const clamp = (n: number): number => Math.max(0, Math.min(docLength, n));
  const out: Diagnostic[] = [];
  for (const p of problems) {
    if (p.from === null) continue;
    const from = clamp(p.from);
    const to = clamp(Math.max(p.to ?? p.from, p.from));
    out.push({ from, to, severity: p.severity, message: `${p.message} (${p.code})`, source: p.code });
  }
  if (textError !== null) {
    const from = clamp(textError.offset);
    out.push({ from, to: clamp(from + 1), severity: 'error', message: `Syntax error: ${textError.message}`, source: 'syntax' });
  }
  return out.sort((a, b) => a.from - b.from);
}

/** The innermost state whose span holds `pos`, if any. */
export function stateAtOffset(states: readonly StateRow[], pos: number): StateRow | undefined {
  let best: StateRow | undefined;
  for (const s of states) {
    if (s.from === null || s.to === null) continue;
    if (s.from <= pos && pos <= s.to && (best === undefined || s.depth > best.depth || (s.depth === best.depth && s.from > (best.from ?? 0)))) {
      best = s;
    }
  }
  return best;
}

/** The single change that turns `a` into `b` (common prefix and suffix kept, so the cursor and scroll survive). */
export function minimalChange(a: string, b: string): { from: number; to: number; insert: string } | null {
  if (a === b) return null;
  const max = Math.min(a.length, b.length);
  let start = 0;
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return { from: start, to: endA, insert: b.slice(start, endB) };
}

/**
 * A diagnostic over several lines (a whole state, an array) underlines only its first line,
 * from the line's first character (the key before the `{`) to its end, instead of every line.
 */
export function fitToFirstLine(diagnostics: readonly Diagnostic[], doc: Text): Diagnostic[] {
  return diagnostics.map((d) => {
    const line = doc.lineAt(d.from);
    if (d.to <= line.to) return d;
    const indent = /^\s*/.exec(line.text)?.[0].length ?? 0;
    return { ...d, from: Math.min(d.from, line.from + indent), to: line.to };
  });
}
