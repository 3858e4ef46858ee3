/**
 * The Tests panel's session: a store per tests API (see `testsStore.ts`) read with
 * `useSyncExternalStore`, started over whenever another document opens.
 */
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { TestsApi } from './api';
import { TestsStore, type Notify, type TestsState } from './testsStore';

export interface TestsSession extends TestsState {
  store: TestsStore;
}

const NO_STORE = (): (() => void) => () => undefined;
const NO_STATE = (): null => null;

export function useTests(api: TestsApi | null, docKey: string, notify: Notify): TestsSession | null {
  const latestNotify = useRef(notify);
  latestNotify.current = notify;
  const store = useMemo(() => (api === null ? null : new TestsStore(api, (text, kind) => latestNotify.current(text, kind))), [api]);
  const state = useSyncExternalStore(store?.subscribe ?? NO_STORE, store?.getState ?? NO_STATE);
  useEffect(() => {
    if (store !== null && docKey !== '') store.open();
  }, [store, docKey]);
  return useMemo(() => (store === null || state === null ? null : { ...state, store }), [store, state]);
}
