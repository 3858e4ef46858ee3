import { describe, expect, it } from 'vitest';
import {
  DOCK_BAR,
  DOCK_MIN,
  LAYOUT_KEY,
  LIMITS,
  NOTHING_COLLAPSED,
  RAIL,
  defaultSize,
  dockMax,
  loadRequest,
  parseRequest,
  resizeTo,
  resolveLayout,
  saveRequest,
  sizeRange,
  type Box,
  type PanelRequest,
} from './panels';

const BIG: Box = { width: 1440, height: 848 };
const SMALL: Box = { width: 1024, height: 648 };
const none = (): PanelRequest => ({ sizes: {}, collapsed: { ...NOTHING_COLLAPSED } });

describe('default sizes', () => {
  it('keep the big-screen widths at 1440 px', () => {
    expect(defaultSize('palette', BIG)).toBe(212);
    expect(defaultSize('side', BIG)).toBe(372);
  });
  it('are narrower in a small window, leaving the canvas more than half', () => {
    const l = resolveLayout(none(), SMALL);
    expect(l.palette).toBeLessThan(212);
    expect(l.side).toBeLessThan(372);
    expect(SMALL.width - l.palette - l.side).toBeGreaterThanOrEqual(SMALL.width / 2);
  });
  it('give the run’s dock a third of the height, between its smallest and 280 px', () => {
    expect(defaultSize('dock', SMALL)).toBe(220);
    expect(defaultSize('dock', { width: 800, height: 300 })).toBe(DOCK_MIN);
    expect(defaultSize('dock', { width: 2000, height: 1400 })).toBe(280);
  });
  it('give the Problems tab less: while designing it mostly says "no problems"', () => {
    expect(defaultSize('problems', BIG)).toBe(144);
    expect(resolveLayout(none(), BIG, 'problems').dock).toBeLessThan(resolveLayout(none(), BIG, 'run').dock);
  });
});

describe('resolveLayout', () => {
  it('draws what was asked when it fits', () => {
    const l = resolveLayout({ sizes: { palette: 240, side: 400, dock: 300 }, collapsed: { ...NOTHING_COLLAPSED } }, BIG);
    expect(l).toMatchObject({ palette: 240, side: 400, dock: 300 });
  });

  it('never lets remembered sizes take the canvas: both panels give up room in proportion', () => {
    // Remembered in a wide window: 360 + 700 would leave a 1024 px window 0 px of canvas.
    const request: PanelRequest = { sizes: { palette: 360, side: 700 }, collapsed: { ...NOTHING_COLLAPSED } };
    const l = resolveLayout(request, SMALL);
    expect(l.palette + l.side).toBe(512);
    expect(l.palette).toBeGreaterThanOrEqual(LIMITS.palette.min);
    expect(l.side).toBeGreaterThanOrEqual(LIMITS.side.min);
    // The side panel had more to give, so it gave more.
    expect(700 - l.side).toBeGreaterThan(360 - l.palette);
    // The request itself stays: the wide window gets the sizes back.
    expect(resolveLayout(request, { width: 2400, height: 1200 })).toMatchObject({ palette: 360, side: 700 });
  });

  it('folds the palette when even the smallest panels do not fit', () => {
    const l = resolveLayout(none(), { width: 640, height: 400 });
    expect(l.collapsed.palette).toBe(true);
    expect(l.palette).toBe(RAIL);
    expect(l.palette + l.side).toBeLessThanOrEqual(320);
  });

  it('holds sizes to each panel’s limits', () => {
    const l = resolveLayout({ sizes: { palette: 20, side: 5000, dock: 10 }, collapsed: { ...NOTHING_COLLAPSED } }, { width: 4000, height: 2000 });
    expect(l.palette).toBe(LIMITS.palette.min);
    expect(l.side).toBe(LIMITS.side.max);
    expect(l.dock).toBe(DOCK_MIN);
  });

  it('keeps the canvas its share of the height', () => {
    const l = resolveLayout({ sizes: { dock: 900 }, collapsed: { ...NOTHING_COLLAPSED } }, SMALL);
    expect(l.dock).toBe(dockMax(SMALL));
    expect(SMALL.height - l.dock).toBeGreaterThanOrEqual(SMALL.height * 0.4);
  });

  it('draws folded panels as their rail or tab strip', () => {
    const l = resolveLayout({ sizes: { palette: 300 }, collapsed: { palette: true, side: true, dock: true } }, BIG);
    expect(l).toMatchObject({ palette: RAIL, side: RAIL, dock: DOCK_BAR });
  });
});

describe('resizeTo', () => {
  it('takes the dragged size, held to what the window allows', () => {
    const r = resizeTo(none(), 'side', 1200, BIG);
    const l = resolveLayout(r, BIG);
    expect(r.sizes.side).toBe(sizeRange('side', resolveLayout(none(), BIG), BIG).max);
    expect(BIG.width - l.palette - l.side).toBeGreaterThanOrEqual(BIG.width / 2);
  });

  it('folds a panel dragged below half its smallest size, and keeps its size to unfold to', () => {
    const start: PanelRequest = { sizes: { palette: 250 }, collapsed: { ...NOTHING_COLLAPSED } };
    const folded = resizeTo(start, 'palette', 40, BIG);
    expect(folded.collapsed.palette).toBe(true);
    expect(folded.sizes.palette).toBe(250);
    const back = resizeTo(folded, 'palette', 200, BIG);
    expect(back.collapsed.palette).toBe(false);
    expect(back.sizes.palette).toBe(200);
  });

  it('stops at the smallest size above the fold point', () => {
    expect(resizeTo(none(), 'dock', 100, BIG).sizes.dock).toBe(DOCK_MIN);
  });

  it('sets the height of the dock tab shown: Problems and the run’s tabs each keep theirs', () => {
    const r = resizeTo(none(), 'dock', 400, BIG, 'problems');
    expect(r.sizes).toEqual({ problems: 400 });
    expect(resolveLayout(r, BIG, 'problems').dock).toBe(400);
    expect(resolveLayout(r, BIG, 'run').dock).toBe(defaultSize('dock', BIG));
  });
});

describe('remembering', () => {
  it('round-trips through storage', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    } as unknown as Storage;
    const request: PanelRequest = { sizes: { palette: 180, dock: 320, problems: 120 }, collapsed: { palette: false, side: true, dock: false } };
    saveRequest(request, storage);
    expect(store.has(LAYOUT_KEY)).toBe(true);
    expect(loadRequest(storage)).toEqual(request);
  });

  it('ignores what is malformed', () => {
    expect(parseRequest('{"sizes":{"palette":"wide","side":-3,"dock":1e9},"collapsed":{"side":"yes"}}')).toEqual(none());
    expect(parseRequest('not json')).toEqual(none());
    expect(parseRequest('[1,2]')).toEqual(none());
  });

  it('takes the dock height kept by earlier versions', () => {
    expect(parseRequest(null, '300').sizes).toEqual({ dock: 300 });
  });
});
