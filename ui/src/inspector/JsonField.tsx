import { useId, useState, type ReactElement, type ReactNode } from 'react';
import { useInspector } from './context';
import { ExpressionPreview, type ExpressionPreviewScope } from './ExpressionPreview';
import { fieldName, Row, useDraft } from './fields';
import { isJsonataExpression, jsonEqual } from './model';

interface JsonFieldProps {
  pointer: string;
  label: string;
  placeholder?: string;
  /** Also accept a bare JSONata expression `{% ... %}` (stored as a string). */
  expression?: boolean;
  hint?: ReactNode;
  /** Commit to this callback instead of setting `pointer` (for values edited as a whole). */
  onCommit?: (value: unknown) => void;
  /** The value shown, when not read from `pointer`. */
  value?: unknown;
  field?: string;
  /** A JSONata field: show its value on the state's sample as the user types. */
  preview?: ExpressionPreviewScope | undefined;
}

export function formatJson(value: unknown, expression: boolean): string {
  if (value === undefined) return '';
  if (expression && isJsonataExpression(value)) return value;
  return JSON.stringify(value, null, 2);
}

export function parseJson(text: string, expression: boolean): { value: unknown } | { error: string } {
  const t = text.trim();
  if (t === '') return { value: undefined };
  if (expression && t.startsWith('{%')) {
    return t.endsWith('%}') ? { value: t } : { error: 'A JSONata expression ends with %}' };
  }
  try {
    return { value: JSON.parse(t) as unknown };
  } catch (e) {
    return { error: `Invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * A JSON value edited as text. It is validated as the user types (the error shows once the
 * field has been left or committed) and only sent when it parses. Commits on blur or Ctrl/⌘+Enter.
 */
export function JsonField(props: JsonFieldProps): ReactElement {
  const { pointer, label, placeholder, expression = false, hint, onCommit } = props;
  const { get, set } = useInspector();
  const id = useId();
  const errorId = `${id}-error`;
  const value = 'value' in props ? props.value : get(pointer);
  const { text, draft, setDraft } = useDraft(formatJson(value, expression));
  const [touched, setTouched] = useState(false);
  const parsed = draft === null ? null : parseJson(draft, expression);
  const error = parsed !== null && 'error' in parsed && touched ? parsed.error : null;

  const commit = (): void => {
    setTouched(true);
    if (parsed === null || 'error' in parsed) return;
    const same = parsed.value === undefined ? value === undefined : jsonEqual(value, parsed.value);
    if (same) {
      setDraft(null);
      return;
    }
    if (onCommit !== undefined) onCommit(parsed.value);
    else set(pointer, parsed.value);
  };

  const lines = text.split('\n').length;
  return (
    <Row id={id} label={label} stack error={error} errorId={errorId} hint={hint} claims={[{ pointer, within: true, label }]}>
      <textarea
        id={id}
        className="insp-input insp-mono insp-json"
        rows={Math.min(14, Math.max(2, lines))}
        value={text}
        placeholder={placeholder ?? (expression ? '{ } or {% expression %}' : '{ }')}
        data-field={props.field ?? fieldName(pointer)}
        aria-invalid={error !== null}
        aria-describedby={error !== null ? errorId : undefined}
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') {
            setDraft(null);
            setTouched(false);
          }
        }}
      />
      {props.preview !== undefined && <ExpressionPreview text={text} scope={props.preview} />}
    </Row>
  );
}
