/** What a context menu shows: actions, separators and submenus. */
export type MenuItem =
  | {
      kind: 'item';
      label: string;
      /** The key that does the same without the menu ("Ctrl+D"), shown on the right. */
      shortcut?: string;
      disabled?: boolean;
      /** Deletes something: drawn in the error colour. */
      danger?: boolean;
      /** Stable name for tests. */
      id: string;
      onSelect: () => void;
    }
  | { kind: 'separator' }
  /** A heading over the items after it. */
  | { kind: 'label'; text: string }
  | { kind: 'submenu'; label: string; id: string; disabled?: boolean; items: MenuItem[] };

/** A menu opened at a point of the window (client coordinates), named for assistive tech. */
export interface MenuRequest {
  x: number;
  y: number;
  label: string;
  items: MenuItem[];
}

export const SEPARATOR: MenuItem = { kind: 'separator' };

/** Drops separators at the ends and doubled ones, left where optional items were omitted. */
export function tidy(items: ReadonlyArray<MenuItem | null | false | undefined>): MenuItem[] {
  const out: MenuItem[] = [];
  for (const item of items) {
    if (item === null || item === false || item === undefined) continue;
    if (item.kind === 'separator' && (out.length === 0 || out[out.length - 1]?.kind === 'separator')) continue;
    out.push(item);
  }
  // A trailing separator, or a heading with nothing under it, has nothing to set apart.
  while (out[out.length - 1]?.kind === 'separator' || out[out.length - 1]?.kind === 'label') out.pop();
  return out;
}
