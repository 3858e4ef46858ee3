/**
 * The run side of the inspector: a state's breakpoint, and the data-flow preview (AWS
 * TestState, inspection level DEBUG): give the state an input (and, for a Task, what the task
 * returns or throws) and see each processing stage's value, the status and the next state.
 */
import { useState, type KeyboardEvent, type ReactElement } from 'react';
import type { PreviewReply } from '../bindings/PreviewReply';
import type { PreviewRequest } from '../bindings/PreviewRequest';
import { AwsTestState } from '../cloud/AwsTestState';
import { useAwsPreview } from '../cloud/context';
import { errorText } from '../lib/api';
import { useRunInspector } from '../run/context';
import { Section } from './fields';
import { parseJson } from './JsonField';
import { PreviewResult } from './PreviewResult';
import { setSample, useSample, type PreviewDraft } from './samples';

export function BreakpointToggle({ name }: { name: string }): ReactElement | null {
  const run = useRunInspector();
  if (run === null) return null;
  const on = run.breakpoints.has(name);
  return (
    <div className="insp-bp">
      <button
        type="button"
        className={on ? 'rp-bp-toggle is-on' : 'rp-bp-toggle'}
        aria-pressed={on}
        onClick={() => run.toggleBreakpoint(name)}
        title="Pause the run before entering this state (F9)"
        data-testid="inspector-breakpoint"
      >
        <span className="rp-bp-toggle__dot" aria-hidden="true" />
        {on ? 'Breakpoint set' : 'Set breakpoint'}
      </button>
      <span className="insp-hint">{on ? 'Runs pause before entering this state.' : 'Pause runs before this state.'}</span>
    </div>
  );
}


export function DataFlowPreview({ statePointer, stateType }: { statePointer: string; stateType: string }): ReactElement | null {
  const run = useRunInspector();
  // Drafts survive switching between states (per pointer, for the session); the expression
  // editors preview their fields on the same sample.
  const draft = useSample(statePointer);
  const [reply, setReply] = useState<PreviewReply | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const aws = useAwsPreview();
  if (run === null) return null;

  const isTask = stateType === 'Task';
  const setDraft = (patch: Partial<PreviewDraft>): void => {
    setSample(statePointer, { ...draft, ...patch });
    if (reply !== null) setStale(true);
  };
  const inputError = jsonError(draft.input);
  const resultError = isTask && !draft.fails ? jsonError(draft.result) : null;
  const variablesError = draft.variables.trim() === '' ? null : jsonError(draft.variables);
  const invalid = inputError !== null || resultError !== null || variablesError !== null || (isTask && draft.fails && draft.error.trim() === '');

  const request: PreviewRequest = {
    pointer: statePointer,
    input: draft.input,
    result: isTask && !draft.fails ? draft.result : null,
    error: isTask && draft.fails ? draft.error.trim() : null,
    cause: isTask && draft.fails ? draft.cause : null,
    variables: draft.variables.trim(),
  };
  const preview = (): void => {
    if (invalid || busy) return;
    setBusy(true);
    setFailure(null);
    run
      .previewState(request)
      .then(
        (r) => {
          setReply(r);
          setStale(false);
        },
        (err: unknown) => setFailure(errorText(err)),
      )
      .finally(() => setBusy(false));
  };
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      preview();
    }
  };

  return (
    <Section title="Data-flow preview" open={false} aside="TestState">
      <div className="insp-preview" data-testid="preview">
        <p className="insp-hint">Run this state alone on an input and see each processing stage, as AWS TestState does.</p>
        <PreviewText label="State input" value={draft.input} error={inputError} onChange={(input) => setDraft({ input })} onKeyDown={onKey} testId="preview-input" />
        {isTask && (
          <>
            <div className="rp-segment rp-segment--small" role="radiogroup" aria-label="The task">
              <button type="button" role="radio" aria-checked={!draft.fails} className="rp-segment__item" onClick={() => setDraft({ fails: false })} data-testid="preview-returns">
                Task returns
              </button>
              <button type="button" role="radio" aria-checked={draft.fails} className="rp-segment__item" onClick={() => setDraft({ fails: true })} data-testid="preview-fails">
                Task fails
              </button>
            </div>
            {draft.fails ? (
              <div className="insp-preview-error">
                <input className="insp-input insp-mono" aria-label="Error" placeholder="Error, e.g. States.TaskFailed" value={draft.error} onChange={(e) => setDraft({ error: e.target.value })} data-testid="preview-error" />
                <input className="insp-input" aria-label="Cause" placeholder="Cause" value={draft.cause} onChange={(e) => setDraft({ cause: e.target.value })} data-testid="preview-cause" />
              </div>
            ) : (
              <PreviewText label="Task result (mocked)" value={draft.result} error={resultError} onChange={(result) => setDraft({ result })} onKeyDown={onKey} testId="preview-result" />
            )}
          </>
        )}
        <PreviewText label="Variables" value={draft.variables} error={variablesError} placeholder="{ } workflow variables (optional)" onChange={(variables) => setDraft({ variables })} onKeyDown={onKey} testId="preview-variables" />
        <div className="rp-actions">
          <button type="button" className="button rp-small" disabled={invalid || busy} onClick={preview} data-testid="preview-run">
            {busy ? 'Previewing…' : 'Preview'}
          </button>
          <span className="insp-hint">Ctrl+Enter</span>
        </div>
        {failure !== null && (
          <p className="insp-error" role="alert">
            {failure}
          </p>
        )}
        {reply !== null && <PreviewResult reply={reply} stale={stale} />}
        {aws !== null && <AwsTestState aws={aws} request={request} invalid={invalid} local={stale ? null : reply} />}
      </div>
    </Section>
  );
}

function PreviewText(props: { label: string; value: string; error: string | null; placeholder?: string; onChange: (v: string) => void; onKeyDown: (e: KeyboardEvent) => void; testId: string }): ReactElement {
  const lines = props.value.split('\n').length;
  return (
    <label className="insp-preview-field">
      <span className="insp-label">{props.label}</span>
      <textarea
        className="insp-input insp-mono insp-json"
        rows={Math.min(10, Math.max(2, lines))}
        value={props.value}
        placeholder={props.placeholder ?? '{ }'}
        spellCheck={false}
        aria-invalid={props.error !== null}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={props.onKeyDown}
        data-testid={props.testId}
      />
      {props.error !== null && <span className="insp-error">{props.error}</span>}
    </label>
  );
}

function jsonError(text: string): string | null {
  const r = parseJson(text, false);
  return 'error' in r ? r.error : null;
}
