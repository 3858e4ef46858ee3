import { useId, useRef, useState, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';
import type { Claim } from './claims';
import { useInspector } from './context';
import { FieldProblems, useFieldProblems, useOpenOnProblem, worstSeverity } from './FieldProblems';
import { jsonEqual } from './model';
import { splitPointer } from './pointer';
import { PlaceholderChips } from '../project/PlaceholderChips';
import '../project/project.css';

/**
 * Local text while the user types. The draft survives a commit until the document's value
 * changes (so the field does not flicker back while the edit travels through Rust), and is
 * dropped whenever the value from the document changes.
 */
export function useDraft(external: string): {
  text: string;
  draft: string | null;
  setDraft: (text: string | null) => void;
} {
  const [draft, setDraft] = useState<string | null>(null);
  const [base, setBase] = useState(external);
  if (base !== external) {
    setBase(external);
    setDraft(null);
  }
  return { text: draft ?? external, draft, setDraft };
}

/** The field name a pointer ends with, for `data-field`. */
export function fieldName(pointer: string): string {
  return splitPointer(pointer)?.last ?? '';
}

interface RowProps {
  id: string;
  label: string;
  children: ReactNode;
  /** Label above the control (JSON editors), instead of beside it. */
  stack?: boolean;
  error?: string | null | undefined;
  errorId?: string;
  hint?: ReactNode;
  /** The pointer the row edits: the validator's problems there show under the control. */
  pointer?: string | undefined;
  /** Instead of `pointer`: every location whose problems this row shows. */
  claims?: readonly Claim[] | undefined;
}

/** One labelled row of a form, with its problems under the control. */
export function Row({ id, label, children, stack = false, error, errorId, hint, pointer, claims }: RowProps): ReactElement {
  const all = claims ?? (pointer === undefined ? null : [{ pointer, label }]);
  const problems = useFieldProblems(all);
  const ref = useRef<HTMLDivElement>(null);
  useOpenOnProblem(ref, problems);
  const severity = worstSeverity(problems);
  let className = stack ? 'insp-row insp-row--stack' : 'insp-row';
  if (severity !== null) className += ` has-problem has-problem--${severity}`;
  return (
    <div ref={ref} className={className} data-field-pointer={all?.[0]?.pointer}>
      <label className="insp-label" htmlFor={id} title={label}>
        {label}
      </label>
      <div className="insp-control">
        {children}
        {hint !== undefined && <div className="insp-hint">{hint}</div>}
        {error != null && (
          <p className="insp-error" role="alert" id={errorId}>
            {error}
          </p>
        )}
        <FieldProblems problems={problems} />
      </div>
    </div>
  );
}

/** Parses the text of a field into the value to store; `undefined` removes the field. */
type Parser = (text: string) => { value: unknown } | { error: string };

interface CommitInputProps {
  pointer: string;
  label: string;
  /** The document's value as text. */
  external: string;
  parse: Parser;
  placeholder?: string | undefined;
  list?: string | undefined;
  mono?: boolean | undefined;
  inputMode?: 'numeric' | 'decimal' | 'text' | undefined;
  field?: string | undefined;
  hint?: ReactNode;
  /** Shown after the input, inside the row (e.g. a toggle). */
  after?: ReactNode;
  /** Shown under the input, given the text being edited (e.g. a live preview of it). */
  below?: ((text: string) => ReactNode) | undefined;
  disabled?: boolean | undefined;
}

/**
 * A one-line input that keeps its text locally and commits on Enter or blur. Always a text
 * input (numbers use `inputMode`): a browser's number input reports invalid text as empty,
 * which would remove the field instead of showing an error.
 */
export function CommitInput(props: CommitInputProps): ReactElement {
  const { pointer, label, external, parse, placeholder, list, mono, inputMode, hint, after, disabled } = props;
  const { get, set, substitutions } = useInspector();
  const id = useId();
  const errorId = `${id}-error`;
  const { text, draft, setDraft } = useDraft(external);
  const [error, setError] = useState<string | null>(null);

  const commit = (): void => {
    if (draft === null) return;
    const parsed = parse(draft);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    if (parsed.value === undefined ? get(pointer) === undefined : jsonEqual(get(pointer), parsed.value)) {
      setDraft(null);
      return;
    }
    set(pointer, parsed.value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      setDraft(null);
      setError(null);
    }
  };

  return (
    <Row id={id} label={label} error={error} errorId={errorId} hint={hint} pointer={pointer}>
      <div className="insp-inline">
        <input
          id={id}
          className={mono === true ? 'insp-input insp-mono' : 'insp-input'}
          type="text"
          inputMode={inputMode}
          value={text}
          placeholder={placeholder}
          list={list}
          disabled={disabled}
          data-field={props.field ?? fieldName(pointer)}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setDraft(e.target.value);
            if (error !== null) setError(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={commit}
        />
        {after}
      </div>
      <PlaceholderChips pointer={pointer} rows={substitutions} />
      {props.below?.(text)}
    </Row>
  );
}

interface TextFieldProps {
  pointer: string;
  label: string;
  placeholder?: string;
  list?: string;
  mono?: boolean;
  hint?: ReactNode;
  /** An empty text stores `""` instead of removing the field. */
  keepEmpty?: boolean;
}

/** A string field; emptying it removes the field. */
export function TextField({ pointer, label, placeholder, list, mono, hint, keepEmpty = false }: TextFieldProps): ReactElement {
  const { get } = useInspector();
  const value = get(pointer);
  const external = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  return (
    <CommitInput
      pointer={pointer}
      label={label}
      external={external}
      placeholder={placeholder}
      list={list}
      mono={mono}
      hint={hint}
      parse={(text) => ({ value: text === '' && !keepEmpty ? undefined : text })}
    />
  );
}

interface PathFieldProps {
  pointer: string;
  label: string;
  placeholder?: string;
  /** What `null` means for this field, shown beside the toggle. */
  nullTitle: string;
}

/** A JSONPath field that may also be `null` (InputPath, OutputPath, ResultPath). */
export function PathField({ pointer, label, placeholder = '$', nullTitle }: PathFieldProps): ReactElement {
  const { get, set } = useInspector();
  const value = get(pointer);
  const isNull = value === null;
  const external = typeof value === 'string' ? value : '';
  const toggle = (
    <label className="insp-null" title={nullTitle}>
      <input
        type="checkbox"
        checked={isNull}
        data-field={`${fieldName(pointer)}Null`}
        aria-label={`${label}: null (${nullTitle})`}
        onChange={(e) => set(pointer, e.target.checked ? null : undefined)}
      />
      null
    </label>
  );
  return (
    <CommitInput
      pointer={pointer}
      label={label}
      external={external}
      placeholder={isNull ? 'null' : placeholder}
      mono
      disabled={isNull}
      after={toggle}
      parse={(text) => ({ value: text.trim() === '' ? undefined : text.trim() })}
    />
  );
}

interface NumberFieldProps {
  pointer: string;
  label: string;
  integer?: boolean;
  min?: number;
  max?: number;
  placeholder?: string;
  /** Also accept a JSONata expression `{% ... %}` (JSONata machines). */
  expression?: boolean;
  hint?: ReactNode;
}

export function parseNumber(
  text: string,
  opts: { integer?: boolean | undefined; min?: number | undefined; max?: number | undefined; expression?: boolean | undefined },
): { value: unknown } | { error: string } {
  const t = text.trim();
  if (t === '') return { value: undefined };
  if (opts.expression === true && t.startsWith('{%')) {
    return t.endsWith('%}') ? { value: t } : { error: 'A JSONata expression ends with %}' };
  }
  const n = Number(t);
  if (!Number.isFinite(n)) return { error: 'Enter a number' };
  if (opts.integer === true && !Number.isInteger(n)) return { error: 'Enter a whole number' };
  if (opts.min !== undefined && n < opts.min) return { error: `Must be at least ${opts.min}` };
  if (opts.max !== undefined && n > opts.max) return { error: `Must be at most ${opts.max}` };
  return { value: n };
}

/** A number field: sends numbers; emptying it removes the field. */
export function NumberField({ pointer, label, integer, min, max, placeholder, expression, hint }: NumberFieldProps): ReactElement {
  const { get } = useInspector();
  const value = get(pointer);
  const external =
    typeof value === 'number' || typeof value === 'string' ? String(value) : value === undefined ? '' : JSON.stringify(value);
  return (
    <CommitInput
      pointer={pointer}
      label={label}
      external={external}
      inputMode={integer === true ? 'numeric' : 'decimal'}
      placeholder={placeholder}
      hint={hint}
      mono={expression}
      parse={(text) => parseNumber(text, { integer, min, max, expression })}
    />
  );
}

export interface Option {
  value: string;
  label?: string;
}

interface SelectFieldProps {
  pointer: string;
  label: string;
  options: readonly Option[];
  /** The label of the empty choice, which removes the field; omit for no empty choice. */
  emptyLabel?: string;
}

/** A select of string values; the empty choice removes the field. Commits on change. */
export function SelectField({ pointer, label, options, emptyLabel }: SelectFieldProps): ReactElement {
  const { get, set } = useInspector();
  const id = useId();
  const value = get(pointer);
  const current = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  return (
    <Row id={id} label={label} pointer={pointer}>
      <Select
        id={id}
        field={fieldName(pointer)}
        value={current}
        options={options}
        emptyLabel={emptyLabel}
        onChange={(v) => set(pointer, v === '' ? undefined : v)}
      />
    </Row>
  );
}

interface SelectProps {
  id?: string;
  field: string;
  value: string;
  options: readonly Option[];
  emptyLabel?: string | undefined;
  onChange: (value: string) => void;
  ariaLabel?: string;
}

/** A bare select that shows an unknown current value truthfully instead of hiding it. */
export function Select({ id, field, value, options, emptyLabel, onChange, ariaLabel }: SelectProps): ReactElement {
  const known = value === '' || options.some((o) => o.value === value);
  return (
    <select
      id={id}
      className="insp-select"
      data-field={field}
      value={value}
      aria-label={ariaLabel}
      onChange={(e) => onChange(e.target.value)}
    >
      {(emptyLabel !== undefined || value === '') && <option value="">{emptyLabel ?? '—'}</option>}
      {!known && <option value={value}>{value} (not found)</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label ?? o.value}
        </option>
      ))}
    </select>
  );
}

/** A titled, collapsible group of fields. */
export function Section({
  title,
  children,
  open = true,
  aside,
  pointer,
}: {
  title: string;
  children: ReactNode;
  open?: boolean;
  aside?: ReactNode;
  /** The value the section edits as a whole (`/States/A/Retry`): problems there that no field inside shows. */
  pointer?: string;
}): ReactElement {
  const problems = useFieldProblems(pointer === undefined ? null : [{ pointer, within: true, label: title }]);
  const ref = useRef<HTMLDetailsElement>(null);
  useOpenOnProblem(ref, problems);
  return (
    <details ref={ref} className="insp-section" open={open} data-field-pointer={pointer}>
      <summary className="insp-section-title">
        <span>{title}</span>
        {aside !== undefined && <span className="insp-section-aside">{aside}</span>}
      </summary>
      <div className="insp-section-body">
        <FieldProblems problems={problems} />
        {children}
      </div>
    </details>
  );
}
