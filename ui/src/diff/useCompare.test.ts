import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Change } from '../bindings/Change';
import type { CompareWith } from '../bindings/CompareWith';
import type { Comparison } from '../bindings/Comparison';
import { documentView } from '../test/documentView';
import type { DiffApi } from './api';
import { againWith, reselect, REFRESH_MS, useCompare } from './useCompare';
import { changeEntries } from './decorations';

function changed(state: string): Change {
  return { kind: 'changed', state, pointer: `/States/${state}`, movedFrom: null, fields: [{ pointer: '/Comment', before: 'a', after: 'b' }] };
}

function comparisonOf(states: string[], against = 'last saved'): Comparison {
  return {
    against,
    diff: { machine: [], changes: states.map(changed), edgesAdded: [], edgesRemoved: [] },
    view: documentView(),
    sides: states.map(() => ({ before: { Comment: 'a' }, after: { Comment: 'b' } })),
    ghosts: [],
  };
}

/** A fake `compare` whose answers the test gives, one per call, in order. */
function fakeApi(): DiffApi & { calls: CompareWith[]; answer: (c: Comparison | Error) => void } {
  const pending: ((c: Comparison | Error) => void)[] = [];
  const calls: CompareWith[] = [];
  return {
    calls,
    compare: vi.fn((with_: CompareWith) => {
      calls.push(with_);
      return new Promise<Comparison | null>((resolve, reject) => {
        pending.push((c) => (c instanceof Error ? reject(c) : resolve(c)));
      });
    }),
    answer: (c) => {
      const next = pending.shift();
      if (next === undefined) throw new Error('no request is waiting');
      next(c);
    },
  };
}

function states(c: Comparison | null | undefined): string[] {
  return c === null || c === undefined ? [] : changeEntries(c).map((e) => e.state);
}

