import { useCallback, useEffect, useState } from 'react';
import type { RecoveredDocument } from '../bindings/RecoveredDocument';
import type { DocumentApi } from './api';
import { errorText } from './api';

/**
 * The documents an earlier session left with unsaved edits (it was killed or crashed), as
 * Rust kept them; asked for once when the window opens. Restoring or discarding one takes it
 * off the list.
 */
export function useRecovered(
  api: DocumentApi,
  notify: (text: string) => void,
): {
  recovered: RecoveredDocument[];
  discard: (id: string) => void;
  restored: (id: string) => void;
} {
  const [recovered, setRecovered] = useState<RecoveredDocument[]>([]);
  useEffect(() => {
    let live = true;
    api.listRecovered().then(
      (list) => live && setRecovered(list),
      (err: unknown) => live && notify(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [api, notify]);
  const discard = useCallback(
    (id: string) => {
      api.discardRecovered(id).then(setRecovered, (err: unknown) => notify(errorText(err)));
    },
    [api, notify],
  );
  const restored = useCallback((id: string) => setRecovered((list) => list.filter((d) => d.id !== id)), []);
  return { recovered, discard, restored };
}
