import type { ReactElement } from 'react';
import type { IterationRef } from '../bindings/IterationRef';
import { StatusPill } from './bits';
import { SPEED_HINT, SPEED_LABEL } from './labels';
import { SPEEDS } from './playback';
import type { RunSession } from './session';

/** Under the canvas while a run is shown: its status, the playback speed and position. */
export function PlaybackBar({ session, iteration, onClearIteration }: { session: RunSession; iteration: IterationRef | null; onClearIteration: () => void }): ReactElement | null {
  const { shown, status, view, playback } = session;
  if (shown === null || status === null) return null;
  const applied = view.fold.applied;
  return (
    <div className="pb" data-testid="playback-bar" role="toolbar" aria-label="Run playback">
      <StatusPill status={status} testId="run-status" />
      {iteration !== null && (
        <span className="pb-chip" data-testid="iteration-chip">
          {iteration.map} item {iteration.index}
          <button type="button" aria-label="Show all items" onClick={onClearIteration}>
            ×
          </button>
        </span>
      )}
      <div className="rp-segment rp-segment--small" role="radiogroup" aria-label="Playback speed" data-testid="run-speed">
        {SPEEDS.map((s) => (
          <button key={s} type="button" role="radio" aria-checked={session.speed === s} className="rp-segment__item" title={SPEED_HINT[s]} data-speed={s} onClick={() => session.setSpeed(s)}>
            {SPEED_LABEL[s]}
          </button>
        ))}
      </div>
      {session.speed === 'step' && !view.caughtUp && (
        <button type="button" className="button rp-small" onClick={() => playback.next()} title="Show the next state" data-testid="playback-next">
          Next ›
        </button>
      )}
      <input
        className="pb-scrub"
        type="range"
        min={0}
        max={Math.max(1, view.total)}
        value={applied}
        aria-label="Playback position"
        aria-valuetext={`${applied} of ${view.total} events`}
        onChange={(e) => playback.seek(Number(e.target.value))}
        data-testid="playback-scrubber"
      />
      <span className="pb-pos" title="Events shown">
        {applied.toLocaleString('en-US')}/{view.total.toLocaleString('en-US')}
      </span>
      {view.caughtUp ? (
        <button type="button" className="rp-icon" title="Replay from the start" aria-label="Replay" onClick={() => playback.seek(0)} data-testid="playback-replay">
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
            <path d="M2.5 7a4.5 4.5 0 1 0 1.3-3.2" />
            <path d="M2.5 1.8v2.6h2.6" />
          </svg>
        </button>
      ) : (
        <button type="button" className="rp-icon" title="Show everything now" aria-label="Skip to the end" onClick={() => playback.finish()} data-testid="playback-finish">
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" fill="currentColor">
            <path d="M2 2.8v8.4l5.6-4.2zM7.2 2.8v8.4l5.2-4.2z" />
            <rect x="12" y="2.8" width="1.3" height="8.4" rx=".6" />
          </svg>
        </button>
      )}
      {!session.active && (
        <button type="button" className="rp-icon" title="Back to design" aria-label="Close the run" onClick={session.closeRun} data-testid="playback-close">
          <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
            <path d="M3 3l6 6M9 3 3 9" />
          </svg>
        </button>
      )}
    </div>
  );
}
