/** Light, dark, or whatever the system uses; the choice is kept in localStorage. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'stepwise.theme';

export function loadThemeChoice(storage: Pick<Storage, 'getItem'> = window.localStorage): ThemeChoice {
  const saved = storage.getItem(KEY);
  return saved === 'light' || saved === 'dark' || saved === 'system' ? saved : 'system';
}

export function saveThemeChoice(choice: ThemeChoice, storage: Pick<Storage, 'setItem'> = window.localStorage): void {
  storage.setItem(KEY, choice);
}

/** The theme a choice means now. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

export function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The next choice of the toolbar's theme button: system → light → dark → system. */
export function nextThemeChoice(choice: ThemeChoice): ThemeChoice {
  return choice === 'system' ? 'light' : choice === 'light' ? 'dark' : 'system';
}

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
}
