import { describe, expect, it } from 'vitest';
import { anchorShift, distanceToPolyline, distanceToSegment, edgeAt, fitViewport, midpoint, roundedPath, unionRect } from './geometry';

describe('distances', () => {
  it('measures to the nearest point of a segment', () => {
    expect(distanceToSegment({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(distanceToSegment({ x: -4, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(distanceToSegment({ x: 1, y: 1 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBeCloseTo(Math.SQRT2);
  });

  it('measures to a polyline', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 0, y: 100 },
      { x: 50, y: 100 },
    ];
    expect(distanceToPolyline(pts, { x: 25, y: 96 })).toBe(4);
    expect(distanceToPolyline([], { x: 0, y: 0 })).toBe(Infinity);
  });
});

describe('edgeAt', () => {
  const edges = [
    { id: 'a', points: [{ x: 0, y: 0 }, { x: 0, y: 100 }] },
    { id: 'b', points: [{ x: 20, y: 0 }, { x: 20, y: 100 }] },
    { id: 'c', points: [{ x: 0, y: 200 }, { x: 100, y: 200 }, { x: 100, y: 300 }] },
  ];

  it('finds the nearest edge within the distance', () => {
    expect(edgeAt(edges, { x: 3, y: 50 })).toBe('a');
    expect(edgeAt(edges, { x: 12, y: 50 })).toBe('b');
    expect(edgeAt(edges, { x: 9, y: 50 })).toBe('a');
    expect(edgeAt(edges, { x: 104, y: 260 })).toBe('c');
  });

  it('finds nothing when every edge is too far', () => {
    expect(edgeAt(edges, { x: 60, y: 50 })).toBeNull();
    expect(edgeAt(edges, { x: 0, y: 130 })).toBeNull();
    expect(edgeAt(edges, { x: 0, y: 111 }, 12)).toBe('a');
    expect(edgeAt(edges, { x: 0, y: 111 }, 5)).toBeNull();
  });
});

describe('roundedPath', () => {
  it('draws straight lines without corners', () => {
    expect(roundedPath([{ x: 0, y: 0 }, { x: 0, y: 50 }])).toBe('M0 0 L0 50');
  });

  it('rounds corners with a quadratic curve, smaller on short segments', () => {
    expect(roundedPath([{ x: 0, y: 0 }, { x: 0, y: 50 }, { x: 40, y: 50 }], 8)).toBe('M0 0 L0 42 Q0 50 8 50 L40 50');
    expect(roundedPath([{ x: 0, y: 0 }, { x: 0, y: 6 }, { x: 40, y: 6 }], 8)).toBe('M0 0 L0 3 Q0 6 3 6 L40 6');
  });

  it('is empty for no points', () => {
    expect(roundedPath([])).toBe('');
  });
});

describe('midpoint', () => {
  it('is halfway along the length', () => {
    expect(midpoint([{ x: 0, y: 0 }, { x: 0, y: 10 }, { x: 30, y: 10 }])).toEqual({ x: 10, y: 10 });
  });
});

describe('fitViewport', () => {
  const insets = { top: 60, right: 20, bottom: 20, left: 20 };

  it('shows the whole drawing, centred below the top inset', () => {
    // 400 × 800 drawing in a 460 × 480 pane: height-bound, zoom 0.5.
    const v = fitViewport({ x: 0, y: 0, width: 400, height: 800 }, 460, 480, insets, 0.02, 1.25);
    expect(v.zoom).toBe(0.5);
    expect(v.y).toBe(60);
    expect(v.x).toBe(20 + (420 - 200) / 2);
  });

  it('keeps to the zoom limits', () => {
    expect(fitViewport({ x: 0, y: 0, width: 10, height: 10 }, 1000, 1000, insets, 0.02, 1.25).zoom).toBe(1.25);
    expect(fitViewport({ x: 0, y: 0, width: 1e6, height: 1e6 }, 1000, 1000, insets, 0.02, 1.25).zoom).toBe(0.02);
  });

  it('follows bounds that do not start at the origin', () => {
    const v = fitViewport({ x: -100, y: -50, width: 200, height: 100 }, 240, 180, insets, 0.02, 1.25);
    expect(v.zoom).toBe(1);
    expect(v.x).toBe(20 + 100);
    expect(v.y).toBe(60 + 50);
  });

  it('unions rectangles', () => {
    expect(unionRect({ x: 0, y: 0, width: 10, height: 10 }, { x: -5, y: 5, width: 10, height: 20 })).toEqual({ x: -5, y: 0, width: 15, height: 25 });
  });
});

describe('anchorShift', () => {
  const before = new Map([
    ['/States/A', { x: 100, y: 0 }],
    ['/States/B', { x: 100, y: 100 }],
    ['/States/C', { x: 100, y: 400 }],
  ]);

  it('follows the state that was selected', () => {
    const after = new Map([
      ['/States/A', { x: 160, y: 0 }],
      ['/States/B', { x: 160, y: 100 }],
      ['/States/New', { x: 160, y: 200 }],
      ['/States/C', { x: 160, y: 500 }],
    ]);
    expect(anchorShift(before, after, ['/States/B'], { x: 0, y: 0 })).toEqual({ x: 60, y: 0 });
    expect(anchorShift(before, after, ['/States/Gone', '/States/C'], { x: 0, y: 0 })).toEqual({ x: 60, y: 100 });
  });

  it('else keeps the state nearest the middle of the screen still', () => {
    const after = new Map([
      ['/States/A', { x: 100, y: 0 }],
      ['/States/C', { x: 40, y: 300 }],
    ]);
    expect(anchorShift(before, after, [], { x: 100, y: 380 })).toEqual({ x: -60, y: -100 });
    // B was nearest but is gone: the nearest state still there counts.
    expect(anchorShift(before, after, ['/States/B'], { x: 100, y: 110 })).toEqual({ x: 0, y: 0 });
  });

  it('is null when nothing is in both layouts', () => {
    expect(anchorShift(before, new Map([['/States/X', { x: 0, y: 0 }]]), [], { x: 0, y: 0 })).toBeNull();
  });
});
