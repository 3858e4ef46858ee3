import { useCallback, useEffect, useRef, useState } from 'react';
import type { CloudLink } from '../bindings/CloudLink';
import type { CloudMachine } from '../bindings/CloudMachine';
import type { CloudRun } from '../bindings/CloudRun';
import type { CloudStatus } from '../bindings/CloudStatus';
import type { ExecutionSummary } from '../bindings/ExecutionSummary';
import type { MachineSummary } from '../bindings/MachineSummary';
import type { Target } from '../bindings/Target';
import { errorText } from '../lib/api';
import type { CloudApi } from './api';

/** The statuses ListExecutions filters by; '' is all. */
export const EXECUTION_STATUSES = ['', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;
export type ExecutionFilter = (typeof EXECUTION_STATUSES)[number];

export interface CloudBrowser {
  status: CloudStatus;
  /** A connection is being tried. */
  connecting: boolean;
  connect: (target: Target) => void;
  query: string;
  search: (query: string) => void;
  machines: MachineSummary[];
  /** More machines match beyond those listed. */
  hasMore: boolean;
  loadingMachines: boolean;
  more: () => void;
  selected: CloudMachine | null;
  select: (arn: string) => void;
  filter: ExecutionFilter;
  setFilter: (f: ExecutionFilter) => void;
  executions: ExecutionSummary[];
  hasMoreExecutions: boolean;
  moreExecutions: () => void;
  refreshExecutions: () => void;
  /** The deployed machine the open document is linked to. */
  link: CloudLink | null;
  refreshLink: () => void;
  /** Replays (or follows, while it runs) an execution as a run of the Runs list. */
  openExecution: (arn: string) => Promise<CloudRun | null>;
  stop: (arn: string) => void;
  redrive: (arn: string) => Promise<CloudRun | null>;
}

const DISCONNECTED: CloudStatus = { connected: false, profile: null, region: null, endpoint: null, error: null };

/**
 * The AWS panel's state: the connection, the account's machines (searched a page at a time),
 * the selected machine with its executions (filtered by status), and the open document's link.
 * `docKey` changes with the document (its link is read again); `onRun` is told when an
 * execution became a run (the Runs list is read again).
 */
export function useCloud(api: CloudApi | null, docKey: string, notify: (text: string) => void, onRun: () => void): CloudBrowser | null {
  const [status, setStatus] = useState<CloudStatus>(DISCONNECTED);
  const [connecting, setConnecting] = useState(false);
  const [query, setQuery] = useState('');
  const [machines, setMachines] = useState<MachineSummary[]>([]);
  const [token, setToken] = useState<string | null>(null);
  const [loadingMachines, setLoadingMachines] = useState(false);
  const [selected, setSelected] = useState<CloudMachine | null>(null);
  const [filter, setFilterState] = useState<ExecutionFilter>('');
  const [executions, setExecutions] = useState<ExecutionSummary[]>([]);
  const [executionsToken, setExecutionsToken] = useState<string | null>(null);
  const [link, setLink] = useState<CloudLink | null>(null);
  // Only the newest listing's answer is shown (typing in the search crosses answers).
  const listing = useRef(0);
  const run = useRef(onRun);
  run.current = onRun;
  const told = useRef(notify);
  told.current = notify;

  const fail = useCallback((err: unknown) => told.current(errorText(err)), []);

  const list = useCallback(
    (q: string, from: string | null) => {
      if (api === null) return;
      const mine = ++listing.current;
      setLoadingMachines(true);
      api.machines(q, from).then(
        (page) => {
          if (mine !== listing.current) return;
          setMachines((m) => (from === null ? page.items : [...m, ...page.items]));
          setToken(page.nextToken);
        },
        (err: unknown) => mine === listing.current && fail(err),
      ).finally(() => mine === listing.current && setLoadingMachines(false));
    },
    [api, fail],
  );

  const refreshLink = useCallback(() => {
    api?.link().then(setLink, () => setLink(null));
  }, [api]);

  // What Rust holds already (the window reloaded). `list` changes only with `api`.
  useEffect(() => {
    if (api === null) return;
    api.status().then((s) => {
      setStatus(s);
      if (s.connected) list('', null);
    }, () => undefined);
  }, [api, list]);
  useEffect(() => refreshLink(), [refreshLink, docKey]);

  const connect = useCallback(
    (target: Target) => {
      if (api === null) return;
      setConnecting(true);
      api.connect(target).then(
        (s) => {
          setStatus(s);
          setSelected(null);
          setMachines([]);
          if (s.connected) list(query, null);
        },
        fail,
      ).finally(() => setConnecting(false));
    },
    [api, fail, list, query],
  );

  const search = useCallback(
    (q: string) => {
      setQuery(q);
      list(q, null);
    },
    [list],
  );
  const more = useCallback(() => token !== null && list(query, token), [list, query, token]);

  const loadExecutions = useCallback(
    (machineArn: string, f: ExecutionFilter, from: string | null) => {
      if (api === null) return;
      api.executions({ machineArn, status: f === '' ? null : f, token: from }).then((page) => {
        setExecutions((e) => (from === null ? page.items : [...e, ...page.items]));
        setExecutionsToken(page.nextToken);
      }, fail);
    },
    [api, fail],
  );

  const select = useCallback(
    (arn: string) => {
      if (api === null) return;
      api.machine(arn).then((m) => {
        setSelected(m);
        setExecutions([]);
        loadExecutions(m.machine.arn, filter, null);
      }, fail);
    },
    [api, fail, filter, loadExecutions],
  );
  const selectedArn = selected?.machine.arn ?? null;
  const setFilter = useCallback(
    (f: ExecutionFilter) => {
      setFilterState(f);
      if (selectedArn !== null) loadExecutions(selectedArn, f, null);
    },
    [loadExecutions, selectedArn],
  );
  const refreshExecutions = useCallback(() => selectedArn !== null && loadExecutions(selectedArn, filter, null), [loadExecutions, selectedArn, filter]);
  const moreExecutions = useCallback(
    () => selectedArn !== null && executionsToken !== null && loadExecutions(selectedArn, filter, executionsToken),
    [loadExecutions, selectedArn, filter, executionsToken],
  );

  const asRun = useCallback(
    async (p: Promise<CloudRun>): Promise<CloudRun | null> => {
      try {
        const r = await p;
        run.current();
        return r;
      } catch (err: unknown) {
        fail(err);
        return null;
      }
    },
    [fail],
  );
  const openExecution = useCallback((arn: string) => (api === null ? Promise.resolve(null) : asRun(api.openExecution(arn))), [api, asRun]);
  const redrive = useCallback((arn: string) => (api === null ? Promise.resolve(null) : asRun(api.redrive(arn))), [api, asRun]);
  const stop = useCallback(
    (arn: string) => {
      api?.stop(arn).then(() => refreshExecutions(), fail);
    },
    [api, fail, refreshExecutions],
  );

  if (api === null) return null;
  return {
    status,
    connecting,
    connect,
    query,
    search,
    machines,
    hasMore: token !== null,
    loadingMachines,
    more,
    selected,
    select,
    filter,
    setFilter,
    executions,
    hasMoreExecutions: executionsToken !== null,
    moreExecutions,
    refreshExecutions,
    link,
    refreshLink,
    openExecution,
    stop,
    redrive,
  };
}
