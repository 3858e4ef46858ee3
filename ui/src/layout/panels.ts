/**
 * The workbench's panel sizes: the palette (left), the side panel (right) and the bottom dock.
 * What the user asked for (dragged sizes, collapsed panels) is remembered as is; what is drawn
 * is that request clamped to the workbench's box, so a size remembered from a big window never
 * hides the canvas in a small one, and the big window gets it back.
 */

export type PanelId = 'palette' | 'side' | 'dock';

export const PANELS: readonly PanelId[] = ['palette', 'side', 'dock'];

/**
 * The dock remembers two heights: one for the Problems tab, which mostly holds a line or two
 * while designing, and one for the run's tabs (events, timeline, runs), which want rows.
 */
export type DockKind = 'problems' | 'run';
export type SizeKey = 'palette' | 'side' | 'dock' | 'problems';
const SIZE_KEYS: readonly SizeKey[] = ['palette', 'side', 'dock', 'problems'];

/** What the user asked for. A size left out follows the window (see `defaultSize`). */
export interface PanelRequest {
  sizes: Partial<Record<SizeKey, number>>;
  collapsed: Record<PanelId, boolean>;
}

/** What is drawn: sizes in CSS pixels, and which panels show only their rail or tab strip. */
export interface PanelLayout {
  palette: number;
  side: number;
  dock: number;
  collapsed: Record<PanelId, boolean>;
}

export interface Box {
  width: number;
  height: number;
}

/** Width of a folded palette or side panel: a rail with the button that unfolds it. */
export const RAIL = 32;
/** Height of a folded dock: its tab strip. */
export const DOCK_BAR = 34;
/** The dock's smallest open height for the run's tabs: the tabs, a filter row, a few rows. */
export const DOCK_MIN = 140;
/** ...and for the Problems tab: the tabs and two problems. */
export const PROBLEMS_MIN = 96;
/** The canvas keeps at least this share of the workbench's width... */
export const CANVAS_WIDTH_SHARE = 0.5;
/** ...and of its height. */
export const CANVAS_HEIGHT_SHARE = 0.4;

export const LIMITS: Record<SizeKey, { min: number; max: number }> = {
  palette: { min: 150, max: 360 },
  side: { min: 280, max: 760 },
  dock: { min: DOCK_MIN, max: 2000 },
  problems: { min: PROBLEMS_MIN, max: 2000 },
};

/** Dragged below this share of its smallest size, a panel folds. */
const FOLD_SHARE = 0.5;

export const NOTHING_COLLAPSED: Record<PanelId, boolean> = { palette: false, side: false, dock: false };

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * A panel's size before the user drags it. The palette and the side panel are narrower in a
 * small window (at 1024 px wide they leave the canvas more than half). The run's dock takes a
 * third of the height, at most 280 px: enough rows of events to read, with the diagram above
 * still legible; the Problems tab a sixth, at most 150 px.
 */
export function defaultSize(panel: SizeKey, box: Box): number {
  switch (panel) {
    case 'palette':
      return Math.round(clamp(box.width * 0.175, 170, 212));
    case 'side':
      return Math.round(clamp(box.width * 0.31, 300, 372));
    case 'dock':
      return Math.round(clamp(box.height * 0.34, DOCK_MIN, 280));
    case 'problems':
      return Math.round(clamp(box.height * 0.17, PROBLEMS_MIN, 150));
  }
}

const dockKey = (kind: DockKind): SizeKey => (kind === 'problems' ? 'problems' : 'dock');

/** The widest the palette and the side panel may be together: the canvas keeps its share. */
function sideBudget(box: Box): number {
  return Math.max(0, box.width - Math.round(box.width * CANVAS_WIDTH_SHARE));
}

/** The tallest the dock may be. */
export function dockMax(box: Box): number {
  return Math.max(DOCK_BAR, Math.floor(box.height * (1 - CANVAS_HEIGHT_SHARE)));
}

/**
 * The sizes drawn in `box` for a request. Open side panels are held to their limits, then,
 * when together they would take more than the canvas leaves them, both give up room in
 * proportion to what they have above their smallest size; when even their smallest sizes do not
 * fit, the palette folds to its rail (in this box only: the request stays), and the side panel
 * takes what is left.
 */
