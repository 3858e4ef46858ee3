/** Small fields of the test form: JSON text, a list of state names as chips. */
import type { ReactElement } from 'react';

export function jsonError(text: string): string | null {
  if (text.trim() === '') return null;
  try {
    JSON.parse(text);
    return null;
  } catch (err: unknown) {
    return err instanceof Error ? err.message : String(err);
  }
}

export function JsonField(props: { value: string; onChange: (text: string) => void; label: string; testId?: string; rows?: number; placeholder?: string }): ReactElement {
  const error = jsonError(props.value);
  return (
    <textarea
      className={error === null ? 'tf-json' : 'tf-json is-invalid'}
      value={props.value}
      rows={props.rows ?? 2}
      spellCheck={false}
      aria-label={props.label}
      aria-invalid={error !== null}
      title={error ?? undefined}
      placeholder={props.placeholder}
      data-testid={props.testId}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

/** State names in order, as removable chips, and a select to add one. */
export function ChipsField(props: { value: readonly string[]; options: readonly string[]; onChange: (names: string[]) => void; label: string; testId: string }): ReactElement {
  const { value, options, onChange } = props;
  return (
    <div className="tf-chips" data-testid={props.testId} aria-label={props.label}>
      {value.map((name, i) => (
        <span className="tf-chip" key={`${name}-${i}`} data-testid="tf-chip">
          {name}
          <button type="button" className="tf-chip__x" aria-label={`Remove ${name}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
            ×
          </button>
        </span>
      ))}
      <select
        className="tf-chips__add"
        value=""
        aria-label={`Add a state to ${props.label}`}
        onChange={(e) => {
          if (e.target.value !== '') onChange([...value, e.target.value]);
        }}
      >
        <option value="">+ state</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

export function StateSelect(props: { value: string; options: readonly string[]; onChange: (name: string) => void; label: string }): ReactElement {
  return (
    <select value={props.value} aria-label={props.label} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">State…</option>
      {props.options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}
