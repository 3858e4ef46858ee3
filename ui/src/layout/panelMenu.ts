import type { MouseEvent as ReactMouseEvent } from 'react';
import { inTextField } from '../lib/shortcuts';
import { SEPARATOR, tidy, type MenuItem } from '../menu/model';
import { fallbackItems, openMenu } from '../menu/store';
import type { PanelId } from './panels';

const NAMES: Record<PanelId, string> = { palette: 'palette', side: 'side panel', dock: 'bottom panel' };

/** A panel's own menu items: folding it away (the rail or the tab strip brings it back). */
export function panelItems(panel: PanelId, fold: (panel: PanelId) => void): MenuItem[] {
  return [{ kind: 'item', id: `fold-${panel}`, label: `Fold the ${NAMES[panel]}`, onSelect: () => fold(panel) }];
}

/**
 * The right-click handler of a panel: its own items, then the app's (copy, undo, redo, save).
 * Text fields keep the webview's editing menu; what a part inside answered stays answered.
 */
export function panelContextMenu(panel: PanelId, fold: (panel: PanelId) => void): (e: ReactMouseEvent) => void {
  return (e) => {
    if (e.defaultPrevented || inTextField(e.target)) return;
    e.preventDefault();
    const items = tidy([...panelItems(panel, fold), SEPARATOR, ...fallbackItems()]);
    openMenu({ x: e.clientX, y: e.clientY, label: `The ${NAMES[panel]}`, items });
  };
}
