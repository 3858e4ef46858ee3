import type { ReactElement } from 'react';

export interface ToolbarProps {
  onFit: () => void;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onAutoLayout: () => void;
  onFind: () => void;
  /** Whether some states were moved by hand (Auto-layout has something to undo). */
  moved: boolean;
  miniMap: boolean;
  onToggleMiniMap: () => void;
}

function Icon({ d }: { d: string }): ReactElement {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" aria-hidden="true" focusable="false">
      <path d={d} stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function Toolbar(props: ToolbarProps): ReactElement {
  const { onFit, onZoomIn, onZoomOut, onAutoLayout, onFind, moved, miniMap, onToggleMiniMap } = props;
  return (
    <div className="sw-toolbar" role="toolbar" aria-label="Canvas" data-testid="canvas-toolbar">
      <button type="button" className="sw-toolbar__btn" onClick={onFit} title="Fit to view (F)" aria-label="Fit to view" data-testid="canvas-fit">
        <Icon d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" />
      </button>
      <button type="button" className="sw-toolbar__btn" onClick={onZoomIn} title="Zoom in" aria-label="Zoom in" data-testid="canvas-zoom-in">
        <Icon d="M8 3v10M3 8h10" />
      </button>
      <button type="button" className="sw-toolbar__btn" onClick={onZoomOut} title="Zoom out" aria-label="Zoom out" data-testid="canvas-zoom-out">
        <Icon d="M3 8h10" />
      </button>
      <span className="sw-toolbar__sep" aria-hidden="true" />
      <button
        type="button"
        className={moved ? 'sw-toolbar__btn sw-toolbar__btn--text is-active' : 'sw-toolbar__btn sw-toolbar__btn--text'}
        onClick={onAutoLayout}
        title="Auto-layout: put every state back where the layout places it"
        data-testid="canvas-auto-layout"
      >
        <Icon d="M3 2.5h4v3H3zM9 10.5h4v3H9zM5 5.5v3h6v2" />
        <span>Auto-layout</span>
      </button>
      <button
        type="button"
        className={miniMap ? 'sw-toolbar__btn is-active' : 'sw-toolbar__btn'}
        onClick={onToggleMiniMap}
        title={miniMap ? 'Hide the mini map' : 'Show the mini map'}
        aria-label="Mini map"
        aria-pressed={miniMap}
        data-testid="canvas-minimap"
      >
        <Icon d="M2 3.5l4-1.5 4 1.5 4-1.5v10.5l-4 1.5-4-1.5-4 1.5zM6 2v10.5M10 3.5V14" />
      </button>
      <button type="button" className="sw-toolbar__btn" onClick={onFind} title="Find a state (Ctrl+F)" aria-label="Find a state" data-testid="canvas-find">
        <Icon d="M7 12A5 5 0 1 0 7 2a5 5 0 0 0 0 10zM10.7 10.7L14 14" />
      </button>
    </div>
  );
}
