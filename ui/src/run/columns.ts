/**
 * The event table's columns (AWS's execution history columns) and which of them a table of a
 * given width shows. A narrow dock (a small window, wide side panels) drops the least needed
 * columns rather than scrolling sideways or squeezing every column into an ellipsis: the date
 * first (the elapsed time says when), then the resource, then the elapsed time and the ID. The
 * type and the step always stay; an event's details (error, cause) open under its row and wrap.
 */

export type EventColumn = 'id' | 'type' | 'step' | 'resource' | 'elapsed' | 'date';

interface ColumnSpec {
  id: EventColumn;
  header: string;
  /** Its grid track. */
  track: string;
  /** The smallest width it is drawn at, in px (its track's minimum). */
  min: number;
}

/** In the order they are drawn. */
export const COLUMNS: readonly ColumnSpec[] = [
  { id: 'id', header: 'ID', track: '64px', min: 64 },
  { id: 'type', header: 'Type', track: 'minmax(150px, 1.3fr)', min: 150 },
  // Wide enough for a state's name beside its "attempt N" badge (a retried Task's events).
  { id: 'step', header: 'Step', track: 'minmax(140px, 1.2fr)', min: 140 },
  { id: 'resource', header: 'Resource', track: 'minmax(110px, 1fr)', min: 110 },
  { id: 'elapsed', header: 'Started after', track: '104px', min: 104 },
  { id: 'date', header: 'Date and time', track: '176px', min: 176 },
];

/** Kept first to last: the last ones go first when the table is narrow. */
export const PRIORITY: readonly EventColumn[] = ['type', 'step', 'id', 'elapsed', 'resource', 'date'];

/** The gap between columns and the row's padding on each side (`.et-row` in run.css). */
export const COLUMN_GAP = 12;
export const ROW_PADDING = 12;

/** The width the columns in `shown` need at the least. */
export function neededWidth(shown: readonly EventColumn[]): number {
  const mins = COLUMNS.filter((c) => shown.includes(c.id)).reduce((sum, c) => sum + c.min, 0);
  return mins + COLUMN_GAP * Math.max(0, shown.length - 1) + ROW_PADDING * 2;
}

/**
 * The columns a table `width` px wide shows, in drawing order: the most needed ones that fit
 * at their smallest widths. Type and step are always shown (the table scrolls sideways only
 * when even those two do not fit).
 */
export function visibleColumns(width: number): EventColumn[] {
  const kept: EventColumn[] = [];
  for (const c of PRIORITY) {
    const next = [...kept, c];
    if (kept.length >= 2 && neededWidth(next) > width) break;
    kept.push(c);
  }
  return COLUMNS.filter((c) => kept.includes(c.id)).map((c) => c.id);
}

/** The grid template of the shown columns. */
export function gridTemplate(shown: readonly EventColumn[]): string {
  return COLUMNS.filter((c) => shown.includes(c.id))
    .map((c) => c.track)
    .join(' ');
}
