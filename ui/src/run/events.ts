/**
 * The event table's logic: AWS's columns, groups of event types, and filtering that extends
 * its last result as a live run appends events (not re-scanning 40,000 rows every frame).
 */
import type { EventKind } from '../bindings/EventKind';
import type { RunEvent } from '../bindings/RunEvent';
import { isFlowEvent, isTaskEvent, outcomeOf } from './kinds';

export type EventGroup = 'all' | 'states' | 'tasks' | 'flow' | 'errors' | 'execution';

export const EVENT_GROUPS: ReadonlyArray<{ id: EventGroup; label: string }> = [
  { id: 'all', label: 'All' },
  { id: 'states', label: 'States' },
  { id: 'tasks', label: 'Tasks' },
  { id: 'flow', label: 'Map & Parallel' },
  { id: 'errors', label: 'Errors' },
  { id: 'execution', label: 'Execution' },
];

export interface EventFilter {
  group: EventGroup;
  /** Only the events of this state. */
  state: string | null;
  /** Text to find in the type, step, resource, error, cause or id. */
  text: string;
}

export const NO_FILTER: EventFilter = { group: 'all', state: null, text: '' };

/** A failure, a timeout or an abort, of anything. */
export function isErrorKind(kind: EventKind): boolean {
  const o = outcomeOf(kind);
  return o === 'failed' || o === 'aborted';
}

export function inGroup(kind: EventKind, group: EventGroup): boolean {
  switch (group) {
    case 'all':
      return true;
    case 'states':
      return kind.is === 'stateEntered' || kind.is === 'stateExited';
    case 'tasks':
      return isTaskEvent(kind);
    case 'flow':
      return isFlowEvent(kind);
    case 'errors':
      return isErrorKind(kind);
    case 'execution':
      return kind.is === 'execution';
  }
}

export function matches(e: RunEvent, f: EventFilter, needle: string = f.text.trim().toLowerCase()): boolean {
  if (!inGroup(e.kind, f.group)) return false;
  if (f.state !== null && e.state !== f.state) return false;
  if (needle === '') return true;
  return (
    e.type.toLowerCase().includes(needle) ||
    (e.state?.toLowerCase().includes(needle) ?? false) ||
    (e.resource?.toLowerCase().includes(needle) ?? false) ||
    (e.error?.toLowerCase().includes(needle) ?? false) ||
    (e.cause?.toLowerCase().includes(needle) ?? false) ||
    String(e.id) === needle
  );
}

export function sameFilter(a: EventFilter, b: EventFilter): boolean {
  return a.group === b.group && a.state === b.state && a.text === b.text;
}

export interface FilterResult {
  filter: EventFilter;
  events: readonly RunEvent[];
  /** Events looked at. */
  count: number;
  /** Indexes of the matching events. */
  rows: number[];
}

/** The rows of `events[0..count)` matching `filter`, extending `prev` when it still applies. */
export function filterEvents(
  events: readonly RunEvent[],
  count: number,
  filter: EventFilter,
  prev: FilterResult | null = null,
): FilterResult {
  const reuse = prev !== null && prev.events === events && prev.count <= count && sameFilter(prev.filter, filter);
  const rows = reuse ? prev.rows.slice() : [];
  const from = reuse ? prev.count : 0;
  const all = filter.group === 'all' && filter.state === null && filter.text.trim() === '';
  const needle = filter.text.trim().toLowerCase();
  for (let i = from; i < count; i++) {
    const e = events[i];
    if (e !== undefined && (all || matches(e, filter, needle))) rows.push(i);
  }
  return { filter, events, count, rows };
}

/** "Started after" as the console shows it: 0 ms, 245 ms, 1.5 s, 2 min 5 s. */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1).replace(/\.?0+$/, '')} s`;
  const min = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  if (min < 60) return s === 0 ? `${min} min` : `${min} min ${s} s`;
  const h = Math.floor(min / 60);
  return `${h} h ${min % 60} min`;
}

/** A duration for summaries (same shape as "Started after"). */
export const formatDuration = formatElapsed;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jan 15, 2026, 09:30:00.123" in local time; the text as written when it does not parse.
 * (No toLocaleString: it is slow enough to show in a profile of a scrolling table.) */
export function formatTimestamp(ts: string): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  return `${MONTHS[d.getMonth()] ?? ''} ${d.getDate()}, ${d.getFullYear()}, ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/**
 * The event's details for the expanded row: AWS's details object with its input and output
 * put back (Rust sends those in fields of their own, not twice), pretty; else the fields.
 */
export function detailsText(e: RunEvent): string {
  if (e.details !== null) {
    const details = tryParse(e.details);
    if (typeof details !== 'object' || details === null || Array.isArray(details)) return e.details;
    const o: Record<string, unknown> = { ...(details as Record<string, unknown>) };
    if (e.input !== null) o.input = tryParse(e.input);
    if (e.output !== null) o.output = tryParse(e.output);
    return JSON.stringify(o, null, 2);
  }
  const o: Record<string, unknown> = {};
  if (e.input !== null) o.input = tryParse(e.input);
  if (e.output !== null) o.output = tryParse(e.output);
  if (e.error !== null) o.error = e.error;
  if (e.cause !== null) o.cause = tryParse(e.cause);
  if (e.resource !== null) o.resource = e.resource;
  if (e.length !== null) o.length = e.length;
  return Object.keys(o).length === 0 ? '' : JSON.stringify(o, null, 2);
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A tone for the type column: failures red, successes green, the rest plain. */
export function eventTone(kind: EventKind): 'error' | 'ok' | 'plain' {
  if (isErrorKind(kind)) return 'error';
  if (outcomeOf(kind) === 'succeeded') return 'ok';
  return 'plain';
}
