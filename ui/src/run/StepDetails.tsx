import { useMemo, useState, type ReactElement } from 'react';
import type { IterationRef } from '../bindings/IterationRef';
import { Card, JsonBlock, StageList, StatePill } from './bits';
import { formatDuration, formatElapsed } from './events';
import { inIteration, visitsOf, type Attempt, type FoldSnapshot, type IterationRecord, type Visit } from './fold';
import { STATE_STATUS_LABEL } from './labels';

export interface StepDetailsProps {
  state: string;
  fold: FoldSnapshot;
  /** The Map item the canvas shows, if one is picked. */
  iteration: IterationRef | null;
  onPickIteration: (ref: IterationRef | null) => void;
  breakpoint: boolean;
  onToggleBreakpoint: (state: string) => void;
  onShowEvents: (state: string) => void;
}

/** A state of the run shown: each visit's input, output, processing stages and error. */
export function StepDetails(props: StepDetailsProps): ReactElement {
  const { state, fold } = props;
  // Visits are appended in place: the fold's version says when to look again.
  const all = useMemo(() => visitsOf(fold, state), [fold.version, state]); // eslint-disable-line react-hooks/exhaustive-deps
  // A picked Map item narrows the visits of the states inside that Map only.
  const iteration = props.iteration !== null && all.some((v) => v.iterations.some((it) => it.map === props.iteration?.map)) ? props.iteration : null;
  const visits = useMemo(() => (iteration === null ? all : all.filter((v) => inIteration(v, iteration))), [all, iteration]);
  const [failedOnly, setFailedOnly] = useState(false);
  const shownVisits = useMemo(() => (failedOnly ? visits.filter((v) => v.status === 'failed' || v.status === 'caught') : visits), [visits, failedOnly]);
  const [pick, setPick] = useState<number | null>(null);
  const index = pick === null ? shownVisits.length - 1 : Math.min(pick, shownVisits.length - 1);
  const visit = shownVisits[index];
  const view = fold.states.get(state);
  const map = fold.maps.get(state);
  const records = fold.iterations.get(state);

  return (
    <div className="rp-step" data-testid="step-details" data-state={state}>
      <header className="rp-step__head">
        <div className="rp-step__title">
          <h3 title={state}>{state}</h3>
          <StatePill status={visit?.status ?? view?.status ?? 'not-reached'} />
        </div>
        <button
          type="button"
          className={props.breakpoint ? 'rp-bp-toggle is-on' : 'rp-bp-toggle'}
          aria-pressed={props.breakpoint}
          onClick={() => props.onToggleBreakpoint(state)}
          title="Pause before this state (F9)"
          data-testid="step-breakpoint"
        >
          <span className="rp-bp-toggle__dot" aria-hidden="true" />
          Breakpoint
        </button>
      </header>

      {visits.length === 0 ? (
        <p className="rp-empty" data-testid="step-not-reached">
          {iteration === null ? 'The run has not reached this state.' : `Item ${iteration.index} of ${iteration.map} did not reach this state.`}
        </p>
      ) : (
        <>
          {visits.length > 1 && (
            <VisitPicker
              count={shownVisits.length}
              total={visits.length}
              index={index}
              onPick={setPick}
              failedOnly={failedOnly}
              onFailedOnly={(on) => {
                setFailedOnly(on);
                setPick(null);
              }}
              hasFailed={visits.some((v) => v.status === 'failed' || v.status === 'caught')}
              summary={visitSummary(visits)}
            />
          )}
          {visit !== undefined && <VisitView visit={visit} onShowEvents={() => props.onShowEvents(state)} />}
        </>
      )}

      {map !== undefined && (
        <IterationPicker map={state} progress={map} records={records ?? []} iteration={iteration} onPick={props.onPickIteration} />
      )}
    </div>
  );
}

function VisitPicker(props: {
  count: number;
  total: number;
  index: number;
  onPick: (i: number) => void;
  failedOnly: boolean;
  onFailedOnly: (on: boolean) => void;
  hasFailed: boolean;
  summary: string | null;
}): ReactElement {
  const { count, index, onPick } = props;
  return (
    <div className="rp-visits" data-testid="visit-picker">
      <button type="button" className="rp-icon" aria-label="Previous visit" disabled={index <= 0} onClick={() => onPick(index - 1)} data-testid="visit-prev">
        ‹
      </button>
      <span className="rp-visits__text" data-testid="visit-label">
        Visit{' '}
        <input
          className="insp-input rp-visits__input"
          type="number"
          min={1}
          max={count}
          value={count === 0 ? 0 : index + 1}
          aria-label="Visit number"
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= count) onPick(n - 1);
          }}
        />{' '}
        of {count.toLocaleString('en-US')}
      </span>
      <button type="button" className="rp-icon" aria-label="Next visit" disabled={index >= count - 1} onClick={() => onPick(index + 1)} data-testid="visit-next">
        ›
      </button>
      {props.summary !== null && <span className="rp-visits__summary">{props.summary}</span>}
      {props.hasFailed && (
        <label className="rp-check rp-visits__failed">
          <input type="checkbox" checked={props.failedOnly} onChange={(e) => props.onFailedOnly(e.target.checked)} />
          Failed only
        </label>
      )}
    </div>
  );
}

