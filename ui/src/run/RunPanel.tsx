import { useContext, useState, type ReactElement } from 'react';
import type { IterationRef } from '../bindings/IterationRef';
import type { SubstitutionRow } from '../bindings/SubstitutionRow';
import { SaveAsTestContext, suggestedTestName } from '../tests/context';
import { Card, JsonBlock, StatusPill } from './bits';
import type { FoldSnapshot } from './fold';
import { PausedCard, QuestionCard } from './DebugCards';
import { formatDuration } from './events';
import { formatStart, ORIGIN_LABEL } from './labels';
import { RunSetupForm } from './RunSetupForm';
import type { RunSession } from './session';
import { StepDetails } from './StepDetails';
import { PANEL_MS } from './playback';
import { useThrottled } from './throttle';
import './run.css';

export interface RunPanelProps {
  session: RunSession;
  /** The name of the selected state, if exactly one is selected. */
  selected: string | null;
  dark: boolean;
  iteration: IterationRef | null;
  onPickIteration: (ref: IterationRef | null) => void;
  onShowEvents: (state: string) => void;
  /** Selects a state on the canvas (by name). */
  onSelectState: (state: string) => void;
  /** The definition's `${Name}` placeholders: the setup lists them with their values. */
  placeholders?: readonly SubstitutionRow[] | undefined;
}

/**
 * The side panel's Run tab: what the debugger waits for (a Task's answer, a paused state's
 * input), the selected state's visits or the run's summary, and the setup of the next run.
 */
export function RunPanel(props: RunPanelProps): ReactElement {
  const { session, selected, dark } = props;
  const { shown, live } = session;
  const liveHere = live !== null && shown?.live === true && shown.summary.id === live.summary.id;
  const questions = liveHere ? live.questions : [];
  const pause = liveHere ? live.pause : null;
  // With a run shown, its details come first; the next run's setup is one click away.
  const [setupOpen, setSetupOpen] = useState(false);
  const question = questions[0];
  // A state's visits are looked up among all of the run's: a few times a second while it plays.
  const fold = useThrottled(session.view.fold, shown !== null && !session.view.caughtUp ? PANEL_MS : 0);

  return (
    <div className="rp" data-testid="run-panel">
      {question !== undefined && <QuestionCard key={question.id} question={question} more={questions.length - 1} dark={dark} onAnswer={session.answer} />}
      {pause !== null && <PausedCard pause={pause} dark={dark} onResume={session.resume} />}
      <FailureCard session={session} fold={fold} selected={selected} onSelectState={props.onSelectState} />
      {shown !== null && selected !== null && (
        <StepDetails
          key={selected}
          state={selected}
          fold={fold}
          iteration={props.iteration}
          onPickIteration={props.onPickIteration}
          breakpoint={session.breakpoints.has(selected)}
          onToggleBreakpoint={session.toggleBreakpoint}
          onShowEvents={props.onShowEvents}
        />
      )}
      {shown !== null && selected === null && <RunSummaryCard session={session} />}
      {shown === null && !session.ready && <p className="rp-empty">Loading…</p>}
      {session.ready &&
        (shown === null ? (
          <RunSetupForm session={session} dark={dark} placeholders={props.placeholders} />
        ) : (
          <details className="rp-more" open={setupOpen} onToggle={(e) => setSetupOpen(e.currentTarget.open)}>
            <summary className="rp-more__title" data-testid="run-setup-toggle">
              Next run
            </summary>
            {/* Only while open: a closed one would keep a CodeMirror of the input (maybe a
                big one) laid out and re-rendered on every frame of the run. */}
            {setupOpen && <RunSetupForm session={session} dark={dark} placeholders={props.placeholders} />}
          </details>
        ))}
    </div>
  );
}

/**
 * A failed or timed-out run says where and why, whatever state is selected: the state that
 * raised the error (inside the Parallel and Map states it went up through), the run's error
 * and cause, and a button to select that state.
 */