export function resolveLayout(request: PanelRequest, box: Box, dockKind: DockKind = 'run'): PanelLayout {
  const collapsed = { ...request.collapsed };
  const want = (p: SizeKey): number => clamp(request.sizes[p] ?? defaultSize(p, box), LIMITS[p].min, LIMITS[p].max);
  let palette = collapsed.palette ? RAIL : want('palette');
  let side = collapsed.side ? RAIL : want('side');
  const budget = sideBudget(box);
  if (palette + side > budget) {
    const pRoom = collapsed.palette ? 0 : palette - LIMITS.palette.min;
    const sRoom = collapsed.side ? 0 : side - LIMITS.side.min;
    const excess = palette + side - budget;
    if (pRoom + sRoom >= excess) {
      const pCut = Math.round((excess * pRoom) / (pRoom + sRoom));
      palette -= pCut;
      side -= excess - pCut;
    } else {
      palette -= pRoom;
      side -= sRoom;
      if (!collapsed.palette && palette + side > budget) {
        collapsed.palette = true;
        palette = RAIL;
      }
      side = Math.max(collapsed.side ? RAIL : 0, Math.min(side, budget - palette));
    }
  }
  const dock = collapsed.dock ? DOCK_BAR : Math.min(want(dockKey(dockKind)), dockMax(box));
  return { palette, side, dock, collapsed };
}

/** The range a panel's splitter moves it through in `box`, the other panels as they are drawn. */
export function sizeRange(panel: PanelId, layout: PanelLayout, box: Box, dockKind: DockKind = 'run'): { min: number; max: number } {
  if (panel === 'dock') return { min: Math.min(LIMITS[dockKey(dockKind)].min, dockMax(box)), max: dockMax(box) };
  const { min } = LIMITS[panel];
  const other = panel === 'palette' ? layout.side : layout.palette;
  const max = Math.min(LIMITS[panel].max, sideBudget(box) - other);
  return { min: Math.min(min, max), max: Math.max(0, max) };
}

/**
 * The request after the user dragged (or stepped with the keyboard) `panel` to `size` pixels:
 * below half its smallest size it folds (keeping the size it had, to unfold to); otherwise it
 * unfolds and takes `size`, held to what the box allows now.
 */
export function resizeTo(request: PanelRequest, panel: PanelId, size: number, box: Box, dockKind: DockKind = 'run'): PanelRequest {
  const layout = resolveLayout(request, box, dockKind);
  const range = sizeRange(panel, layout, box, dockKind);
  const key = panel === 'dock' ? dockKey(dockKind) : panel;
  if (size < LIMITS[key].min * FOLD_SHARE) {
    return { sizes: request.sizes, collapsed: { ...request.collapsed, [panel]: true } };
  }
  const next = Math.round(clamp(size, range.min, range.max));
  return { sizes: { ...request.sizes, [key]: next }, collapsed: { ...request.collapsed, [panel]: false } };
}

export function setCollapsed(request: PanelRequest, panel: PanelId, collapsed: boolean): PanelRequest {
  if (request.collapsed[panel] === collapsed) return request;
  return { sizes: request.sizes, collapsed: { ...request.collapsed, [panel]: collapsed } };
}

// --- Remembering the request per user (localStorage). ---------------------------------------

export const LAYOUT_KEY = 'stepwise.layout';
/** Where the dock's height was kept before every panel could be resized. */
const OLD_DOCK_KEY = 'stepwise.dockHeight';

function sizeOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 10_000 ? Math.round(value) : undefined;
}

/** Reads a stored request; anything missing or malformed falls back to the defaults. */
export function parseRequest(text: string | null, oldDock: string | null = null): PanelRequest {
  const sizes: Partial<Record<SizeKey, number>> = {};
  const collapsed = { ...NOTHING_COLLAPSED };
  let stored: unknown = null;
  try {
    stored = text === null ? null : JSON.parse(text);
  } catch {
    stored = null;
  }
  if (stored !== null && typeof stored === 'object' && !Array.isArray(stored)) {
    const s = stored as { sizes?: unknown; collapsed?: unknown };
    const rawSizes = s.sizes !== null && typeof s.sizes === 'object' ? (s.sizes as Record<string, unknown>) : {};
    const rawCollapsed = s.collapsed !== null && typeof s.collapsed === 'object' ? (s.collapsed as Record<string, unknown>) : {};
    for (const k of SIZE_KEYS) {
      const size = sizeOf(rawSizes[k]);
      if (size !== undefined) sizes[k] = size;
    }
    for (const p of PANELS) collapsed[p] = rawCollapsed[p] === true;
  } else if (oldDock !== null) {
    const dock = sizeOf(Number(oldDock));
    if (dock !== undefined) sizes.dock = dock;
  }
  return { sizes, collapsed };
}

export function loadRequest(storage: Storage | null = safeStorage()): PanelRequest {
  if (storage === null) return { sizes: {}, collapsed: { ...NOTHING_COLLAPSED } };
  return parseRequest(storage.getItem(LAYOUT_KEY), storage.getItem(OLD_DOCK_KEY));
}

export function saveRequest(request: PanelRequest, storage: Storage | null = safeStorage()): void {
  try {
    storage?.setItem(LAYOUT_KEY, JSON.stringify(request));
  } catch {
    // Storage full or refused: the layout then lasts this session.
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
