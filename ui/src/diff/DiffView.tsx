/**
 * Compare mode: the new version drawn with its changes marked (removed states as ghosts), the
 * list of changes to step through, and the selected state's JSON in each version side by side.
 * Nothing can be edited here; Escape or Close goes back to the document. The document can still
 * change (undo, redo, a save, a reload from disk): the comparison is then asked for again
 * (`useCompare`) and this view shows the new one in place.
 */
import './diff.css';
import { useCallback, useEffect, useMemo, type ClipboardEvent, type CSSProperties, type ReactElement, type ReactNode } from 'react';
import type { Comparison } from '../bindings/Comparison';
import { Canvas } from '../canvas/Canvas';
import type { ChangeEntry } from './decorations';
import { sideLines } from './decorations';
import { copiedText, wrapLine } from './wrap';
import type { CompareSession } from './useCompare';

const KIND_LABEL: Record<ChangeEntry['kind'], string> = { added: 'Added', removed: 'Removed', renamed: 'Renamed', changed: 'Changed' };
const KIND_SIGN: Record<ChangeEntry['kind'], string> = { added: '+', removed: '−', renamed: '→', changed: '~' };
const NO_COPY = (): Promise<Record<string, unknown>> => Promise.resolve({});
const NO_EDIT = (): void => undefined;

