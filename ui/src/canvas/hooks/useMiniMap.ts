import { useCallback, useState } from 'react';

/** From this many states, the mini map is on unless the user turned it off. */
export const MINIMAP_STATES = 30;
export const MINIMAP_KEY = 'stepwise.minimap';

function loadMiniMapChoice(): boolean | null {
  try {
    const v = window.localStorage.getItem(MINIMAP_KEY);
    return v === 'on' ? true : v === 'off' ? false : null;
  } catch {
    return null;
  }
}

function saveMiniMapChoice(on: boolean): void {
  try {
    window.localStorage.setItem(MINIMAP_KEY, on ? 'on' : 'off');
  } catch {
    // Storage can be unavailable; the choice then lasts this session.
  }
}

/**
 * The mini map helps on big machines and hides states of small ones: on by default from
 * `MINIMAP_STATES` states, and the user's choice (kept in local storage) once they toggle it.
 */
export function useMiniMap(stateCount: number): { miniMap: boolean; toggleMiniMap: () => void } {
  const [choice, setChoice] = useState<boolean | null>(loadMiniMapChoice);
  const miniMap = choice ?? stateCount >= MINIMAP_STATES;
  const toggleMiniMap = useCallback(() => {
    setChoice(!miniMap);
    saveMiniMapChoice(!miniMap);
  }, [miniMap]);
  return { miniMap, toggleMiniMap };
}
