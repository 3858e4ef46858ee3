/**
 * The states palette. Drag an item onto the canvas (pointer events, see canvas/dnd.ts): on an
 * arrow it is inserted there, elsewhere it is added unconnected. Click (or Enter) adds it
 * after the selected state through `onAddAfterSelection`.
 */
import '../canvas/tones.css';
import './palette.css';
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactElement } from 'react';
import { createPortal } from 'react-dom';
import { beginDrag, cancelDrag, endDrag, moveDrag } from '../canvas/dnd';
import { TypeGlyph } from '../canvas/icons';
import { filterTemplates, PALETTE_TEMPLATES, type PaletteTemplate, type TemplateSection } from './templates';

export interface PaletteProps {
  onAddAfterSelection?: (template: PaletteTemplate) => void;
}

/** How far (px) the pointer moves before a press becomes a drag. */
const DRAG_THRESHOLD = 5;

const SECTIONS: ReadonlyArray<{ id: TemplateSection; title: string }> = [
  { id: 'Flow', title: 'Flow' },
  { id: 'Task', title: 'Task' },
];

interface Press {
  template: PaletteTemplate;
  pointerId: number;
  startX: number;
  startY: number;
  dragging: boolean;
}

export function Palette({ onAddAfterSelection }: PaletteProps): ReactElement {
  const [query, setQuery] = useState('');
  const [ghost, setGhost] = useState<PaletteTemplate | null>(null);
  const press = useRef<Press | null>(null);
  const last = useRef({ x: 0, y: 0 });
  const ghostEl = useRef<HTMLDivElement>(null);
  const suppressClick = useRef(false);
  const detach = useRef<(() => void) | null>(null);

  const items = useMemo(() => filterTemplates(query), [query]);

  const placeGhost = (x: number, y: number): void => {
    last.current = { x, y };
    if (ghostEl.current !== null) ghostEl.current.style.transform = `translate(${x + 12}px, ${y + 10}px)`;
  };

  const stop = useCallback(() => {
    detach.current?.();
    detach.current = null;
    press.current = null;
  }, []);

  useEffect(() => stop, [stop]);

  const onPointerDown = (e: ReactPointerEvent<HTMLButtonElement>, template: PaletteTemplate): void => {
    if (e.button !== 0 || !e.isPrimary) return;
    stop();
    suppressClick.current = false;
    press.current = { template, pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, dragging: false };

    const onMove = (ev: PointerEvent): void => {
      const p = press.current;
      if (p === null || ev.pointerId !== p.pointerId) return;
      if (!p.dragging) {
        if (Math.hypot(ev.clientX - p.startX, ev.clientY - p.startY) < DRAG_THRESHOLD) return;
        p.dragging = true;
        last.current = { x: ev.clientX, y: ev.clientY };
        beginDrag({ id: p.template.id, name: p.template.name }, ev.clientX, ev.clientY);
        setGhost(p.template);
      }
      ev.preventDefault();
      placeGhost(ev.clientX, ev.clientY);
      moveDrag(ev.clientX, ev.clientY);
    };
    const onUp = (ev: PointerEvent): void => {
      const p = press.current;
      if (p === null || ev.pointerId !== p.pointerId) return;
      stop();
      if (p.dragging) {
        // The click that may follow belongs to the drag, not to the item.
        suppressClick.current = true;
        setTimeout(() => {
          suppressClick.current = false;
        }, 0);
        setGhost(null);
        endDrag(ev.clientX, ev.clientY);
      }
    };
    const onCancel = (): void => {
      const dragging = press.current?.dragging ?? false;
      stop();
      if (dragging) {
        setGhost(null);
        cancelDrag();
      }
    };
    const onKey = (ev: KeyboardEvent): void => {
      if (ev.key === 'Escape' && press.current?.dragging === true) {
        ev.preventDefault();
        onCancel();
      }
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onCancel);
    window.addEventListener('keydown', onKey, true);
    detach.current = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onCancel);
      window.removeEventListener('keydown', onKey, true);
    };
  };

  const onClick = (template: PaletteTemplate): void => {
    if (suppressClick.current) {
      suppressClick.current = false;
      return;
    }
    onAddAfterSelection?.(template);
  };

  return (
    <div className="sw-palette" data-testid="palette">
      <div className="sw-palette__search">
        <svg width="14" height="14" viewBox="0 0 16 16" fill="none" aria-hidden="true" focusable="false">
          <path d="M7 12A5 5 0 1 0 7 2a5 5 0 0 0 0 10zM10.7 10.7L14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        <input
          type="search"
          placeholder="Search states"
          aria-label="Search states"
          value={query}
          data-testid="palette-search"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setQuery('');
          }}
        />
      </div>
      <div className="sw-palette__list">
        {SECTIONS.map((section) => {
          const inSection = items.filter((t) => t.section === section.id);
          if (inSection.length === 0) return null;
          return (
            <section key={section.id} className="sw-palette__section" aria-label={section.title}>
              <h3 className="sw-palette__heading">{section.title}</h3>
              <ul className="sw-palette__items">
                {inSection.map((t) => (
                  <li key={t.id}>
                    <button
                      type="button"
                      className={`sw-palette__item sw-tone--${t.type.toLowerCase()}`}
                      data-palette-item={t.id}
                      data-testid="palette-item"
                      title={`${t.description}. Drag onto an arrow to insert; click to add after the selected state.`}
                      onPointerDown={(e) => onPointerDown(e, t)}
                      onClick={() => onClick(t)}
                    >
                      <span className="sw-palette__icon">
                        <TypeGlyph type={t.type} />
                      </span>
                      <span className="sw-palette__text">
                        <span className="sw-palette__label">{t.label}</span>
                        <span className="sw-palette__desc">{t.description}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
        {items.length === 0 && (
          <p className="sw-palette__empty" role="status">
            No state matches “{query.trim()}”
          </p>
        )}
      </div>
      <p className="sw-palette__hint">Drag onto an arrow to insert, or click to add after the selection.</p>
      {ghost !== null &&
        createPortal(
          <div
            ref={ghostEl}
            className={`sw-palette-ghost sw-tone--${ghost.type.toLowerCase()}`}
            data-testid="palette-ghost"
            aria-hidden="true"
            style={{ transform: `translate(${last.current.x + 12}px, ${last.current.y + 10}px)` }}
          >
            <span className="sw-palette__icon">
              <TypeGlyph type={ghost.type} />
            </span>
            <span>{ghost.label}</span>
          </div>,
          document.body,
        )}
    </div>
  );
}

export type { PaletteTemplate } from './templates';
export { PALETTE_TEMPLATES };
