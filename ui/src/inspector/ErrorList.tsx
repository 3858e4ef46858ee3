import { useId, useState, type ReactElement } from 'react';
import { useInspector } from './context';
import { Row } from './fields';

export const COMMON_ERRORS = [
  'States.ALL',
  'States.TaskFailed',
  'States.Timeout',
  'States.HeartbeatTimeout',
  'States.Permissions',
  'States.ResultPathMatchFailure',
  'States.ParameterPathFailure',
  'States.QueryEvaluationError',
  'States.BranchFailed',
  'States.NoChoiceMatched',
  'States.IntrinsicFailure',
  'States.ExceedToleratedFailureThreshold',
  'States.ItemReaderFailed',
  'States.ResultWriterFailed',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

/** Splits typed text into error names (comma or whitespace separated). */
export function splitErrors(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** ErrorEquals as removable chips plus an input that adds names (Enter, comma or blur). */
export function ErrorList({ pointer, label = 'Errors' }: { pointer: string; label?: string }): ReactElement {
  const { get, set } = useInspector();
  const id = useId();
  const listId = `${id}-errors`;
  const raw = get(pointer);
  const errors = Array.isArray(raw) ? raw.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))) : [];
  const [text, setText] = useState('');

  const add = (): void => {
    const names = splitErrors(text).filter((n) => !errors.includes(n));
    setText('');
    if (names.length > 0) set(pointer, [...errors, ...names]);
  };

  return (
    <Row id={id} label={label} claims={[{ pointer, within: true, label }]}>
      <div className="insp-chips">
        {errors.map((name, i) => (
          <span className="insp-chip" key={`${name}-${i}`}>
            <span className="insp-chip-text">{name}</span>
            <button
              type="button"
              className="insp-chip-remove"
              aria-label={`Remove ${name}`}
              onClick={() => set(pointer, errors.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          className="insp-chip-input"
          list={listId}
          value={text}
          placeholder={errors.length === 0 ? 'States.ALL' : 'Add…'}
          data-field="ErrorEquals"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            const v = e.target.value;
            if (v.endsWith(',')) {
              setText(v.slice(0, -1));
            } else setText(v);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              add();
            } else if (e.key === 'Backspace' && text === '' && errors.length > 0) {
              set(pointer, errors.slice(0, -1));
            }
          }}
          onBlur={add}
        />
        <datalist id={listId}>
          {COMMON_ERRORS.filter((e) => !errors.includes(e)).map((e) => (
            <option key={e} value={e} />
          ))}
        </datalist>
      </div>
    </Row>
  );
}
