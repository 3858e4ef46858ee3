/**
 * The live value of a JSONata field: as the user types, the field's text is evaluated (debounced)
 * on the state's sample (the data-flow preview's input, mocked result and variables) and the
 * value or the error (code, message, where) shows under the editor.
 */
import { useEffect, useState, type ReactElement } from 'react';
import type { ExpressionReply } from '../bindings/ExpressionReply';
import { errorText } from '../lib/api';
import { useRunInspector } from '../run/context';
import { useSample } from './samples';

/** How long typing must pause before the field is evaluated. */
export const PREVIEW_DEBOUNCE_MS = 250;

export interface ExpressionPreviewScope {
  statePointer: string;
  /** The field sees `$states.result` (Output and Assign of a Task): the mocked task result. */
  withResult: boolean;
}

/** Line and column (1-based) of character `position` of `text`. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = [...text].slice(0, position).join('');
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Whether a field's text holds JSONata to preview (a `{% %}` anywhere). */
export function hasExpression(text: string): boolean {
  return text.includes('{%');
}

export function ExpressionPreview({ text, scope }: { text: string; scope: ExpressionPreviewScope }): ReactElement | null {
  const run = useRunInspector();
  const sample = useSample(scope.statePointer);
  const [reply, setReply] = useState<{ text: string; reply: ExpressionReply } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const evaluate = run?.evaluateExpression;
  const result = scope.withResult && !sample.fails ? sample.result : null;
  const active = evaluate !== undefined && hasExpression(text);

  useEffect(() => {
    if (!active || evaluate === undefined) return;
    let live = true;
    const timer = setTimeout(() => {
      evaluate({ text, input: sample.input, result, variables: sample.variables }).then(
        (r) => {
          if (!live) return;
          setReply({ text, reply: r });
          setFailure(null);
        },
        (err: unknown) => {
          if (live) setFailure(errorText(err));
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [active, evaluate, text, sample.input, sample.variables, result]);

  if (!active) return null;
  const stale = reply === null || reply.text !== text;
  const r = reply?.reply ?? null;
  let body: ReactElement;
  if (failure !== null) {
    body = <span className="insp-expr-error">{failure}</span>;
  } else if (r === null) {
    body = <span className="insp-hint">Evaluating…</span>;
  } else if (r.error !== null) {
    const where = r.error.position === null ? null : lineColumn(reply?.text ?? text, r.error.position);
    body = (
      <span className="insp-expr-error" data-testid="expression-error" data-code={r.error.code} data-position={r.error.position ?? ''}>
        <strong>{r.error.code}</strong> {r.error.message}
        {where !== null && (
          <span className="insp-expr-where">
            {' '}
            at {where.line > 1 ? `line ${where.line}, ` : ''}character {where.column} ({r.error.position})
          </span>
        )}
      </span>
    );
  } else if (r.value === null) {
    body = <span className="insp-hint" data-testid="expression-value" data-undefined="true">undefined (the field is left out)</span>;
  } else {
    body = (
      <pre className="insp-expr-value" data-testid="expression-value">
        {r.value}
      </pre>
    );
  }
  return (
    <div className={stale ? 'insp-expr-preview is-stale' : 'insp-expr-preview'} data-testid="expression-preview" aria-live="polite">
      <span className="insp-expr-label">
        = <span className="insp-hint">on the sample input{result !== null ? ' and result' : ''}</span>
      </span>
      {body}
    </div>
  );
}
