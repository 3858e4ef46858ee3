import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { useThrottled } from './throttle';
import { formatDuration, formatElapsed } from './events';
import type { FoldSnapshot } from './fold';
import { STATE_STATUS_LABEL } from './labels';
import { attemptSummary } from './attempts';
import { attemptSegments, mergeBars, tickStep, ticks, timelineRows, timelineSpan, type Bar } from './timeline';

const ROW = 24;
const LABEL = 188;
const AXIS = 24;
const PAD_RIGHT = 16;

export interface TimelineProps {
  fold: FoldSnapshot;
  /** Milliseconds into the run of the latest event shown (running bars end there). */
  nowMs: number;
  selected: string | null;
  onSelectState: (state: string) => void;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A visit's bar (or several visits', merged at the drawing's resolution). */
function VisitBar({ state, bar: b, x, y }: { state: string; bar: Bar; x: (ms: number) => number; y: number }): ReactElement {
  return (
    <rect
      className={`tl-bar tl-bar--${b.status}`}
      x={x(b.start)}
      y={y + 5}
      width={Math.max(2, x(b.end) - x(b.start))}
      height={ROW - 10}
      rx={3}
      data-testid="timeline-bar"
      data-status={b.status}
    >
      <title>
        {b.count > 1
          ? `${state}: ${b.count} visits, ${formatElapsed(b.start)} – ${formatElapsed(b.end)} (${STATE_STATUS_LABEL[b.status]})`
          : `${state}: ${formatDuration(b.end - b.start)} from ${formatElapsed(b.start)} (${STATE_STATUS_LABEL[b.status]})`}
      </title>
    </rect>
  );
}

/** Room a try's label needs after its segment. */
const ATTEMPT_LABEL_PX = 18;

/**
 * A retried visit: a thin track from entered to exited (the backoffs between tries) and a
 * segment per try, coloured by how it ended and numbered, its error in its tooltip.
 */
function AttemptBar({ state, bar, nowMs, x, y }: { state: string; bar: Bar; nowMs: number; x: (ms: number) => number; y: number }): ReactElement {
  const segments = attemptSegments(bar, nowMs);
  return (
    <g data-testid="timeline-attempts" data-seq={bar.seq}>
      <rect className={`tl-track tl-track--${bar.status}`} x={x(bar.start)} y={y + ROW / 2 - 2} width={Math.max(2, x(bar.end) - x(bar.start))} height={4} rx={2}>
        <title>{`${state}: ${segments.length} attempts, ${formatDuration(bar.end - bar.start)} from ${formatElapsed(bar.start)} (${STATE_STATUS_LABEL[bar.status]})`}</title>
      </rect>
      {segments.map((seg, i) => {
        const left = x(seg.start);
        const width = Math.max(3, x(seg.end) - left);
        const next = segments[i + 1];
        const room = (next === undefined ? Infinity : x(next.start)) - (left + width);
        const inside = width >= ATTEMPT_LABEL_PX + 4;
        return (
          <g key={seg.attempt.number} data-testid="timeline-attempt" data-attempt={seg.attempt.number} data-status={seg.attempt.status}>
            <rect className={`tl-bar tl-bar--${seg.attempt.status === 'failed' ? 'failed' : seg.attempt.status}`} x={left} y={y + 5} width={width} height={ROW - 10} rx={3}>
              <title>{attemptSummary(state, seg.attempt, segments.length, formatDuration)}</title>
            </rect>
            {(inside || room >= ATTEMPT_LABEL_PX) && (
              <text className={inside ? 'tl-attempt-label is-inside' : 'tl-attempt-label'} x={inside ? left + 4 : left + width + 3} y={y + ROW / 2 + 3.5}>
                #{seg.attempt.number}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

/** The Gantt of the run: a row per state, a bar per visit from entered to exited (a segment
 * per try when it was retried). */
export function Timeline({ fold, nowMs, selected, onSelectState }: TimelineProps): ReactElement {
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const measure = (): void => setWidth(Math.max(320, el.clientWidth));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Visits grow in place: the fold's version says when to look again; while a big run plays,
  // at most a few times a second (a row per state, but a bar per visit to sort out).
  const version = useThrottled(fold.version, fold.visits.length > 2000 ? 300 : 0);
  const rows = useMemo(() => timelineRows(fold.visits, nowMs), [version]); // eslint-disable-line react-hooks/exhaustive-deps
  const span = timelineSpan(rows, fold.execution.endMs);
  const chart = Math.max(100, width - LABEL - PAD_RIGHT);
  const x = (ms: number): number => LABEL + (ms / span) * chart;
  const msPerPx = span / chart;
  const tickCount = Math.max(2, Math.floor(chart / 90));
  const axis = ticks(span, tickCount);
  const step = tickStep(span, tickCount);
  // Runs on virtual time can be over in a millisecond: ticks then need their decimals.
  const tickLabel = (t: number): string => (step < 1 ? `${t.toFixed(step < 0.1 ? 2 : 1)} ms` : formatElapsed(t));

  if (rows.length === 0) {
    return (
      <div className="tl" ref={host} data-testid="timeline">
        <p className="rp-empty">No state has run yet.</p>
      </div>
    );
  }

  const height = AXIS + rows.length * ROW + 8;
  return (
    <div className="tl" ref={host} data-testid="timeline">
      <svg width={width} height={height} className="tl-svg" role="img" aria-label="Timeline of state durations">
        {axis.map((t) => (
          <g key={t} className="tl-tick">
            <line x1={x(t)} x2={x(t)} y1={AXIS - 4} y2={height} />
            <text x={x(t)} y={AXIS - 9} textAnchor={t === 0 ? 'start' : 'middle'}>
              {tickLabel(t)}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const y = AXIS + i * ROW;
          const bars = mergeBars(row.bars, msPerPx);
          const visits = row.bars.length;
          return (
            <g
              key={row.state}
              className={row.state === selected ? 'tl-row is-selected' : 'tl-row'}
              data-testid="timeline-row"
              data-state={row.state}
              onClick={() => onSelectState(row.state)}
            >
              <rect className="tl-row__bg" x={0} y={y} width={width} height={ROW} />
              <text className="tl-label" x={12 + Math.min(row.depth, 4) * 10} y={y + ROW / 2 + 4}>
                {clip(row.state, visits > 1 ? 19 : 25)}
                <title>{row.state}</title>
              </text>
              {bars.map((b) =>
                b.attempts !== null && b.count === 1 ? (
                  <AttemptBar key={`${b.seq}-attempts`} state={row.state} bar={b} nowMs={nowMs} x={x} y={y} />
                ) : (
                  <VisitBar key={`${b.seq}-${b.status}`} state={row.state} bar={b} x={x} y={y} />
                ),
              )}
              {visits > 1 && (
                <text className="tl-visits" x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end">
                  ×{visits.toLocaleString('en-US')}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