function FailureCard({ session, fold, selected, onSelectState }: { session: RunSession; fold: FoldSnapshot; selected: string | null; onSelectState: (state: string) => void }): ReactElement | null {
  const { shown, status } = session;
  if (shown === null || (status !== 'failed' && status !== 'timedOut')) return null;
  const x = fold.execution;
  const error = x.error ?? shown.summary.error;
  const cause = x.cause ?? shown.summary.cause;
  const at = fold.failure;
  const verb = status === 'timedOut' ? 'Timed out' : 'Failed';
  // The state's own error, when the run reports another (a Map's failure threshold, a timeout).
  const own = at !== null && at.error !== null && at.error !== error ? at : null;
  return (
    <section className="rp-card rp-card--fail" data-testid="run-failure" data-state={at?.state}>
      <header className="rp-card__head">
        <h3 className="rp-card__title">
          {at === null ? (
            `The run ${verb.toLowerCase()}`
          ) : (
            <>
              {verb} at <span className="rp-em" title={at.state}>{at.state}</span>
            </>
          )}
        </h3>
        {at !== null && at.state !== selected && (
          <button type="button" className="button rp-small" onClick={() => onSelectState(at.state)} title={`Select ${at.state} on the canvas`} data-testid="run-failure-show">
            Show state
          </button>
        )}
      </header>
      <div className="rp-card__body">
        {at !== null && at.through.length > 0 && <p className="rp-hint">Inside {at.through.join(' › ')}</p>}
        <div className="rp-errorbox" data-testid="run-error">
          <div className="rp-errorbox__name">{error ?? 'No error name'}</div>
          {cause !== null && cause !== '' && <pre className="rp-errorbox__cause">{cause}</pre>}
        </div>
        {own !== null && (
          <p className="rp-hint" data-testid="run-failure-own">
            {own.state} raised <span className="rp-mono">{own.error}</span>
            {own.cause !== null && own.cause !== '' ? `: ${own.cause}` : ''}
          </p>
        )}
      </div>
    </section>
  );
}

function RunSummaryCard({ session }: { session: RunSession }): ReactElement | null {
  const { shown, status, view } = session;
  const saveAsTest = useContext(SaveAsTestContext);
  if (shown === null || status === null) return null;
  const s = shown.summary;
  const x = view.fold.execution;
  const done = status !== 'running' && status !== 'paused' && status !== 'starting' && status !== 'replaying';
  const output = x.output ?? s.output;
  const error = x.error ?? s.error;
  const cause = x.cause ?? s.cause;
  const duration = s.durationMs ?? x.endMs;
  return (
    <Card
      title={
        <span className="rp-summary__name" title={s.name}>
          {s.name}
        </span>
      }
      aside={<StatusPill status={status} testId="run-summary-status" />}
      testId="run-summary"
    >
      <dl className="rp-facts">
        <dt>Started</dt>
        <dd>{formatStart(s.startedMs)}</dd>
        <dt>Duration</dt>
        <dd data-testid="run-duration">{duration === null ? 'running…' : formatDuration(duration)}</dd>
        <dt>Events</dt>
        <dd>{view.total.toLocaleString('en-US')}</dd>
        <dt>Origin</dt>
        <dd>{s.origin === 'imported' ? 'Imported from AWS' : s.origin === 'server' ? 'Started by an API client' : ORIGIN_LABEL[s.origin]}</dd>
      </dl>
      {done && output !== null && status === 'succeeded' && (
        <div className="rp-field">
          <span className="rp-label">Output</span>
          <JsonBlock text={output} testId="run-output" label="output" />
        </div>
      )}
      {done && error !== null && status !== 'failed' && status !== 'timedOut' && (
        <div className="rp-errorbox" data-testid="run-error">
          <div className="rp-errorbox__name">{error}</div>
          {cause !== null && cause !== '' && <pre className="rp-errorbox__cause">{cause}</pre>}
        </div>
      )}
      <div className="rp-actions">
        {done && saveAsTest !== null && (
          <button
            type="button"
            className="button rp-small"
            onClick={() => saveAsTest(s.id, suggestedTestName(s.status, error))}
            data-testid="run-save-as-test"
            title="Make this run a test: its input, the answers its Tasks got (as mocks) and how it ended"
          >
            Save as test
          </button>
        )}
        {done && s.origin !== 'imported' && s.origin !== 'test' && (status === 'failed' || status === 'timedOut' || status === 'aborted') && (
          <button
            type="button"
            className="button rp-small"
            onClick={session.redrive}
            disabled={session.active}
            title={
              s.origin === 'cloud'
                ? 'Run again here, on this machine, from the state that failed in AWS (the AWS panel redrives it in AWS)'
                : 'Run again from the state that failed (like AWS redrive)'
            }
            data-testid="run-redrive"
          >
            {s.origin === 'cloud' ? 'Redrive here' : 'Redrive'}
          </button>
        )}
        <button type="button" className="button rp-small" onClick={session.exportHistory} disabled={!done} data-testid="history-save" title="Save as AWS get-execution-history JSON">
          Save history…
        </button>
        <button type="button" className="rp-link" onClick={session.closeRun} data-testid="run-close">
          Back to design
        </button>
      </div>
      <p className="rp-hint">Select a state to see its input, output and each processing stage.</p>
    </Card>
  );
}
