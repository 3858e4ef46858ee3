import type { ReactElement } from 'react';
import type { RunSummary } from '../bindings/RunSummary';
import { StatusPill } from './bits';
import { formatDuration } from './events';
import { formatStart, ORIGIN_LABEL } from './labels';

export interface RunsListProps {
  runs: readonly RunSummary[];
  /** The run on the canvas. */
  shownId: string | null;
  /** A run is going on: others open once it ends. */
  busy: boolean;
  onOpen: (id: string) => void;
  onDelete: (id: string) => void;
  onImport: () => void;
}


/** The runs kept for this file, newest first: open one to inspect it on the canvas. */
export function RunsList({ runs, shownId, busy, onOpen, onDelete, onImport }: RunsListProps): ReactElement {
  return (
    <div className="rl" data-testid="runs-list">
      <div className="rl-bar">
        <span className="rl-title">{runs.length === 0 ? 'No runs yet' : `${runs.length} run${runs.length === 1 ? '' : 's'} of this file`}</span>
        <button type="button" className="button rp-small" onClick={onImport} data-testid="history-open" title="Open a history exported from AWS (get-execution-history JSON) and replay it">
          Open history…
        </button>
      </div>
      {runs.length === 0 ? (
        <p className="rp-empty">Runs of this file are kept here. Press Run (F5), or open a history exported from AWS.</p>
      ) : (
        <table className="rl-table">
          <thead>
            <tr>
              <th>Status</th>
              <th>Name</th>
              <th>Started</th>
              <th className="et-num">Duration</th>
              <th className="et-num">Events</th>
              <th>Origin</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr
                key={r.id}
                className={r.id === shownId ? 'rl-row is-shown' : 'rl-row'}
                data-testid="run-item"
                data-run-id={r.id}
                data-status={r.status}
                onClick={() => !busy && onOpen(r.id)}
                aria-disabled={busy && r.id !== shownId}
              >
                <td>
                  <StatusPill status={r.status} />
                </td>
                <td className="rl-name" title={r.name}>
                  {r.name}
                  {r.error !== null && <span className="rl-error" title={r.cause ?? undefined}> · {r.error}</span>}
                </td>
                <td>{formatStart(r.startedMs)}</td>
                <td className="et-num">{r.durationMs === null ? '—' : formatDuration(r.durationMs)}</td>
                <td className="et-num">{r.eventCount.toLocaleString('en-US')}</td>
                <td>{ORIGIN_LABEL[r.origin]}</td>
                <td className="rl-actions">
                  <button
                    type="button"
                    className="rp-icon rp-icon--danger"
                    aria-label={`Delete run ${r.name}`}
                    title="Delete this run"
                    disabled={busy && r.id === shownId}
                    onClick={(e) => {
                      e.stopPropagation();
                      onDelete(r.id);
                    }}
                    data-testid="run-delete"
                  >
                    <svg width="13" height="13" viewBox="0 0 14 14" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round">
                      <path d="M2.5 4h9M5.5 4V2.6h3V4M3.6 4l.6 7.6h5.6l.6-7.6" />
                    </svg>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
