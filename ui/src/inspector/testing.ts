/** Test helpers: a DocumentView built from a definition, as Rust would send it. */
import type { DocumentView } from '../bindings/DocumentView';
import type { ProblemRow } from '../bindings/ProblemRow';
import type { StateRow } from '../bindings/StateRow';
import { isObject, joinPointer } from './pointer';
import { documentView } from '../test/documentView';

/** The UTF-16 spans of every value in a JSON text, by pointer. */
export function valueSpans(text: string): Map<string, { from: number; to: number }> {
  const spans = new Map<string, { from: number; to: number }>();
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  };
  const at = (): string => {
    if (i >= text.length) throw new Error('unexpected end of JSON');
    return text[i] ?? '';
  };
  const str = (): string => {
    const start = i;
    i++;
    while (at() !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (ptr: string): void => {
    ws();
    const from = i;
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      while (at() !== '}') {
        ws();
        const key = str();
        ws();
        i++; // :
        value(joinPointer(ptr, key));
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '[') {
      i++;
      ws();
      let n = 0;
      while (at() !== ']') {
        value(joinPointer(ptr, n++));
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '"') {
      str();
    } else {
      while (i < text.length && /[^,\]}\s]/.test(text[i] ?? '')) i++;
    }
    spans.set(ptr, { from, to: i });
  };
  value('');
  return spans;
}

function collectStates(def: unknown, scope: string, depth: number, out: Omit<StateRow, 'from' | 'to'>[]): void {
  if (!isObject(def) || !isObject(def['States'])) return;
  for (const [name, state] of Object.entries(def['States'])) {
    const pointer = joinPointer(scope, 'States', name);
    const type = isObject(state) && typeof state['Type'] === 'string' ? state['Type'] : '';
    out.push({ pointer, name, stateType: type, depth });
    if (!isObject(state)) continue;
    if (Array.isArray(state['Branches'])) {
      state['Branches'].forEach((b, i) => collectStates(b, joinPointer(pointer, 'Branches', i), depth + 1, out));
    }
    for (const key of ['ItemProcessor', 'Iterator']) {
      if (isObject(state[key])) collectStates(state[key], joinPointer(pointer, key), depth + 1, out);
    }
  }
}

/** A view of `definition`, pretty-printed, with every state's row and span. */
export function viewOf(definition: unknown, overrides: Partial<DocumentView> = {}): DocumentView {
  const text = overrides.text ?? JSON.stringify(definition, null, 2);
  const rows: Omit<StateRow, 'from' | 'to'>[] = [];
  collectStates(definition, '', 0, rows);
  let spans = new Map<string, { from: number; to: number }>();
  try {
    spans = valueSpans(text);
  } catch {
    // not JSON: no spans
  }
  const states: StateRow[] = rows.map((r) => ({ ...r, from: spans.get(r.pointer)?.from ?? null, to: spans.get(r.pointer)?.to ?? null }));
  return documentView({ text, states, ...overrides });
}

export function problemAt(view: DocumentView, pointer: string, state: string | null, code = 'test-problem', severity: ProblemRow['severity'] = 'error'): ProblemRow {
  const span = valueSpans(view.text).get(pointer);
  return { severity, code, message: `${code} message`, pointer, state, from: span?.from ?? null, to: span?.to ?? null };
}

/** A machine with one state of every type, in JSONPath. */
export const SAMPLE = {
  Comment: 'Sample',
  StartAt: 'Validate',
  States: {
    Validate: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { 'Payload.$': '$' },
      Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
      Next: 'Route',
    },
    Route: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.amount', NumericGreaterThan: 100, Next: 'Hold' },
        { And: [{ Variable: '$.vip', BooleanEquals: true }, { Variable: '$.country', StringEquals: 'FR' }], Next: 'Fork' },
      ],
      Default: 'Fork',
    },
    Hold: { Type: 'Wait', Seconds: 10, Next: 'Fork' },
    Fork: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
        { StartAt: 'B', States: { B: { Type: 'Pass', Result: { x: 1 }, End: true } } },
      ],
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } },
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail', Error: 'Boom', Cause: 'It broke' },
  },
};
