import type { ReactElement } from 'react';
import type { PanelId } from './panels';

/** Which way each panel folds: the arrow on its fold button points there. */
const FOLDS_TOWARD: Record<PanelId, 'left' | 'right' | 'down'> = { palette: 'left', side: 'right', dock: 'down' };
const OPPOSITE = { left: 'right', right: 'left', down: 'up', up: 'down' } as const;
const ARROW: Record<'left' | 'right' | 'down' | 'up', string> = {
  left: 'M10 3.5 5.5 8l4.5 4.5',
  right: 'm6 3.5 4.5 4.5L6 12.5',
  down: 'M3.5 6 8 10.5 12.5 6',
  up: 'M3.5 10 8 5.5l4.5 4.5',
};

const NAMES: Record<PanelId, string> = { palette: 'the palette', side: 'the side panel', dock: 'the bottom panel' };

function Arrow({ toward }: { toward: keyof typeof ARROW }): ReactElement {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" fill="none" aria-hidden="true" focusable="false">
      <path d={ARROW[toward]} stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** Folds an open panel, or unfolds a folded one (the dock's stays in its tab strip). */
export function FoldButton({ panel, open, onToggle, className }: { panel: PanelId; open: boolean; onToggle: () => void; className?: string }): ReactElement {
  const label = `${open ? 'Hide' : 'Show'} ${NAMES[panel]}`;
  const toward = open ? FOLDS_TOWARD[panel] : OPPOSITE[FOLDS_TOWARD[panel]];
  return (
    <button
      type="button"
      className={`fold-button${className === undefined ? '' : ` ${className}`}`}
      aria-label={label}
      title={label}
      aria-expanded={open}
      onClick={onToggle}
      data-testid={`fold-${panel}`}
    >
      <Arrow toward={toward} />
    </button>
  );
}

/** What a folded palette or side panel leaves: a rail with the button that unfolds it. */
export function PanelRail({ panel, label, onOpen }: { panel: 'palette' | 'side'; label: string; onOpen: () => void }): ReactElement {
  return (
    <div className={`panel-rail panel-rail--${panel}`} data-testid={`rail-${panel}`}>
      <FoldButton panel={panel} open={false} onToggle={onOpen} />
      {/* A second, larger target for the pointer; the fold button above is the one for keys. */}
      <div className="panel-rail__label" onClick={onOpen} aria-hidden="true">
        {label}
      </div>
    </div>
  );
}
