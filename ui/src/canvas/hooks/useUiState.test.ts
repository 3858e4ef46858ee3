import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useEdgeSelection } from './useEdgeSelection';
import { MINIMAP_KEY, MINIMAP_STATES, useMiniMap } from './useMiniMap';
import { usePositionOverrides } from './usePositionOverrides';

const present = (...ids: string[]): ReadonlyMap<string, unknown> => new Map(ids.map((id) => [id, true]));

describe('useEdgeSelection', () => {
  it('follows select changes and keeps its set when a change changes nothing', () => {
    const { result } = renderHook(() => useEdgeSelection(present('e1', 'e2')));
    act(() => result.current.onEdgesChange([{ type: 'select', id: 'e1', selected: true }]));
    const after = result.current.selectedEdges;
    expect([...after]).toEqual(['e1']);
    act(() => result.current.onEdgesChange([{ type: 'select', id: 'e1', selected: true }, { type: 'remove', id: 'e2' }]));
    expect(result.current.selectedEdges).toBe(after);
    act(() => result.current.selectOnly('e2'));
    expect([...result.current.selectedEdges]).toEqual(['e2']);
    act(() => result.current.clear());
    expect(result.current.selectedEdges.size).toBe(0);
  });

  it('forgets selected edges that are gone from the diagram', () => {
    const { result, rerender } = renderHook(({ edges }) => useEdgeSelection(edges), { initialProps: { edges: present('e1', 'e2') } });
    act(() => result.current.onEdgesChange([{ type: 'select', id: 'e1', selected: true }, { type: 'select', id: 'e2', selected: true }]));
    rerender({ edges: present('e2') });
    expect([...result.current.selectedEdges]).toEqual(['e2']);
  });
});

describe('usePositionOverrides', () => {
  it('moves, forgets and clears dragged positions, and drops those of states that are gone', () => {
    const { result, rerender } = renderHook(({ kinds }) => usePositionOverrides(kinds), { initialProps: { kinds: present('a', 'b') } });
    act(() => result.current.move([['a', { x: 1, y: 2 }], ['b', { x: 3, y: 4 }]]));
    expect(result.current.overrides.get('a')).toEqual({ x: 1, y: 2 });
    act(() => result.current.forget('a'));
    expect([...result.current.overrides.keys()]).toEqual(['b']);
    rerender({ kinds: present('a') });
    expect(result.current.overrides.size).toBe(0);
    act(() => result.current.move([['a', { x: 0, y: 0 }]]));
    act(() => result.current.clear());
    expect(result.current.overrides.size).toBe(0);
  });
});

describe('useMiniMap', () => {
  afterEach(() => window.localStorage.removeItem(MINIMAP_KEY));

  it.each([
    [MINIMAP_STATES - 1, false],
    [MINIMAP_STATES, true],
  ])('with %i states and no choice made, shows the mini map: %s', (states, shown) => {
    const { result } = renderHook(() => useMiniMap(states));
    expect(result.current.miniMap).toBe(shown);
  });

  it("keeps the user's choice over the default, across mounts", () => {
    const first = renderHook(() => useMiniMap(MINIMAP_STATES + 10));
    act(() => first.result.current.toggleMiniMap());
    expect(first.result.current.miniMap).toBe(false);
    expect(window.localStorage.getItem(MINIMAP_KEY)).toBe('off');
    const second = renderHook(() => useMiniMap(MINIMAP_STATES + 10));
    expect(second.result.current.miniMap).toBe(false);
  });
});
