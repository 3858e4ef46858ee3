import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactElement } from 'react';
import type { RunEvent } from '../bindings/RunEvent';
import { attemptLabels, attemptSummary, type AttemptLabel } from './attempts';
import { COLUMNS, gridTemplate, neededWidth, visibleColumns, type EventColumn } from './columns';
import { detailsText, EVENT_GROUPS, eventTone, filterEvents, formatDuration, formatElapsed, formatTimestamp, type EventFilter, type FilterResult } from './events';
import type { FoldSnapshot } from './fold';

export const ROW_HEIGHT = 28;
export const DETAIL_HEIGHT = 220;
/** Rows drawn above and below the visible ones. */
const OVERSCAN = 8;

export interface EventTableProps {
  events: readonly RunEvent[];
  /** Events shown so far (playback). */
  count: number;
  filter: EventFilter;
  onFilter: (filter: EventFilter) => void;
  /** State names for the step filter. */
  states: readonly string[];
  onSelectState: (state: string) => void;
  /** The fold of the events shown: it labels the tries of retried states. */
  fold?: FoldSnapshot | null;
}

/** The rows to draw for a scroll position: a window of the filtered rows. */
export function visibleRange(rows: number, scrollTop: number, height: number, expandedAt: number | null): { from: number; to: number } {
  // Rows below the expanded one sit DETAIL_HEIGHT lower.
  const rowAt = (y: number): number => {
    if (expandedAt !== null && y > (expandedAt + 1) * ROW_HEIGHT) {
      const below = y - DETAIL_HEIGHT;
      return Math.max(expandedAt + 1, Math.floor(below / ROW_HEIGHT));
    }
    return Math.floor(y / ROW_HEIGHT);
  };
  const from = Math.max(0, rowAt(scrollTop) - OVERSCAN);
  const to = Math.min(rows, rowAt(scrollTop + height) + 1 + OVERSCAN);
  return { from, to };
}

/**
 * The execution's events with AWS's history columns, filterable; a row opens to show the
 * event's details. Virtualised (only the rows in view are in the DOM), so it stays smooth
 * at 40,000 events; while a run plays it follows the newest event unless scrolled up.
 */
