/** Ctrl+F on the canvas: find a state by name, Enter selects and centres it. */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { TypeGlyph } from './icons';
import { unescapeSegment } from './pointers';
import type { CanvasStateRow } from './types';

const MAX_RESULTS = 50;

export interface FindStateProps {
  states: ReadonlyArray<CanvasStateRow>;
  onPick: (pointer: string) => void;
  onClose: () => void;
}

/** Where a nested state lives, for people: `/States/Fork/Branches/0/States/A` -> `Fork › branch 1`. */
export function scopeLabel(pointer: string): string {
  const parts = pointer.split('/').slice(1).map(unescapeSegment);
  const out: string[] = [];
  for (let i = 0; i < parts.length - 2; i++) {
    const p = parts[i];
    const next = parts[i + 1];
    if (p === 'States' && next !== undefined) {
      out.push(next);
      i++;
    } else if (p === 'Branches' && next !== undefined) {
      out.push(`branch ${Number(next) + 1}`);
      i++;
    }
  }
  return out.join(' › ');
}

/** States whose name contains `query` (case-insensitive), names starting with it first. */
export function matchStates(states: ReadonlyArray<CanvasStateRow>, query: string): CanvasStateRow[] {
  const q = query.trim().toLowerCase();
  if (q === '') return states.slice(0, MAX_RESULTS);
  const starts: CanvasStateRow[] = [];
  const inside: CanvasStateRow[] = [];
  for (const s of states) {
    const n = s.name.toLowerCase();
    if (n.startsWith(q)) starts.push(s);
    else if (n.includes(q)) inside.push(s);
  }
  return starts.concat(inside).slice(0, MAX_RESULTS);
}

export function FindState({ states, onPick, onClose }: FindStateProps): ReactElement {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const results = useMemo(() => matchStates(states, query), [states, query]);
  const current = Math.min(active, Math.max(0, results.length - 1));

  useEffect(() => {
    input.current?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(Math.min(current + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(current - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = results[current];
      if (hit !== undefined) onPick(hit.pointer);
    }
  };

  return (
    <div className="sw-find" data-testid="find-state" role="dialog" aria-label="Find a state">
      <input
        ref={input}
        className="sw-find__input"
        type="search"
        placeholder="Find a state…"
        value={query}
        aria-label="State name"
        aria-controls="sw-find-results"
        aria-activedescendant={results[current] !== undefined ? `sw-find-${current}` : undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="sw-find__results" id="sw-find-results" role="listbox" aria-label="Matching states">
        {results.length === 0 && <li className="sw-find__empty">No state matches</li>}
        {results.map((s, i) => (
          <li
            key={s.pointer}
            id={`sw-find-${i}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'sw-find__item is-active' : 'sw-find__item'}
            data-testid="find-state-item"
            data-pointer={s.pointer}
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(s.pointer);
            }}
          >
            <span className={`sw-find__glyph sw-tone--${s.stateType.toLowerCase()}`}>
              <TypeGlyph type={s.stateType} size={14} />
            </span>
            <span className="sw-find__name">{s.name}</span>
            {s.depth > 0 && (
              <span className="sw-find__path" title={s.pointer}>
                {scopeLabel(s.pointer)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
