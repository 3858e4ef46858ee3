/**
 * The run session of the open document: the setup Rust remembers (input, saved inputs, task
 * source, breakpoints, kept runs), the run shown on the canvas (live, kept or imported) and
 * its playback, and the debugger's state (paused, questions). One per window, held by the App
 * so the toolbar's Run button and the workbench share it.
 *
 * The state and its changes live in a store (`sessionStore.ts`), read here with
 * `useSyncExternalStore` next to the playback's own store; this hook only ties the two to
 * React's lifetime (a store per run API, a fresh setup per document).
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ExpressionReply } from '../bindings/ExpressionReply';
import type { ExpressionRequest } from '../bindings/ExpressionRequest';
import type { PreviewReply } from '../bindings/PreviewReply';
import type { PreviewRequest } from '../bindings/PreviewRequest';
import type { ResumeMode } from '../bindings/ResumeMode';
import type { RunFile } from '../bindings/RunFile';
import type { RunFileKind } from '../bindings/RunFileKind';
import type { RunRecord } from '../bindings/RunRecord';
import type { RunStatus } from '../bindings/RunStatus';
import type { RunStatusUpdate } from '../bindings/RunStatusUpdate';
import type { TaskAnswer } from '../bindings/TaskAnswer';
import type { TaskSource } from '../bindings/TaskSource';
import type { RunApi } from './api';
import { createPerfLog, monitorFrames, Playback, SPEEDS, type PerfLog, type PlaybackSnapshot, type Speed } from './playback';
import { isFinal, RunSessionStore, type Notify, type RunSessionState, type ShownRun } from './sessionStore';

export { defaultTasks, isFinal, type ShownRun } from './sessionStore';

/** What the run status badge says. `replaying`: a kept run still playing; `starting`: asked. */
export type ShownStatus = RunStatus | 'replaying' | 'starting';

export interface RunSession extends RunSessionState {
  setInput: (text: string) => void;
  saveInput: (name: string) => void;
  deleteInput: (name: string) => void;
  pickFile: (kind: RunFileKind) => Promise<RunFile | null>;
  setTasks: (tasks: TaskSource) => void;
  toggleBreakpoint: (state: string) => void;
  clearBreakpoints: () => void;
  setPauseAtStart: (on: boolean) => void;
  /** A placeholder's value for the next runs; `null` goes back to the project's. */
  setSubstitution: (name: string, value: string | null) => void;
  status: ShownStatus | null;
  playback: Playback;
  view: PlaybackSnapshot;
  speed: Speed;
  setSpeed: (speed: Speed) => void;
  /** `startAt`: run from that state of the machine's top level ("Run from here"). */
  start: (opts?: { pauseAtStart?: boolean; startAt?: string }) => void;
  stop: () => void;
  /** Pause a running run before its next state. */
  pause: () => void;
  /** The live run is running, not paused. */
  running: boolean;
  resume: (mode: ResumeMode, input: string | null) => void;
  answer: (id: number, answer: TaskAnswer) => void;
  redrive: () => void;
  openRun: (id: string) => void;
  /** Shows a run handed over whole (a test's execution). */
  showRun: (record: RunRecord) => void;
  deleteRun: (id: string) => void;
  exportHistory: () => void;
  importHistory: () => void;
  /** Back to design mode. */
  closeRun: () => void;
  /** Rust kept a run the window did not start (a server's execution): the list is read again. */
  runsChanged: () => void;
  /** One state's data flow without a run. */
  previewState: (request: PreviewRequest) => Promise<PreviewReply>;
  /** A JSONata field's value on a sample input. */
  evaluateExpression: (request: ExpressionRequest) => Promise<ExpressionReply>;
}

const SPEED_KEY = 'stepwise.runSpeed';

function loadSpeed(): Speed {
  try {
    const v = window.localStorage.getItem(SPEED_KEY);
    return SPEEDS.find((s) => s === v) ?? 'fast';
  } catch {
    return 'fast';
  }
}

function saveSpeed(speed: Speed): void {
  try {
    window.localStorage.setItem(SPEED_KEY, speed);
  } catch {
    // The choice then lasts this session.
  }
}

