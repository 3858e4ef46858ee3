import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CompareWith } from '../bindings/CompareWith';
import type { Comparison } from '../bindings/Comparison';
import { errorText } from '../lib/api';
import type { DiffApi } from './api';
import { canvasDiff, changeEntries, step, type CanvasDiff, type ChangeEntry } from './decorations';

export interface CompareSession {
  /** The "Compare…" dialog is open. */
  asking: boolean;
  ask: () => void;
  cancel: () => void;
  compare: (with_: CompareWith) => void;
  /** The comparison shown; `null` outside compare mode. */
  comparison: Comparison | null;
  entries: ChangeEntry[];
  marks: CanvasDiff | null;
  /** Index of the selected entry. */
  current: number | null;
  /** Changes when a new comparison is asked for (the canvas fits it), not when it is refreshed. */
  fitKey: number;
  select: (index: number | null) => void;
  next: () => void;
  previous: () => void;
  close: () => void;
  /** Shows a comparison made elsewhere (the deployed definition against the document). */
  show: (comparison: Comparison) => void;
}

/**
 * How long the document must stay still before a shown comparison is asked for again: a burst
 * of edits (typing, undo held down) is one request.
 */
export const REFRESH_MS = 150;

/** What is shown: the comparison, what it was asked with, and the document it is of. */
interface Shown {
  comparison: Comparison;
  /** To ask again: a file picked in a dialog is named by its path; `null` for a comparison
   * handed over whole (the deployed machine's, before a deploy), which is not asked again. */
  with_: CompareWith | null;
  /** The document's `version` the comparison is of. */
  version: string | null;
  current: number | null;
}

/** The request that gives this comparison again, with no dialog. */
export function againWith(with_: CompareWith, c: Comparison): CompareWith {
  return with_.kind === 'file' && with_.path === null ? { kind: 'file', path: c.against } : with_;
}

/**
 * The entry to select in a refreshed list: the same state when it is still changed, else the
 * one now at its place (the last when the list got shorter), none when nothing changed.
 */
export function reselect(before: ChangeEntry[], current: number | null, after: ChangeEntry[]): number | null {
  if (after.length === 0) return null;
  if (current === null) return null;
  const was = before[current];
  if (was !== undefined) {
    const same = after.findIndex((e) => e.state === was.state);
    if (same >= 0) return same;
  }
  return Math.min(current, after.length - 1);
}

/**
 * Compare mode's state: the dialog, the comparison, the selected change. `version` names the
 * document as it is (its revision and whether it is saved): when it changes while a comparison
 * is shown (an edit, undo, redo, a save, a reload from disk), the comparison is asked for again
 * and replaces the shown one when it arrives, keeping the selected state, so the list, the marks
 * and the side-by-side fields are of the document as it is, with no blank in between.
 */
export function useCompare(api: DiffApi | null, notify: (text: string) => void, version: string | null = null): CompareSession | null {
  const [asking, setAsking] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [fitKey, setFitKey] = useState(0);
  const comparison = shown?.comparison ?? null;
  const current = shown?.current ?? null;
  const entries = useMemo(() => (comparison === null ? [] : changeEntries(comparison)), [comparison]);
  const marks = useMemo(() => (comparison === null ? null : canvasDiff(comparison)), [comparison]);
  // Only the latest request's answer is shown (a refresh can cross a new comparison or a close).
  const ticket = useRef(0);
  const versionRef = useRef(version);
  versionRef.current = version;

  const request = useCallback(
    (with_: CompareWith, fresh: boolean) => {
      if (api === null) return;
      const mine = ++ticket.current;
      const of = versionRef.current;
      api.compare(with_).then(
        (c) => {
          if (c === null || mine !== ticket.current) return;
          const again = againWith(with_, c);
          if (fresh) {
            setShown({ comparison: c, with_: again, version: of, current: c.diff.changes.length > 0 ? 0 : null });
            setFitKey((k) => k + 1);
          } else {
            setShown((prev) =>
              prev === null ? null : { comparison: c, with_: again, version: of, current: reselect(changeEntries(prev.comparison), prev.current, changeEntries(c)) },
            );
          }
        },
        (err: unknown) => {
          if (mine !== ticket.current) return;
          // A refresh that fails keeps what is shown, marked as of the document asked about,
          // so it is not asked again until the document changes again.
          if (!fresh) setShown((prev) => (prev === null ? null : { ...prev, version: of }));
          notify(errorText(err));
        },
      );
    },
    [api, notify],
  );

  const compare = useCallback(
    (with_: CompareWith) => {
      setAsking(false);
      request(with_, true);
    },
    [request],
  );

  const stale = shown !== null && shown.version !== version;
  const shownWith = shown?.with_;
  useEffect(() => {
    if (!stale || shownWith === undefined || shownWith === null) return;
    const t = window.setTimeout(() => request(shownWith, false), REFRESH_MS);
    return () => window.clearTimeout(t);
  }, [stale, version, shownWith, request]);

  const count = entries.length;
  const select = useCallback((index: number | null) => setShown((s) => (s === null ? null : { ...s, current: index })), []);
  const next = useCallback(() => setShown((s) => (s === null ? null : { ...s, current: step(s.current, count, 1) })), [count]);
  const previous = useCallback(() => setShown((s) => (s === null ? null : { ...s, current: step(s.current, count, -1) })), [count]);
  const close = useCallback(() => {
    ticket.current += 1;
    setShown(null);
  }, []);
  const ask = useCallback(() => setAsking(true), []);
  const cancel = useCallback(() => setAsking(false), []);
  const show = useCallback((c: Comparison) => {
    ticket.current += 1;
    setShown({ comparison: c, with_: null, version: versionRef.current, current: c.diff.changes.length > 0 ? 0 : null });
    setFitKey((k) => k + 1);
  }, []);
  if (api === null) return null;
  return { asking, ask, cancel, compare, comparison, entries, marks, current, fitKey, select, next, previous, close, show };
}
