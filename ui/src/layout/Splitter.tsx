import './layout.css';
import { useRef, type KeyboardEvent, type PointerEvent, type ReactElement } from 'react';

export interface SplitterProps {
  /** The panel it resizes, for ids and test hooks. */
  panel: string;
  /** "vertical": a line between columns, dragged sideways; "horizontal": between rows. */
  orientation: 'vertical' | 'horizontal';
  /** +1 when moving the line right (or down) makes the panel bigger, -1 when smaller. */
  grows: 1 | -1;
  label: string;
  /** The panel's id, for `aria-controls`. */
  controls: string;
  size: number;
  min: number;
  max: number;
  collapsed: boolean;
  /** A new size while dragging or stepping. */
  onResize: (size: number) => void;
  /** The drag or the key press is over: the size may be remembered. */
  onCommit: () => void;
  onToggle: () => void;
  className?: string;
}

/** Arrow keys move the line this far; with Shift, four times as far. */
const STEP = 16;

/**
 * A window splitter (WAI-ARIA "separator" that can be focused): drag it, or focus it and use the
 * arrow keys, Home and End; Enter or a double-click folds and unfolds the panel.
 */
export function Splitter(props: SplitterProps): ReactElement {
  const { orientation, grows, size, min, max, collapsed } = props;
  const latest = useRef(props);
  latest.current = props;
  const drag = useRef<{ start: number; size: number; moved: boolean } | null>(null);

  const at = (e: { clientX: number; clientY: number }): number => (orientation === 'vertical' ? e.clientX : e.clientY);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    // A folded panel unfolds from nothing, so the drag follows the pointer from its rail.
    drag.current = { start: at(e), size: collapsed ? 0 : size, moved: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    const d = drag.current;
    if (d === null) return;
    const delta = (at(e) - d.start) * grows;
    if (!d.moved && Math.abs(delta) < 3) return;
    d.moved = true;
    latest.current.onResize(d.size + delta);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>): void => {
    const d = drag.current;
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (d?.moved === true) latest.current.onCommit();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = e.shiftKey ? STEP * 4 : STEP;
    const back = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    const forward = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    let next: number | null = null;
    if (e.key === back) next = size - step * grows;
    else if (e.key === forward) next = size + step * grows;
    else if (e.key === 'Home') next = min;
    else if (e.key === 'End') next = max;
    else if (e.key === 'Enter') {
      e.preventDefault();
      props.onToggle();
      return;
    }
    if (next === null) return;
    e.preventDefault();
    // Keys move an open panel; on a folded one they unfold it first.
    if (collapsed) props.onToggle();
    else props.onResize(Math.min(max, Math.max(min, next)));
    props.onCommit();
  };

  return (
    <div
      className={`splitter splitter--${orientation}${props.className === undefined ? '' : ` ${props.className}`}`}
      role="separator"
      tabIndex={0}
      aria-orientation={orientation}
      aria-label={props.label}
      aria-controls={props.controls}
      aria-valuenow={collapsed ? 0 : Math.round(size)}
      aria-valuemin={0}
      aria-valuemax={Math.round(max)}
      data-testid={`splitter-${props.panel}`}
      data-collapsed={collapsed ? 'true' : undefined}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={props.onToggle}
      onKeyDown={onKeyDown}
    />
  );
}