declare global {
  interface Window {
    /** Frame times of run playback, for the performance end-to-end test. */
    __stepwisePerf?: PerfLog;
  }
}

/** The badge's status: a finished live run reads finished only once playback shows the end. */
export function shownStatus(shown: ShownRun | null, live: RunStatusUpdate | null, caughtUp: boolean, starting: boolean): ShownStatus | null {
  if (starting && shown === null) return 'starting';
  if (shown === null) return null;
  if (shown.live) {
    const s = live?.summary.id === shown.summary.id ? live.summary.status : shown.summary.status;
    if (s === 'paused') return 'paused';
    if (isFinal(s) && !caughtUp) return 'running';
    return s;
  }
  return caughtUp ? shown.summary.status : 'replaying';
}

const NO_STORE = (): (() => void) => () => undefined;
const NO_STATE = (): null => null;

/**
 * @param docKey  changes when another document opens: the session starts over.
 * @param notify  shows an error (or a note) to the user.
 */
export function useRunSession(api: RunApi | null, docKey: string, notify: Notify): RunSession | null {
  const [perf] = useState(createPerfLog);
  const [playback] = useState(() => new Playback(loadSpeed(), undefined, perf));
  useEffect(() => () => playback.dispose(), [playback]);
  const view = useSyncExternalStore(playback.subscribe, playback.getSnapshot);

  const latestNotify = useRef(notify);
  latestNotify.current = notify;
  const store = useMemo(() => (api === null ? null : new RunSessionStore(api, playback, (text, kind) => latestNotify.current(text, kind))), [api, playback]);
  const state = useSyncExternalStore(store?.subscribe ?? NO_STORE, store?.getState ?? NO_STATE);
  // Events and status pushed by Rust.
  useEffect(() => store?.connect(), [store]);
  // A new document: start over from its setup.
  useEffect(() => store?.open(), [store, docKey]);

  const active = state?.active ?? false;
  const live = state?.live ?? null;
  const shown = state?.shown ?? null;
  // Frame times while a run plays (window.__stepwisePerf), for the performance end-to-end test.
  const playing = (active && live?.summary.status === 'running') || (shown !== null && !view.caughtUp);
  useEffect(() => {
    if (api !== null) window.__stepwisePerf = perf;
  }, [api, perf]);
  useEffect(() => {
    if (!playing || typeof requestAnimationFrame !== 'function') return;
    return monitorFrames(perf);
  }, [playing, perf]);

  // Stable across renders: the inspector's previews depend on them.
  const tools = useMemo(
    () =>
      api === null
        ? null
        : {
            previewState: (request: PreviewRequest): Promise<PreviewReply> => api.previewState(request),
            evaluateExpression: (request: ExpressionRequest): Promise<ExpressionReply> => api.evaluateExpression(request),
            setSpeed: (speed: Speed): void => {
              saveSpeed(speed);
              playback.setSpeed(speed);
            },
          },
    [api, playback],
  );

  return useMemo(() => {
    if (store === null || state === null || tools === null) return null;
    return {
      ...state,
      setInput: store.setInput,
      saveInput: store.saveInput,
      deleteInput: store.deleteInput,
      pickFile: store.pickFile,
      setTasks: store.setTasks,
      toggleBreakpoint: store.toggleBreakpoint,
      clearBreakpoints: store.clearBreakpoints,
      setPauseAtStart: store.setPauseAtStart,
      setSubstitution: store.setSubstitution,
      status: shownStatus(state.shown, state.live, view.caughtUp, state.starting),
      playback,
      view,
      speed: view.speed,
      setSpeed: tools.setSpeed,
      start: store.start,
      stop: store.stop,
      pause: store.pause,
      running: state.active && state.live?.summary.status === 'running',
      resume: store.resume,
      answer: store.answer,
      redrive: store.redrive,
      openRun: store.openRun,
      showRun: store.showRun,
      deleteRun: store.deleteRun,
      exportHistory: store.exportHistory,
      importHistory: store.importHistory,
      closeRun: store.closeRun,
      runsChanged: store.runsChanged,
      previewState: tools.previewState,
      evaluateExpression: tools.evaluateExpression,
    };
  }, [store, state, tools, view, playback]);
}
