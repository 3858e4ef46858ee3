import { describe, expect, it } from 'vitest';
import { applyTheme, loadThemeChoice, nextThemeChoice, resolveTheme, saveThemeChoice } from './theme';

function memory(): Storage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
    clear: () => data.clear(),
    key: () => null,
    length: 0,
  };
}

describe('theme', () => {
  it('follows the system unless the user chose', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('cycles system, light, dark', () => {
    expect(nextThemeChoice('system')).toBe('light');
    expect(nextThemeChoice('light')).toBe('dark');
    expect(nextThemeChoice('dark')).toBe('system');
  });

  it('keeps the choice and ignores junk', () => {
    const s = memory();
    expect(loadThemeChoice(s)).toBe('system');
    saveThemeChoice('dark', s);
    expect(loadThemeChoice(s)).toBe('dark');
    s.setItem('stepwise.theme', 'purple');
    expect(loadThemeChoice(s)).toBe('system');
  });

  it('sets data-theme on the root', () => {
    const el = document.createElement('div');
    applyTheme('dark', el);
    expect(el.dataset.theme).toBe('dark');
  });
});
