import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useThrottled } from './throttle';

function Shown({ value, ms }: { value: number; ms: number }) {
  return <span data-testid="v">{useThrottled(value, ms)}</span>;
}

describe('useThrottled', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('follows at once with no wait', () => {
    const r = render(<Shown value={1} ms={0} />);
    r.rerender(<Shown value={2} ms={0} />);
    expect(r.getByTestId('v').textContent).toBe('2');
  });

  it('shows the latest value at most once per wait, then the last one', () => {
    const r = render(<Shown value={0} ms={250} />);
    act(() => vi.advanceTimersByTime(300));
    for (let v = 1; v <= 5; v++) {
      r.rerender(<Shown value={v} ms={250} />);
      act(() => vi.advanceTimersByTime(30));
    }
    // 150 ms of changes within one wait: not shown yet.
    const mid = Number(r.getByTestId('v').textContent);
    expect(mid).toBeLessThan(5);
    act(() => vi.advanceTimersByTime(250));
    expect(r.getByTestId('v').textContent).toBe('5');
  });

  it('shows the value at once when the wait drops to zero (playback caught up)', () => {
    const r = render(<Shown value={0} ms={250} />);
    r.rerender(<Shown value={7} ms={250} />);
    r.rerender(<Shown value={9} ms={0} />);
    expect(r.getByTestId('v').textContent).toBe('9');
  });
});
