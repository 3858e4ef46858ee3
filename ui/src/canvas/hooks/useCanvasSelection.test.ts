import { renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { diagram } from '../__fixtures__/view';
import { sameList, useCanvasSelection } from './useCanvasSelection';
import { useNodeChanges } from './useNodeChanges';

function setup(initial: string[] = []) {
  const onSelectionChange = vi.fn<(pointers: string[]) => void>();
  const reveal = vi.fn<(pointer: string) => void>();
  const hook = renderHook(({ selection }) => useCanvasSelection(selection, onSelectionChange, diagram, reveal), {
    initialProps: { selection: initial },
  });
  return { ...hook, onSelectionChange, reveal };
}

describe('useCanvasSelection', () => {
  it.each([
    [[], [], true],
    [['a'], ['a'], true],
    [['a', 'b'], ['b', 'a'], false],
    [['a'], ['a', 'b'], false],
  ])('sameList(%j, %j) is %s', (a, b, same) => {
    expect(sameList(a, b)).toBe(same);
  });

  it('asks once for a selection, however often xyflow repeats it before the App answers', () => {
    const { result, onSelectionChange } = setup(['/States/Poll']);
    result.current.changeSelection(['/States/Poll']);
    expect(onSelectionChange).not.toHaveBeenCalled();
    result.current.changeSelection(['/States/Check']);
    result.current.changeSelection(['/States/Check']);
    expect(onSelectionChange).toHaveBeenCalledTimes(1);
    expect(result.current.currentSelection()).toEqual(['/States/Check']);
  });

  it('reveals a single state selected elsewhere, not one the canvas selected itself', () => {
    const { result, rerender, reveal } = setup();
    result.current.changeSelection(['/States/Poll']);
    rerender({ selection: ['/States/Poll'] });
    expect(reveal).not.toHaveBeenCalled();
    rerender({ selection: ['/States/Done'] });
    expect(reveal).toHaveBeenCalledWith('/States/Done');
    rerender({ selection: ['/States/Done', '/States/Poll'] });
    expect(reveal).toHaveBeenCalledTimes(1);
  });

  it('selects every state, never the Start and End markers', () => {
    const { result, onSelectionChange } = setup();
    result.current.selectAll();
    const all = onSelectionChange.mock.calls[0]?.[0] ?? [];
    expect(all).toHaveLength(12);
    expect(all.some((p) => p.startsWith('#'))).toBe(false);
  });
});

describe('useNodeChanges', () => {
  function changes(current: string[]) {
    const changeSelection = vi.fn<(next: string[]) => void>();
    const move = vi.fn();
    const { result } = renderHook(() => useNodeChanges(() => current, changeSelection, move));
    return { onNodesChange: result.current, changeSelection, move };
  }

  it('keeps the order of states still selected and appends new ones', () => {
    const { onNodesChange, changeSelection } = changes(['/States/A', '/States/B']);
    onNodesChange([
      { type: 'select', id: '/States/C', selected: true },
      { type: 'select', id: '/States/A', selected: false },
    ]);
    expect(changeSelection).toHaveBeenCalledWith(['/States/B', '/States/C']);
  });

  it('never selects a marker, and turns positions into moves', () => {
    const { onNodesChange, changeSelection, move } = changes([]);
    onNodesChange([
      { type: 'select', id: '#start', selected: true },
      { type: 'position', id: '/States/A', position: { x: 4, y: 2 } },
    ]);
    expect(changeSelection).not.toHaveBeenCalled();
    expect(move).toHaveBeenCalledWith([['/States/A', { x: 4, y: 2 }]]);
  });
});