function VisitView({ visit, onShowEvents }: { visit: Visit; onShowEvents: () => void }): ReactElement {
  const duration = visit.endMs === null ? null : visit.endMs - visit.startMs;
  const where = visit.iterations.map((i) => `${i.map} item ${i.index}`);
  if (visit.branch !== null) where.push(`branch ${visit.branch + 1}`);
  const stages = visit.stages;
  return (
    <div className="rp-visit" data-testid="visit" data-status={visit.status} data-seq={visit.seq}>
      <dl className="rp-facts">
        <dt>Status</dt>
        <dd>{STATE_STATUS_LABEL[visit.status]}</dd>
        <dt>Started after</dt>
        <dd>{formatElapsed(visit.startMs)}</dd>
        <dt>Duration</dt>
        <dd data-testid="visit-duration">{duration === null ? (visit.status === 'running' ? 'running…' : '—') : formatDuration(duration)}</dd>
        {visit.retries > 0 && (
          <>
            <dt>Retries</dt>
            <dd data-testid="visit-retries">{visit.retries}</dd>
          </>
        )}
        {where.length > 0 && (
          <>
            <dt>In</dt>
            <dd>{where.join(', ')}</dd>
          </>
        )}
        <dt>Events</dt>
        <dd>
          {visit.events.length}{' '}
          <button type="button" className="rp-link" onClick={onShowEvents} data-testid="step-show-events">
            Show in events
          </button>
        </dd>
      </dl>

      {visit.error !== null && (
        <div className="rp-errorbox" data-testid="step-error">
          <div className="rp-errorbox__name">{visit.error}</div>
          {visit.cause !== null && visit.cause !== '' && <pre className="rp-errorbox__cause">{visit.cause}</pre>}
          {visit.status === 'caught' && <div className="rp-errorbox__note">Caught by a Catch: the run went on along the catcher.</div>}
        </div>
      )}

      {visit.attempts !== null && <AttemptList attempts={visit.attempts} />}

      {stages.length > 0 ? (
        <>
          {visit.attempts !== null && <span className="rp-label">Stages of attempt {visit.attempts.length}</span>}
          <StageList stages={stages} testId="stages" itemTestId="stage-value" />
        </>
      ) : (
        <>
          <div className="rp-field">
            <span className="rp-label">Input</span>
            {visit.input === null ? <p className="rp-hint">—</p> : <JsonBlock text={visit.input} testId="step-input" label="input" />}
          </div>
          <div className="rp-field">
            <span className="rp-label">Output</span>
            {visit.output === null ? (
              <p className="rp-hint">{visit.status === 'running' ? 'Not yet: the state is running.' : 'None.'}</p>
            ) : (
              <JsonBlock text={visit.output} testId="step-output" label="output" />
            )}
          </div>
        </>
      )}
      {stages.length > 0 && visit.output !== null && !stages.some((s) => s.stage === 'output') && (
        <div className="rp-field">
          <span className="rp-label">Output</span>
          <JsonBlock text={visit.output} testId="step-output" label="output" />
        </div>
      )}
    </div>
  );
}

const ATTEMPT_LABEL: Record<Attempt['status'], string> = { running: 'running', succeeded: 'succeeded', failed: 'failed', aborted: 'aborted' };

/** Each try of a retried state: when it ran, how it ended, its error, and (for the tries
 * before the last) its stages. */
