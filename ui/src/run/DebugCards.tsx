import { useState, type ReactElement } from 'react';
import type { PauseInfo } from '../bindings/PauseInfo';
import type { PauseReason } from '../bindings/PauseReason';
import type { TaskAnswer } from '../bindings/TaskAnswer';
import type { TaskQuestion } from '../bindings/TaskQuestion';
import type { TaskShape } from '../bindings/TaskShape';
import { Card, JsonBlock } from './bits';
import { JsonEditor, jsonError } from './JsonEditor';
import { pretty } from './labels';

const REASON: Record<PauseReason, string> = {
  breakpoint: 'breakpoint',
  step: 'step',
  start: 'start of the run',
};

export function pauseReason(reason: PauseReason): string {
  return REASON[reason];
}

function iterationText(p: Pick<PauseInfo, 'iterations'>): string {
  return p.iterations.map((i) => `${i.map} item ${i.index}`).join(', ');
}

/** The strip above the canvas while paused: where, why, and the debugger's buttons. */
export function PausedStrip(props: { pause: PauseInfo; onContinue: () => void; onStep: () => void; onStop: () => void; onEditInput: () => void }): ReactElement {
  const { pause } = props;
  return (
    <div className="rp-strip rp-strip--paused" role="status" data-testid="paused-banner" data-state={pause.state} data-reason={pause.reason}>
      <span className="rp-strip__icon" aria-hidden="true">
        <svg width="14" height="14" viewBox="0 0 14 14">
          <rect x="3" y="2" width="3" height="10" rx="1" fill="currentColor" />
          <rect x="8" y="2" width="3" height="10" rx="1" fill="currentColor" />
        </svg>
      </span>
      <p className="rp-strip__text">
        Paused before <strong data-testid="paused-state">{pause.state}</strong>
        <span className="rp-strip__why">
          {' '}
          · {pauseReason(pause.reason)}
          {pause.iterations.length > 0 && ` · ${iterationText(pause)}`}
        </span>
      </p>
      <button type="button" className="rp-link" onClick={props.onEditInput} data-testid="paused-edit-input">
        Edit input
      </button>
      <button type="button" className="button rp-small" onClick={props.onStep} title="Run this state, pause before the next (F10)" data-testid="run-step">
        Step <kbd>F10</kbd>
      </button>
      <button type="button" className="button button--primary rp-small" onClick={props.onContinue} title="Run to the next breakpoint (F5)" data-testid="run-continue">
        Continue <kbd>F5</kbd>
      </button>
      <button type="button" className="button rp-small rp-danger" onClick={props.onStop} title="Stop the run (Shift+F5)" data-testid="run-stop-paused">
        Stop
      </button>
    </div>
  );
}

/** The strip above the canvas while Tasks wait for the user ("ask me"). */
export function QuestionStrip({ questions, onAnswer }: { questions: readonly TaskQuestion[]; onAnswer: () => void }): ReactElement | null {
  const q = questions[0];
  if (q === undefined) return null;
  return (
    <div className="rp-strip rp-strip--ask" role="status" data-testid="question-banner">
      <span className="rp-strip__icon" aria-hidden="true">
        ?
      </span>
      <p className="rp-strip__text">
        <strong>{q.state}</strong> is waiting for your answer
        {questions.length > 1 && <span className="rp-strip__why"> · {questions.length - 1} more waiting</span>}
      </p>
      <button type="button" className="button button--primary rp-small" onClick={onAnswer} data-testid="question-open">
        Answer
      </button>
    </div>
  );
}

/** Paused: the input of the state about to run, editable before going on. */
export function PausedCard(props: {
  pause: PauseInfo;
  dark: boolean;
  onResume: (mode: 'continue' | 'step', input: string | null) => void;
}): ReactElement {
  const { pause } = props;
  const original = pretty(pause.input);
  const [text, setText] = useState(original);
  const [base, setBase] = useState(original);
  // A new pause brings a new input.
  if (base !== original) {
    setBase(original);
    setText(original);
  }
  const error = jsonError(text);
  const edited = text !== original;
  const resume = (mode: 'continue' | 'step'): void => {
    if (error !== null) return;
    props.onResume(mode, edited ? text : null);
  };
  return (
    <Card
      tone="paused"
      testId="paused-card"
      title={
        <>
          Paused before <span className="rp-em">{pause.state}</span>
        </>
      }
      aside={<span className="rp-muted">{pauseReason(pause.reason)}</span>}
    >
      <div className="rp-field__head">
        <span className="rp-label">Input of {pause.state}</span>
        {edited && (
          <button type="button" className="rp-link" onClick={() => setText(original)}>
            Undo edits
          </button>
        )}
      </div>
      <JsonEditor value={text} onChange={setText} dark={props.dark} label={`Input of ${pause.state}`} testId="paused-input" onSubmit={() => resume('continue')} minLines={3} maxHeight={220} />
      {error !== null && <p className="rp-error">Not valid JSON: {error}</p>}
      {edited && error === null && <p className="rp-hint">The state will run on the edited input.</p>}
      <div className="rp-actions">
        <button type="button" className="button button--primary rp-small" disabled={error !== null} onClick={() => resume('continue')} data-testid="paused-continue">
          Continue
        </button>
        <button type="button" className="button rp-small" disabled={error !== null} onClick={() => resume('step')} data-testid="paused-step">
          Step
        </button>
      </div>
    </Card>
  );
}