export function EventTable({ events, count, filter, onFilter, states, onSelectState, fold = null }: EventTableProps): ReactElement {
  // Retried visits grow in place: the fold's version says when to look again.
  const attempts = useMemo(() => attemptLabels(fold?.retried ?? []), [fold?.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const cache = useRef<FilterResult | null>(null);
  const result = useMemo(() => {
    const r = filterEvents(events, count, filter, cache.current);
    cache.current = r;
    return r;
  }, [events, count, filter]);
  const rows = result.rows;

  const [expanded, setExpanded] = useState<number | null>(null);
  const stick = useRef(true);
  const toggle = useCallback((index: number) => {
    // The row the user opened stays where it is: following the newest events would scroll it
    // (and its details) away.
    stick.current = false;
    setExpanded((x) => (x === index ? null : index));
  }, []);
  const expandedAt = expanded === null ? null : rows.indexOf(expanded);
  const body = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 400 });
  // The columns that fit the table's width (see columns.ts); one string, so rows keep their props.
  const [colKey, setColKey] = useState(() => visibleColumns(Infinity).join(' '));
  const cols = useMemo(() => colKey.split(' ') as EventColumn[], [colKey]);

  useEffect(() => {
    const el = body.current;
    if (el === null) return;
    const measure = (): void => {
      setScroll({ top: el.scrollTop, height: el.clientHeight || 400 });
      if (el.clientWidth > 0) setColKey(visibleColumns(el.clientWidth).join(' '));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const total = rows.length * ROW_HEIGHT + (expandedAt !== null && expandedAt >= 0 ? DETAIL_HEIGHT : 0);
  // Following the newest events (at the bottom), the scroll position is known without asking
  // the DOM: reading scrollHeight each frame forced a layout and a second render.
  const bottom = Math.max(0, total + ROW_HEIGHT - scroll.height);
  const top = stick.current ? bottom : scroll.top;
  useLayoutEffect(() => {
    const el = body.current;
    if (el !== null && stick.current && Math.abs(el.scrollTop - bottom) > 1) el.scrollTop = bottom;
  }, [bottom]);
  // An opened row whose details would fall below a short dock comes up to the top of it.
  const openedAt = expandedAt !== null && expandedAt >= 0 ? expandedAt : null;
  useLayoutEffect(() => {
    const el = body.current;
    if (el === null || openedAt === null) return;
    const rowTop = openedAt * ROW_HEIGHT;
    // The sticky header takes the first row's height.
    if (rowTop + ROW_HEIGHT * 2 + DETAIL_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = rowTop;
    // Only when a row opens, not as rows stream in.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expanded]);

  const at = expandedAt !== null && expandedAt >= 0 ? expandedAt : null;
  const { from, to } = visibleRange(rows.length, Math.max(0, top - ROW_HEIGHT), scroll.height, at);
  const topOf = (i: number): number => i * ROW_HEIGHT + (at !== null && i > at ? DETAIL_HEIGHT : 0);

  const drawn: ReactElement[] = [];
  for (let i = from; i < to; i++) {
    const index = rows[i];
    const e = index === undefined ? undefined : events[index];
    if (e === undefined || index === undefined) continue;
    const open = expanded === index;
    drawn.push(
      <EventRow
        key={index}
        event={e}
        top={topOf(i)}
        open={open}
        index={index}
        cols={cols}
        onToggle={toggle}
        onSelectState={onSelectState}
        attempt={attempts.get(index)}
      />,
    );
    if (open) {
      drawn.push(
        <div key={`d${index}`} className="et-detail" style={{ top: topOf(i) + ROW_HEIGHT, height: DETAIL_HEIGHT }} data-testid="event-detail">
          <pre>{detailsText(e) || 'No details.'}</pre>
        </div>,
      );
    }
  }

  return (
    <div
      className="et"
      data-testid="event-table"
      data-columns={colKey}
      style={{ '--et-cols': gridTemplate(cols), '--et-min': `${neededWidth(cols)}px` } as CSSProperties}
    >
      <div className="et-filters" role="toolbar" aria-label="Filter events">
        <div className="rp-segment rp-segment--small" role="radiogroup" aria-label="Event types">
          {EVENT_GROUPS.map((g) => (
            <button
              key={g.id}
              type="button"
              role="radio"
              aria-checked={filter.group === g.id}
              className="rp-segment__item"
              onClick={() => onFilter({ ...filter, group: g.id })}
              data-testid={`event-group-${g.id}`}
            >
              {g.label}
            </button>
          ))}
        </div>
        <select
          className="insp-select et-state"
          aria-label="Step"
          value={filter.state ?? ''}
          onChange={(e) => onFilter({ ...filter, state: e.target.value === '' ? null : e.target.value })}
          data-testid="event-state-filter"
        >
          <option value="">All steps</option>
          {filter.state !== null && !states.includes(filter.state) && <option value={filter.state}>{filter.state}</option>}
          {states.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <input
          className="insp-input et-search"
          type="search"
          placeholder="Find type, step, resource, error…"
          aria-label="Find in events"
          value={filter.text}
          onChange={(e) => onFilter({ ...filter, text: e.target.value })}
          data-testid="event-search"
        />
        <span className="et-count" data-testid="event-count">
          {rows.length === count ? `${count.toLocaleString('en-US')} events` : `${rows.length.toLocaleString('en-US')} of ${count.toLocaleString('en-US')}`}
        </span>
      </div>
      <div
        className="et-body"
        ref={body}
        role="rowgroup"
        onScroll={(ev) => {
          const el = ev.currentTarget;
          stick.current = el.scrollTop >= bottom - 4;
          const next = { top: el.scrollTop, height: el.clientHeight || 400 };
          setScroll((s) => (s.top === next.top && s.height === next.height ? s : next));
        }}
      >
        <div className="et-head" role="row">
          {COLUMNS.filter((c) => cols.includes(c.id)).map((c) => (
            <span key={c.id} role="columnheader" className={c.id === 'elapsed' ? 'et-num' : undefined} data-column={c.id}>
              {c.header}
            </span>
          ))}
        </div>
        {rows.length === 0 ? (
          <p className="rp-empty et-empty">{count === 0 ? 'No events yet.' : 'No event matches the filter.'}</p>
        ) : (
          <div className="et-sizer" style={{ height: total }}>
            {drawn}
          </div>
        )}
      </div>
    </div>
  );
}

const EventRow = memo(EventRowView);

function EventRowView({
  event: e,
  top,
  open,
  index,
  cols,
  onToggle,
  onSelectState,
  attempt,
}: {
  event: RunEvent;
  top: number;
  open: boolean;
  onToggle: (index: number) => void;
  index: number;
  cols: readonly EventColumn[];
  onSelectState: (s: string) => void;
  attempt?: AttemptLabel | undefined;
}): ReactElement {
  const tone = eventTone(e.kind);
  const shows = (c: EventColumn): boolean => cols.includes(c);
  const failure = e.error === null ? e.type : `${e.type}: ${e.error}${e.cause !== null && e.cause !== '' ? ` — ${e.cause}` : ''}`;
  return (
    <div
      className={open ? 'et-row is-open' : 'et-row'}
      style={{ top, height: ROW_HEIGHT }}
      role="row"
      aria-expanded={open}
      tabIndex={0}
      data-testid="event-row"
      data-event-id={e.id}
      data-type={e.type}
      data-state={e.state ?? undefined}
      onClick={() => onToggle(index)}
      onKeyDown={(k) => {
        if (k.key === 'Enter' || k.key === ' ') {
          k.preventDefault();
          onToggle(index);
        }
      }}
    >
      {shows('id') && (
        <span role="cell" className="et-id">
          <span className="et-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {e.child ? `↳${e.id}` : e.id}
        </span>
      )}
      <span role="cell" className={`et-type et-type--${tone}`} title={failure}>
        {e.type}
      </span>
      <span role="cell" className="et-step">
        {e.state !== null && (
          <button
            type="button"
            className="et-step__link"
            title={`Select ${e.state} on the canvas`}
            onClick={(ev) => {
              ev.stopPropagation();
              if (e.state !== null) onSelectState(e.state);
            }}
          >
            {e.state}
          </button>
        )}
        {e.iterations.length > 0 && <span className="et-where">#{e.iterations[e.iterations.length - 1]?.index}</span>}
        {attempt !== undefined && (
          <span
            className={`et-attempt et-attempt--${attempt.attempt.status}`}
            title={attemptSummary(e.state ?? '', attempt.attempt, attempt.of, formatDuration)}
            data-testid="event-attempt"
            data-attempt={attempt.number}
          >
            attempt {attempt.number}
          </span>
        )}
      </span>
      {shows('resource') && (
        <span role="cell" className="et-resource" title={e.resource ?? undefined}>
          {e.resource ?? ''}
        </span>
      )}
      {shows('elapsed') && (
        <span role="cell" className="et-num">
          {formatElapsed(e.elapsedMs)}
        </span>
      )}
      {shows('date') && (
        <span role="cell" className="et-date">
          {formatTimestamp(e.timestamp)}
        </span>
      )}
    </div>
  );
}