function AttemptList({ attempts }: { attempts: readonly Attempt[] }): ReactElement {
  return (
    <div className="rp-field">
      <span className="rp-label">Attempts</span>
      <ol className="rp-attempts" data-testid="attempts">
        {attempts.map((a, i) => {
          const last = i === attempts.length - 1;
          return (
            <li key={a.number} className={`rp-attempt rp-attempt--${a.status}`} data-testid="attempt" data-attempt={a.number} data-status={a.status}>
              <div className="rp-attempt__head">
                <span className="rp-attempt__n">Attempt {a.number}</span>
                <span className="rp-attempt__status">{ATTEMPT_LABEL[a.status]}</span>
                <span className="rp-attempt__time">
                  at {formatElapsed(a.startMs)}
                  {a.endMs !== null && ` · took ${formatDuration(a.endMs - a.startMs)}`}
                </span>
              </div>
              {a.error !== null && (
                <div className="rp-attempt__error" data-testid="attempt-error">
                  <span className="rp-attempt__name">{a.error}</span>
                  {a.cause !== null && a.cause !== '' && <span className="rp-attempt__cause">{a.cause}</span>}
                </div>
              )}
              {!last && a.stages.length > 0 && (
                <details className="rp-attempt__stages">
                  <summary>Stages of attempt {a.number}</summary>
                  <StageList stages={a.stages} itemTestId="attempt-stage" />
                </details>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** "11 succeeded, 2 failed" over several visits; `null` when they all went one way. */
function visitSummary(visits: readonly Visit[]): string | null {
  const counts = new Map<Visit['status'], number>();
  for (const v of visits) counts.set(v.status, (counts.get(v.status) ?? 0) + 1);
  if (counts.size < 2) return null;
  return [...counts].map(([status, n]) => `${n.toLocaleString('en-US')} ${STATE_STATUS_LABEL[status].toLowerCase()}`).join(', ');
}

const LIST_MAX = 200;

/** A Map's items: progress, and an item to show on the canvas (its path through the Map). */
function IterationPicker(props: {
  map: string;
  progress: { length: number; started: number; succeeded: number; failed: number; aborted: number };
  records: readonly IterationRecord[];
  iteration: IterationRef | null;
  onPick: (ref: IterationRef | null) => void;
}): ReactElement {
  const { map, progress, records, iteration, onPick } = props;
  const [failedOnly, setFailedOnly] = useState(progress.failed > 0);
  const [typed, setTyped] = useState('');
  const list = useMemo(() => {
    const out: IterationRecord[] = [];
    for (const r of records) {
      if (failedOnly && r.status !== 'failed' && r.status !== 'aborted') continue;
      out.push(r);
      if (out.length >= LIST_MAX) break;
    }
    return out;
  }, [records, failedOnly]);
  const total = Math.max(progress.length, progress.started);
  const picked = iteration?.map === map ? iteration.index : null;
  return (
    <Card title="Items" testId="iteration-picker" aside={<span className="rp-muted">{total.toLocaleString('en-US')} items</span>}>
      <p className="rp-counts">
        <span className="rp-count rp-count--ok">{progress.succeeded.toLocaleString('en-US')} succeeded</span>
        {progress.failed > 0 && <span className="rp-count rp-count--fail">{progress.failed.toLocaleString('en-US')} failed</span>}
        {progress.aborted > 0 && <span className="rp-count">{progress.aborted.toLocaleString('en-US')} aborted</span>}
        {progress.started - progress.succeeded - progress.failed - progress.aborted > 0 && (
          <span className="rp-count rp-count--running">{(progress.started - progress.succeeded - progress.failed - progress.aborted).toLocaleString('en-US')} running</span>
        )}
      </p>
      <form
        className="rp-inline"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(typed);
          if (Number.isInteger(n) && n >= 0) onPick({ map, index: n });
        }}
      >
        <label className="rp-row__label" htmlFor={`item-${map}`}>
          Show item
        </label>
        <input id={`item-${map}`} className="insp-input rp-visits__input" type="number" min={0} value={typed} placeholder="#" onChange={(e) => setTyped(e.target.value)} data-testid="iteration-input" />
        <button type="submit" className="button rp-small" disabled={typed === ''}>
          Show
        </button>
        {picked !== null && (
          <button type="button" className="rp-link" onClick={() => onPick(null)} data-testid="iteration-clear">
            Show all items
          </button>
        )}
      </form>
      {picked !== null && (
        <p className="rp-hint" data-testid="iteration-shown">
          The canvas shows item {picked}’s path through {map}.
        </p>
      )}
      {records.length > 0 && (
        <>
          <label className="rp-check">
            <input type="checkbox" checked={failedOnly} onChange={(e) => setFailedOnly(e.target.checked)} />
            Failed only
          </label>
          <ul className="rp-items" data-testid="iteration-list">
            {list.map((r) => (
              <li key={r.path}>
                <button
                  type="button"
                  className={picked === r.index ? 'rp-item is-picked' : 'rp-item'}
                  data-status={r.status}
                  data-testid="iteration-item"
                  onClick={() => onPick(picked === r.index ? null : { map, index: r.index })}
                >
                  <span className={`rp-item__dot rp-item__dot--${r.status}`} aria-hidden="true" />
                  Item {r.index}
                  <span className="rp-item__time">{r.endMs === null ? '' : formatDuration(r.endMs - r.startMs)}</span>
                </button>
              </li>
            ))}
            {list.length === 0 && <li className="rp-hint">No {failedOnly ? 'failed ' : ''}items.</li>}
          </ul>
        </>
      )}
    </Card>
  );
}
