/** Pure geometry: polylines with rounded corners, hit-testing of edges and lanes. */
import type { Point } from './types';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

export function distanceToPolyline(points: ReadonlyArray<Point>, p: Point): number {
  if (points.length === 0) return Infinity;
  if (points.length === 1) {
    const only = points[0] as Point;
    return Math.hypot(p.x - only.x, p.y - only.y);
  }
  let best = Infinity;
  for (let i = 1; i < points.length; i++) {
    const d = distanceToSegment(p, points[i - 1] as Point, points[i] as Point);
    if (d < best) best = d;
  }
  return best;
}

export interface HitEdge {
  id: string;
  points: ReadonlyArray<Point>;
}

/** Default distance, in flow pixels, within which the pointer is "on" an edge. */
export const EDGE_HIT_DISTANCE = 12;

/** The edge nearest to `p` closer than `max`, or `null`. */
export function edgeAt(edges: ReadonlyArray<HitEdge>, p: Point, max = EDGE_HIT_DISTANCE): string | null {
  let best: string | null = null;
  let bestD = max;
  for (const e of edges) {
    // Cheap reject on the bounding box before measuring segments.
    if (!nearBox(e.points, p, bestD)) continue;
    const d = distanceToPolyline(e.points, p);
    if (d < bestD) {
      best = e.id;
      bestD = d;
    }
  }
  return best;
}

function nearBox(points: ReadonlyArray<Point>, p: Point, pad: number): boolean {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const q of points) {
    if (q.x < minX) minX = q.x;
    if (q.x > maxX) maxX = q.x;
    if (q.y < minY) minY = q.y;
    if (q.y > maxY) maxY = q.y;
  }
  return p.x >= minX - pad && p.x <= maxX + pad && p.y >= minY - pad && p.y <= maxY + pad;
}

export function contains(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
}

export function translatePoints(points: ReadonlyArray<Point>, dx: number, dy: number): Point[] {
  return points.map((q) => ({ x: q.x + dx, y: q.y + dy }));
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/**
 * An SVG path through `points` whose corners are rounded with radius `radius` (smaller where
 * the segments are short).
 */
export function roundedPath(points: ReadonlyArray<Point>, radius = 8): string {
  if (points.length === 0) return '';
  const first = points[0] as Point;
  let d = `M${fmt(first.x)} ${fmt(first.y)}`;
  for (let i = 1; i < points.length; i++) {
    const cur = points[i] as Point;
    const next = points[i + 1];
    if (next === undefined) {
      d += ` L${fmt(cur.x)} ${fmt(cur.y)}`;
      break;
    }
    const prev = points[i - 1] as Point;
    const inLen = Math.hypot(cur.x - prev.x, cur.y - prev.y);
    const outLen = Math.hypot(next.x - cur.x, next.y - cur.y);
    const r = Math.min(radius, inLen / 2, outLen / 2);
    if (r < 0.5) {
      d += ` L${fmt(cur.x)} ${fmt(cur.y)}`;
      continue;
    }
    const ax = cur.x - ((cur.x - prev.x) / inLen) * r;
    const ay = cur.y - ((cur.y - prev.y) / inLen) * r;
    const bx = cur.x + ((next.x - cur.x) / outLen) * r;
    const by = cur.y + ((next.y - cur.y) / outLen) * r;
    d += ` L${fmt(ax)} ${fmt(ay)} Q${fmt(cur.x)} ${fmt(cur.y)} ${fmt(bx)} ${fmt(by)}`;
  }
  return d;
}

/** The point halfway along a polyline (by length), for labels of re-drawn edges. */
export function midpoint(points: ReadonlyArray<Point>): Point {
  if (points.length === 0) return { x: 0, y: 0 };
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    total += Math.hypot(b.x - a.x, b.y - a.y);
  }
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len >= left && len > 0) {
      const t = left / len;
      return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    }
    left -= len;
  }
  return points[0] as Point;
}

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface ViewportFit {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The viewport that shows `bounds` whole, centred in a `width` × `height` pane less `insets`,
 * at a zoom between `minZoom` and `maxZoom`.
 */
export function fitViewport(bounds: Rect, width: number, height: number, insets: Insets, minZoom: number, maxZoom: number): ViewportFit {
  const w = Math.max(1, width - insets.left - insets.right);
  const h = Math.max(1, height - insets.top - insets.bottom);
  const bw = Math.max(1, bounds.width);
  const bh = Math.max(1, bounds.height);
  const zoom = Math.min(maxZoom, Math.max(minZoom, Math.min(w / bw, h / bh)));
  return {
    x: insets.left + (w - bw * zoom) / 2 - bounds.x * zoom,
    y: insets.top + (h - bh * zoom) / 2 - bounds.y * zoom,
    zoom,
  };
}

/** The smallest rectangle holding both. */
export function unionRect(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** Where a state sits in the layout (its top-left corner), by pointer. */
export type Placement = ReadonlyMap<string, Point>;

/**
 * How far the layout moved the state the eye is on, between two layouts of one document: the
 * first state of the selection before the edit that is still there, else the one nearest the
 * middle of the screen (in flow coordinates) that is in both layouts. `null` when no state is
 * in both. Shifting the viewport by this keeps that state still on the screen: an edit then
 * grows the drawing around where the user looks instead of making it jump.
 */
export function anchorShift(before: Placement, after: Placement, selection: ReadonlyArray<string>, middle: Point): Point | null {
  let anchor = selection.find((id) => before.has(id) && after.has(id));
  if (anchor === undefined) {
    let best = Infinity;
    for (const [id, p] of before) {
      if (!after.has(id)) continue;
      const d = Math.hypot(p.x - middle.x, p.y - middle.y);
      if (d < best) {
        best = d;
        anchor = id;
      }
    }
  }
  if (anchor === undefined) return null;
  const a = before.get(anchor);
  const b = after.get(anchor);
  return a === undefined || b === undefined ? null : { x: b.x - a.x, y: b.y - a.y };
}
