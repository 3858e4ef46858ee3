import { useCallback, useEffect, useRef, useState } from 'react';
import type { ServerStatus } from '../bindings/ServerStatus';
import { errorText } from '../lib/api';
import type { ServerApi } from './api';

export interface ServerControl {
  status: ServerStatus;
  /** Asked and not answered yet. */
  busy: boolean;
  /** `mockConfig`: the run panel's mock config, for `#TestCase` executions. */
  start: (mockConfig: string | null) => void;
  attach: (url: string) => void;
  stop: () => void;
}

const OFF: ServerStatus = { mode: 'off', url: null, port: null, executions: 0, error: null };

/**
 * The toolbar's server: its status as Rust pushes it, and the calls that change it.
 * `onArrival` is told when an execution arrived (the runs list is read again).
 */
export function useServer(api: ServerApi | null, notify: (text: string) => void, onArrival: () => void): ServerControl | null {
  const [status, setStatus] = useState<ServerStatus>(OFF);
  const [busy, setBusy] = useState(false);
  const arrival = useRef(onArrival);
  arrival.current = onArrival;
  const seen = useRef(0);

  useEffect(() => {
    if (api === null) return;
    let live = true;
    const take = (s: ServerStatus): void => {
      if (!live) return;
      if (s.executions > seen.current) arrival.current();
      seen.current = s.executions;
      setStatus(s);
    };
    api.status().then(take, () => undefined);
    let off: (() => void) | null = null;
    api.onChanged(take).then(
      (f) => (live ? (off = f) : f()),
      () => undefined,
    );
    return () => {
      live = false;
      off?.();
    };
  }, [api]);

  const ask = useCallback(
    (p: Promise<ServerStatus>) => {
      setBusy(true);
      p.then(
        (s) => {
          seen.current = s.executions;
          setStatus(s);
        },
        (err: unknown) => notify(errorText(err)),
      ).finally(() => setBusy(false));
    },
    [notify],
  );

  const start = useCallback((mockConfig: string | null) => api !== null && ask(api.start({ port: null, mockConfig })), [api, ask]);
  const attach = useCallback((url: string) => api !== null && ask(api.attach(url)), [api, ask]);
  const stop = useCallback(() => api !== null && ask(api.stop()), [api, ask]);

  if (api === null) return null;
  return { status, busy, start, attach, stop };
}