describe('useCompare', () => {
  it('asks again when the document changes, and shows the new comparison without a blank', async () => {
    const api = fakeApi();
    const notify = vi.fn();
    const { result, rerender } = renderHook(({ version }) => useCompare(api, notify, version), { initialProps: { version: '1:unsaved' } });
    act(() => result.current?.compare({ kind: 'saved' }));
    await act(async () => api.answer(comparisonOf(['Charge'])));
    expect(states(result.current?.comparison)).toEqual(['Charge']);
    const fit = result.current?.fitKey;

    // An undo: a new revision, saved again. The shown comparison stays until the answer.
    rerender({ version: '2:saved' });
    await waitFor(() => expect(api.calls).toHaveLength(2));
    expect(api.calls[1]).toEqual({ kind: 'saved' });
    expect(states(result.current?.comparison)).toEqual(['Charge']);
    await act(async () => api.answer(comparisonOf([])));
    expect(states(result.current?.comparison)).toEqual([]);
    expect(result.current?.current).toBeNull();
    expect(result.current?.fitKey).toBe(fit);

    // Redo: the change is back, and selected.
    rerender({ version: '3:unsaved' });
    await waitFor(() => expect(api.calls).toHaveLength(3));
    await act(async () => api.answer(comparisonOf(['Charge'])));
    expect(states(result.current?.comparison)).toEqual(['Charge']);
    expect(notify).not.toHaveBeenCalled();
  });

  it('folds a burst of changes into one request', async () => {
    vi.useFakeTimers();
    try {
      const api = fakeApi();
      const { result, rerender } = renderHook(({ version }) => useCompare(api, vi.fn(), version), { initialProps: { version: '1:saved' } });
      act(() => result.current?.compare({ kind: 'revision', rev: 'HEAD' }));
      await act(async () => api.answer(comparisonOf(['A'])));
      for (const v of ['2:unsaved', '3:unsaved', '4:unsaved']) {
        rerender({ version: v });
        act(() => vi.advanceTimersByTime(REFRESH_MS / 2));
      }
      expect(api.calls).toHaveLength(1);
      act(() => vi.advanceTimersByTime(REFRESH_MS));
      expect(api.calls).toEqual([
        { kind: 'revision', rev: 'HEAD' },
        { kind: 'revision', rev: 'HEAD' },
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not ask again while the document stays the same, nor after compare mode is closed', async () => {
    vi.useFakeTimers();
    try {
      const api = fakeApi();
      const { result, rerender } = renderHook(({ version }) => useCompare(api, vi.fn(), version), { initialProps: { version: '1:saved' } });
      act(() => result.current?.compare({ kind: 'saved' }));
      await act(async () => api.answer(comparisonOf(['A'])));
      rerender({ version: '1:saved' });
      act(() => vi.advanceTimersByTime(REFRESH_MS * 4));
      expect(api.calls).toHaveLength(1);
      act(() => result.current?.close());
      rerender({ version: '2:unsaved' });
      act(() => vi.advanceTimersByTime(REFRESH_MS * 4));
      expect(api.calls).toHaveLength(1);
      expect(result.current?.comparison).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops an answer that a later request overtook', async () => {
    const api = fakeApi();
    const { result, rerender } = renderHook(({ version }) => useCompare(api, vi.fn(), version), { initialProps: { version: '1:saved' } });
    act(() => result.current?.compare({ kind: 'saved' }));
    await act(async () => api.answer(comparisonOf(['A'])));
    rerender({ version: '2:unsaved' });
    await waitFor(() => expect(api.calls).toHaveLength(2));
    rerender({ version: '3:unsaved' });
    await waitFor(() => expect(api.calls).toHaveLength(3));
    await act(async () => api.answer(comparisonOf(['Old'])));
    expect(states(result.current?.comparison)).toEqual(['A']);
    await act(async () => api.answer(comparisonOf(['New'])));
    expect(states(result.current?.comparison)).toEqual(['New']);
  });

  it('asks a picked file again by its path, not with the dialog', async () => {
    const api = fakeApi();
    const { result, rerender } = renderHook(({ version }) => useCompare(api, vi.fn(), version), { initialProps: { version: '1:saved' } });
    act(() => result.current?.compare({ kind: 'file', path: null }));
    await act(async () => api.answer(comparisonOf(['A'], '/home/me/other.asl.json')));
    rerender({ version: '2:unsaved' });
    await waitFor(() => expect(api.calls).toHaveLength(2));
    expect(api.calls[1]).toEqual({ kind: 'file', path: '/home/me/other.asl.json' });
  });

  it('keeps what is shown and says why when asking again fails, and asks no more until the next change', async () => {
    const api = fakeApi();
    const notify = vi.fn();
    const { result, rerender } = renderHook(({ version }) => useCompare(api, notify, version), { initialProps: { version: '1:saved' } });
    act(() => result.current?.compare({ kind: 'saved' }));
    await act(async () => api.answer(comparisonOf(['A'])));
    rerender({ version: '2:unsaved' });
    await waitFor(() => expect(api.calls).toHaveLength(2));
    await act(async () => api.answer(new Error('the file is gone')));
    expect(notify).toHaveBeenCalledWith('the file is gone');
    expect(states(result.current?.comparison)).toEqual(['A']);
    await new Promise((r) => setTimeout(r, REFRESH_MS * 2));
    expect(api.calls).toHaveLength(2);
  });
});

describe('againWith', () => {
  it('names a file picked in the dialog by the path the comparison answered', () => {
    expect(againWith({ kind: 'file', path: null }, comparisonOf([], '/a/b.json'))).toEqual({ kind: 'file', path: '/a/b.json' });
    expect(againWith({ kind: 'revision', rev: 'main' }, comparisonOf([], 'main:b.json'))).toEqual({ kind: 'revision', rev: 'main' });
  });
});

describe('reselect', () => {
  const list = (names: string[]) => changeEntries(comparisonOf(names));
  it('keeps the selected state when it is still in the list', () => {
    expect(reselect(list(['A', 'B', 'C']), 1, list(['X', 'A', 'B', 'C']))).toBe(2);
  });
  it('takes the one at its place when it is gone, the last when the list got shorter', () => {
    expect(reselect(list(['A', 'B', 'C']), 1, list(['A', 'C']))).toBe(1);
    expect(reselect(list(['A', 'B', 'C']), 2, list(['A', 'B']))).toBe(1);
  });
  it('selects nothing when nothing changed or nothing was selected', () => {
    expect(reselect(list(['A']), 0, list([]))).toBeNull();
    expect(reselect(list(['A']), null, list(['A']))).toBeNull();
  });
});