/** What the machine expects of the result: the resource's wrapper and the fields read. */
function ShapeHint({ shape }: { shape: TaskShape }): ReactElement | null {
  if (shape.wrapper === null && shape.reads.length === 0) return null;
  return (
    <div className="rp-shape" data-testid="question-shape" data-wrapper={shape.wrapper ?? undefined}>
      {shape.wrapper === 'lambdaInvoke' && (
        <p className="rp-shape__wrapper" data-testid="question-wrapper">
          <code>lambda:invoke</code> returns AWS’s invocation metadata: put the function’s result in <code>Payload</code>.
        </p>
      )}
      {shape.reads.length > 0 && (
        <>
          <span className="rp-label">Fields the machine reads</span>
          <ul className="rp-shape__reads">
            {shape.reads.map((r) => (
              <li key={r.path} data-testid="question-read" data-path={r.path} className={r.problem === null ? undefined : 'has-problem'}>
                <code className="rp-shape__path">{r.path}</code>
                <span className="rp-shape__by">{r.readers.join('; ')}</span>
                {r.problem !== null && <span className="rp-shape__problem">{r.problem}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** "Ask me": a Task waits; the user gives its result, or an error to throw. The result starts
 * from the shape the machine expects. */
export function QuestionCard({ question, more, dark, onAnswer }: { question: TaskQuestion; more: number; dark: boolean; onAnswer: (id: number, answer: TaskAnswer) => void }): ReactElement {
  const template = question.shape?.template ?? '{}';
  const [mode, setMode] = useState<'return' | 'throw'>('return');
  const [output, setOutput] = useState(template);
  const [error, setError] = useState('');
  const [cause, setCause] = useState('');
  const parseError = jsonError(output);
  const canSend = mode === 'return' ? parseError === null : error.trim() !== '';
  const send = (): void => {
    if (!canSend) return;
    onAnswer(question.id, mode === 'return' ? { kind: 'return', output } : { kind: 'throw', error: error.trim(), cause });
  };
  return (
    <Card
      tone="ask"
      testId="question-card"
      title={
        <>
          <span className="rp-em">{question.state}</span> asks for its result
        </>
      }
      aside={more > 0 ? <span className="rp-muted">{more} more waiting</span> : undefined}
    >
      <dl className="rp-facts">
        <dt>Resource</dt>
        <dd className="rp-mono" title={question.resource}>
          {question.resource}
        </dd>
        {question.attempt > 0 && (
          <>
            <dt>Attempt</dt>
            <dd>
              {question.attempt + 1} (retry {question.attempt})
            </dd>
          </>
        )}
      </dl>
      <span className="rp-label">Effective input (after InputPath and Parameters)</span>
      <JsonBlock text={question.input} testId="question-input" label="input" />
      <div className="rp-segment" role="radiogroup" aria-label="Answer">
        <button type="button" role="radio" aria-checked={mode === 'return'} className="rp-segment__item" onClick={() => setMode('return')} data-testid="question-return">
          Return a result
        </button>
        <button type="button" role="radio" aria-checked={mode === 'throw'} className="rp-segment__item" onClick={() => setMode('throw')} data-testid="question-throw">
          Throw an error
        </button>
      </div>
      {mode === 'return' ? (
        <>
          {question.shape !== null && <ShapeHint shape={question.shape} />}
          <div className="rp-field__head">
            <span className="rp-label">Task result</span>
            {output !== template && (
              <button type="button" className="rp-link" onClick={() => setOutput(template)} data-testid="question-reset">
                Back to the template
              </button>
            )}
          </div>
          <JsonEditor value={output} onChange={setOutput} dark={dark} label="Task result" testId="question-output" onSubmit={send} minLines={3} maxHeight={260} />
          {parseError !== null && <p className="rp-error">Not valid JSON: {parseError}</p>}
        </>
      ) : (
        <>
          <div className="rp-row">
            <label className="rp-row__label" htmlFor="ask-error">
              Error
            </label>
            <input id="ask-error" className="insp-input" placeholder="e.g. Payment.Declined" value={error} onChange={(e) => setError(e.target.value)} data-testid="question-error" />
          </div>
          <div className="rp-row">
            <label className="rp-row__label" htmlFor="ask-cause">
              Cause
            </label>
            <input id="ask-cause" className="insp-input" placeholder="What went wrong" value={cause} onChange={(e) => setCause(e.target.value)} data-testid="question-cause" />
          </div>
        </>
      )}
      <div className="rp-actions">
        <button type="button" className="button button--primary rp-small" disabled={!canSend} onClick={send} data-testid="question-send">
          {mode === 'return' ? 'Return result' : 'Throw error'}
        </button>
      </div>
    </Card>
  );
}