/** `actions`: buttons before Close (a deploy's "Deploy", when the comparison is its preview). */
export function DiffView({ session, comparison, fitSignal, actions }: { session: CompareSession; comparison: Comparison; fitSignal: number; actions?: ReactNode }): ReactElement {
  const { entries, current, select, next, previous, close, marks } = session;
  const entry = current === null ? null : (entries[current] ?? null);
  const selection = useMemo(() => (entry?.pointer == null ? [] : [entry.pointer]), [entry]);
  const onSelectionChange = useCallback(
    (pointers: string[]) => {
      const i = entries.findIndex((e) => e.pointer !== null && pointers.includes(e.pointer));
      if (i >= 0) select(i);
    },
    [entries, select],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') close();
      else if ((e.shiftKey && e.key === 'F8') || (e.altKey && e.key === 'ArrowUp')) previous();
      else if (e.key === 'F8' || (e.altKey && e.key === 'ArrowDown')) next();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close, next, previous]);
  const edges = comparison.diff.edgesAdded.length + comparison.diff.edgesRemoved.length;
  return (
    <main className="diff-mode" data-testid="diff-mode" aria-label={`Comparing with ${comparison.against}`}>
      <header className="diff-bar">
        <span className="diff-bar__title">
          Comparing with <code data-testid="diff-against">{comparison.against}</code>
        </span>
        <span className="diff-bar__count" data-testid="diff-count">
          {entries.length === 0 ? 'No state changed' : `${entries.length} state${entries.length === 1 ? '' : 's'} changed`}
          {edges > 0 && `, ${comparison.diff.edgesAdded.length} transition(s) added, ${comparison.diff.edgesRemoved.length} removed`}
        </span>
        <span className="diff-legend" aria-hidden="true">
          <i className="diff-swatch diff-swatch--added" /> added <i className="diff-swatch diff-swatch--changed" /> changed <i className="diff-swatch diff-swatch--renamed" /> renamed <i className="diff-swatch diff-swatch--removed" /> removed
        </span>
        <span className="spacer" />
        <button type="button" className="button" onClick={previous} disabled={entries.length === 0} title="Previous change (Shift+F8)" data-testid="diff-previous">
          ↑ Previous
        </button>
        <button type="button" className="button" onClick={next} disabled={entries.length === 0} title="Next change (F8)" data-testid="diff-next">
          ↓ Next
        </button>
        {actions}
        <button type="button" className="button" onClick={close} title="Back to the document (Escape)" data-testid="diff-close">
          {actions === undefined ? 'Close' : 'Cancel'}
        </button>
      </header>
      <div className="diff-body">
        <nav className="diff-list" aria-label="Changes" data-testid="diff-list">
          {comparison.diff.machine.length > 0 && (
            <div className="diff-machine" data-testid="diff-machine">
              Machine: {comparison.diff.machine.map((f) => f.pointer.replace(/^\//, '')).join(', ')}
            </div>
          )}
          {entries.length === 0 && <p className="diff-empty">The two versions have the same states.</p>}
          {entries.map((e) => (
            <button
              key={e.index}
              type="button"
              className={`diff-row diff-row--${e.kind}`}
              aria-current={e.index === current ? 'true' : undefined}
              onClick={() => select(e.index)}
              data-testid="diff-change"
              data-kind={e.kind}
              data-state={e.state}
            >
              <span className={`diff-sign diff-sign--${e.kind}`} title={KIND_LABEL[e.kind]}>
                {KIND_SIGN[e.kind]}
              </span>
              <span className="diff-row__name">{e.state}</span>
              <span className="diff-row__detail">{e.detail}</span>
            </button>
          ))}
        </nav>
        <div className="diff-canvas">
          <Canvas view={comparison.view} selection={selection} onSelectionChange={onSelectionChange} onEdit={NO_EDIT} copyStates={NO_COPY} fitSignal={fitSignal} diff={marks} />
        </div>
        <SideBySide comparison={comparison} entry={entry} />
      </div>
    </main>
  );
}

function SideBySide({ comparison, entry }: { comparison: Comparison; entry: ChangeEntry | null }): ReactElement {
  if (entry === null) {
    return (
      <aside className="diff-inspector" data-testid="diff-inspector">
        <p className="diff-empty">Select a change to see the state in both versions.</p>
      </aside>
    );
  }
  const sides = comparison.sides[entry.index];
  const before = sides?.before ?? null;
  const after = sides?.after ?? null;
  return (
    <aside className="diff-inspector" data-testid="diff-inspector" data-state={entry.state} data-kind={entry.kind}>
      <h2 className="diff-inspector__title">
        <span className={`diff-sign diff-sign--${entry.kind}`}>{KIND_SIGN[entry.kind]}</span> {entry.state}
        <span className="diff-inspector__kind">{KIND_LABEL[entry.kind]}</span>
      </h2>
      {entry.fields.length > 0 && (
        <ul className="diff-fields" data-testid="diff-fields">
          {entry.fields.map((f) => (
            <li key={f.pointer} data-pointer={f.pointer}>
              <code>{f.pointer === '' ? '/' : f.pointer}</code>
            </li>
          ))}
        </ul>
      )}
      <div className="diff-sides">
        <Side title="Before" value={before} other={after} testId="diff-before" />
        <Side title="After" value={after} other={before} testId="diff-after" />
      </div>
    </aside>
  );
}

function Side({ title, value, other, testId }: { title: string; value: unknown; other: unknown; testId: string }): ReactElement {
  const lines = sideLines(value, other);
  const onCopy = useCallback((e: ClipboardEvent<HTMLPreElement>) => {
    const selected = window.getSelection()?.toString() ?? '';
    if (selected === '') return;
    e.clipboardData.setData('text/plain', copiedText(selected));
    e.preventDefault();
  }, []);
  return (
    <section className="diff-side" data-testid={testId}>
      <h3>{title}</h3>
      {lines.length === 0 ? (
        <p className="diff-empty">Not in this version</p>
      ) : (
        <pre className="diff-json" onCopy={onCopy}>
          {lines.map((l, i) => {
            const { indent, shown } = wrapLine(l.text);
            return (
              <span
                key={i}
                className={l.changed ? 'diff-line is-changed' : 'diff-line'}
                data-changed={l.changed ? 'true' : undefined}
                style={{ '--indent': indent } as CSSProperties}
              >
                {shown}
                {'\n'}
              </span>
            );
          })}
        </pre>
      )}
    </section>
  );
}
