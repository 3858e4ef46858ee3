import { describe, expect, it } from 'vitest';
import { resizeAction } from './refit';

const size = (width: number, height: number) => ({ width, height });

describe('resizeAction', () => {
  it('fits again while the view shows the fitted diagram', () => {
    expect(resizeAction(true, size(800, 600), size(800, 600), size(700, 600))).toEqual({ kind: 'fit' });
  });

  it('keeps the middle of a frame the user chose when the area changes a little', () => {
    // The dock opened: 180 px less height; the user had zoomed in on a state.
    expect(resizeAction(false, size(800, 600), size(800, 600), size(800, 420))).toEqual({ kind: 'recenter', dx: 0, dy: -90 });
  });

  it('measures "a lot" from where the user framed the view, not from the last step', () => {
    // A splitter dragged in small steps: each step is small, together they are big.
    expect(resizeAction(false, size(1000, 600), size(700, 600), size(640, 600))).toEqual({ kind: 'fit' });
    expect(resizeAction(false, size(1000, 600), size(700, 600), size(690, 600)).kind).toBe('recenter');
  });

  it('fits again after a big change (the window maximised)', () => {
    expect(resizeAction(false, size(600, 400), size(600, 400), size(1300, 820))).toEqual({ kind: 'fit' });
  });

  it('does nothing for a hidden canvas or no change', () => {
    expect(resizeAction(true, size(800, 600), size(800, 600), size(0, 600))).toEqual({ kind: 'none' });
    expect(resizeAction(false, size(800, 600), size(800, 600), size(800, 600))).toEqual({ kind: 'none' });
  });
});
