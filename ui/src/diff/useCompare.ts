import { useCallback, useMemo, useState } from 'react';
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
  select: (index: number | null) => void;
  next: () => void;
  previous: () => void;
  close: () => void;
}

/** Compare mode's state: the dialog, the comparison, the selected change. */
export function useCompare(api: DiffApi | null, notify: (text: string) => void): CompareSession | null {
  const [asking, setAsking] = useState(false);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [current, setCurrent] = useState<number | null>(null);
  const entries = useMemo(() => (comparison === null ? [] : changeEntries(comparison)), [comparison]);
  const marks = useMemo(() => (comparison === null ? null : canvasDiff(comparison)), [comparison]);
  const compare = useCallback(
    (with_: CompareWith) => {
      if (api === null) return;
      setAsking(false);
      api.compare(with_).then(
        (c) => {
          if (c === null) return;
          setComparison(c);
          setCurrent(c.diff.changes.length > 0 ? 0 : null);
        },
        (err: unknown) => notify(errorText(err)),
      );
    },
    [api, notify],
  );
  const count = entries.length;
  const next = useCallback(() => setCurrent((i) => step(i, count, 1)), [count]);
  const previous = useCallback(() => setCurrent((i) => step(i, count, -1)), [count]);
  const close = useCallback(() => {
    setComparison(null);
    setCurrent(null);
  }, []);
  const ask = useCallback(() => setAsking(true), []);
  const cancel = useCallback(() => setAsking(false), []);
  if (api === null) return null;
  return { asking, ask, cancel, compare, comparison, entries, marks, current, select: setCurrent, next, previous, close };
}
