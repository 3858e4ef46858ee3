import { describe, expect, it } from 'vitest';
import { DOCK_MAX_DEFAULT, DOCK_MIN, defaultDockHeight } from './dock';

describe('defaultDockHeight', () => {
  it('takes about a quarter of a small window', () => {
    expect(defaultDockHeight(800)).toBe(208);
  });
  it('stays between the smallest and the big-screen height', () => {
    expect(defaultDockHeight(300)).toBe(DOCK_MIN);
    expect(defaultDockHeight(1600)).toBe(DOCK_MAX_DEFAULT);
  });
});
