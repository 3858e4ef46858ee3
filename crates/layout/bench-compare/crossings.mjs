// The crossing counter of stepwise-layout (src/stats.rs), line for line: a crossing is a
// proper intersection of two straight segments of two different polylines. Touching at a
// shared port or bend, and running along the same line (a shared bus), do not count.

const EPS = 1e-7;

function orient(a, b, c) {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

export function segmentsCross(a, b, c, d) {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  return (
    ((o1 > EPS && o2 < -EPS) || (o1 < -EPS && o2 > EPS)) &&
    ((o3 > EPS && o4 < -EPS) || (o3 < -EPS && o4 > EPS))
  );
}

/** lines: array of polylines, each an array of {x, y}. */
export function countCrossings(lines) {
  const segs = [];
  lines.forEach((l, i) => {
    for (let k = 0; k + 1 < l.length; k++) {
      const a = l[k];
      const b = l[k + 1];
      if (a.x === b.x && a.y === b.y) continue;
      segs.push({
        line: i, a, b,
        minY: Math.min(a.y, b.y), maxY: Math.max(a.y, b.y),
        minX: Math.min(a.x, b.x), maxX: Math.max(a.x, b.x),
      });
    }
  });
  segs.sort((s, t) => s.minY - t.minY);
  let open = [];
  let count = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    open = open.filter((j) => segs[j].maxY >= s.minY);
    for (const j of open) {
      const t = segs[j];
      if (t.line === s.line || t.maxX < s.minX || s.maxX < t.minX) continue;
      if (segmentsCross(s.a, s.b, t.a, t.b)) count++;
    }
    open.push(i);
  }
  return count;
}

export function polylineLength(pts) {
  let len = 0;
  for (let k = 0; k + 1 < pts.length; k++) {
    len += Math.hypot(pts[k + 1].x - pts[k].x, pts[k + 1].y - pts[k].y);
  }
  return len;
}
