/**
 * The run session of the open document: the setup Rust remembers (input, saved inputs, task
 * source, breakpoints, kept runs), the run shown on the canvas (live, kept or imported) and
 * its playback, and the debugger's state (paused, questions). One per window, held by the App
 * so the toolbar's Run button and the workbench share it.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ExpressionReply } from '../bindings/ExpressionReply';
import type { ExpressionRequest } from '../bindings/ExpressionRequest';
import type { PreviewReply } from '../bindings/PreviewReply';
import type { PreviewRequest } from '../bindings/PreviewRequest';
import type { ResumeMode } from '../bindings/ResumeMode';
import type { RunEvent } from '../bindings/RunEvent';
import type { RunFile } from '../bindings/RunFile';
import type { RunFileKind } from '../bindings/RunFileKind';
import type { RunRecord } from '../bindings/RunRecord';
import type { RunRequest } from '../bindings/RunRequest';
import type { RunStatus } from '../bindings/RunStatus';
import type { RunStatusUpdate } from '../bindings/RunStatusUpdate';
import type { RunSummary } from '../bindings/RunSummary';
import type { SavedInput } from '../bindings/SavedInput';
import type { TaskAnswer } from '../bindings/TaskAnswer';
import type { TaskSource } from '../bindings/TaskSource';
import { errorText } from '../lib/api';
import type { RunApi } from './api';
import { createPerfLog, monitorFrames, Playback, SPEEDS, type PerfLog, type PlaybackSnapshot, type Speed } from './playback';

/** What the run status badge says. `replaying`: a kept run still playing; `starting`: asked. */
export type ShownStatus = RunStatus | 'replaying' | 'starting';

export interface ShownRun {
  summary: RunSummary;
  /** The run going on now (as opposed to one opened from the list or a file). */
  live: boolean;
}

export interface RunSession {
  ready: boolean;
  input: string;
  setInput: (text: string) => void;
  savedInputs: SavedInput[];
  saveInput: (name: string) => void;
  deleteInput: (name: string) => void;
  files: RunFile[];
  pickFile: (kind: RunFileKind) => Promise<RunFile | null>;
  tasks: TaskSource;
  setTasks: (tasks: TaskSource) => void;
  breakpoints: ReadonlySet<string>;
  toggleBreakpoint: (state: string) => void;
  clearBreakpoints: () => void;
  pauseAtStart: boolean;
  setPauseAtStart: (on: boolean) => void;
  runs: RunSummary[];
  /** The run on the canvas, `null` in design mode. */
  shown: ShownRun | null;
  /** The live run's latest status (pause, questions). */
  live: RunStatusUpdate | null;
  /** A run is going on (running or paused). */
  active: boolean;
  starting: boolean;
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
  deleteRun: (id: string) => void;
  exportHistory: () => void;
  importHistory: () => void;
  /** Back to design mode. */
  closeRun: () => void;
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

/** The task source to offer first: the last one, else the first usable mock config, else ask. */
export function defaultTasks(files: readonly RunFile[], last: TaskSource | null): TaskSource {
  if (last !== null) return last;
  const mocks = files.find((f) => f.kind === 'mocks' && f.error === null && f.testCases.length > 0);
  if (mocks !== undefined) return { kind: 'mocks', path: mocks.path, testCase: mocks.testCases[0] ?? '' };
  const handlers = files.find((f) => f.kind === 'handlers' && f.error === null);
  if (handlers !== undefined) return { kind: 'handlers', path: handlers.path };
  return { kind: 'ask' };
}

export function isFinal(status: RunStatus): boolean {
  return status !== 'running' && status !== 'paused';
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

/**
 * @param docKey  changes when another document opens: the session starts over.
 * @param notify  shows an error (or a note) to the user.
 */
export function useRunSession(api: RunApi | null, docKey: string, notify: (text: string, kind?: 'error' | 'info') => void): RunSession | null {
  const [perf] = useState(createPerfLog);
  const [playback] = useState(() => new Playback(loadSpeed(), undefined, perf));
  useEffect(() => () => playback.dispose(), [playback]);
  const view = useSyncExternalStore(playback.subscribe, playback.getSnapshot);

  const [ready, setReady] = useState(false);
  const [input, setInput] = useState('{}');
  const [savedInputs, setSavedInputs] = useState<SavedInput[]>([]);
  const [files, setFiles] = useState<RunFile[]>([]);
  const [tasks, setTasks] = useState<TaskSource>({ kind: 'ask' });
  const [breakpoints, setBreakpointList] = useState<string[]>([]);
  const [pauseAtStart, setPauseAtStart] = useState(false);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [shown, setShown] = useState<ShownRun | null>(null);
  const [live, setLive] = useState<RunStatusUpdate | null>(null);
  const [starting, setStarting] = useState(false);

  const latest = useRef({ api, notify });
  latest.current = { api, notify };
  /** The live run's id, for the event listeners. */
  const liveId = useRef<string | null>(null);
  /** Waiting for start_run's answer: events of a new run are kept until it comes. */
  const awaiting = useRef(false);
  const early = useRef(new Map<string, RunEvent[]>());
  /** Whether the live run is the one on the canvas (events go to playback). */
  const liveShown = useRef(false);

  const fail = useCallback((err: unknown) => latest.current.notify(errorText(err), 'error'), []);

  const refreshRuns = useCallback(() => {
    latest.current.api?.listRuns().then(setRuns, () => undefined);
  }, []);

  const adoptLive = useCallback(
    (update: RunStatusUpdate) => {
      const id = update.summary.id;
      liveId.current = id;
      awaiting.current = false;
      liveShown.current = true;
      const buffered = early.current.get(id) ?? [];
      early.current.clear();
      playback.load(buffered);
      setShown({ summary: update.summary, live: true });
      setLive(update);
      setStarting(false);
    },
    [playback],
  );

  // Events and status pushed by Rust.
  useEffect(() => {
    if (api === null) return;
    let live_ = true;
    const offs: Array<() => void> = [];
    const keep = (p: Promise<() => void>): void => {
      p.then(
        (off) => (live_ ? offs.push(off) : off()),
        () => undefined,
      );
    };
    keep(
      api.onRunEvents((batch) => {
        if (batch.runId === liveId.current) {
          if (liveShown.current) playback.append(batch.events);
          return;
        }
        if (awaiting.current) {
          const list = early.current.get(batch.runId) ?? [];
          list.push(...batch.events);
          early.current.set(batch.runId, list);
        }
      }),
    );
    keep(
      api.onRunStatus((update) => {
        const id = update.summary.id;
        if (id !== liveId.current) {
          if (!awaiting.current) return;
          adoptLive(update);
        }
        setLive(update);
        setShown((s) => (s !== null && s.summary.id === id ? { ...s, summary: update.summary } : s));
        if (isFinal(update.summary.status)) refreshRuns();
      }),
    );
    return () => {
      live_ = false;
      for (const off of offs) off();
    };
  }, [api, playback, adoptLive, refreshRuns]);

  // A new document: start over from its setup.
  useEffect(() => {
    if (api === null) return;
    let current = true;
    setReady(false);
    setShown(null);
    setLive(null);
    liveId.current = null;
    liveShown.current = false;
    playback.load([]);
    api.runSetup().then(
      (setup) => {
        if (!current) return;
        setInput(setup.input);
        setSavedInputs(setup.savedInputs);
        setFiles(setup.files);
        setTasks(defaultTasks(setup.files, setup.lastTasks));
        setBreakpointList(setup.breakpoints);
        setRuns(setup.runs);
        setReady(true);
        const active = setup.active;
        if (active !== null) {
          // A run still going on (the window reloaded): show it with its events so far.
          adoptLive(active);
          api.openRun(active.summary.id).then(
            (record) => current && liveId.current === active.summary.id && playback.load(record.events),
            () => undefined,
          );
        }
      },
      (err: unknown) => {
        if (current) {
          setReady(true);
          fail(err);
        }
      },
    );
    return () => {
      current = false;
    };
  }, [api, docKey, playback, adoptLive, fail]);

  const active = live !== null && live.summary.id === liveId.current && !isFinal(live.summary.status);

  // Frame times while a run plays (window.__stepwisePerf), for the performance end-to-end test.
  const playing = (active && live?.summary.status === 'running') || (shown !== null && !view.caughtUp);
  useEffect(() => {
    if (api !== null) window.__stepwisePerf = perf;
  }, [api, perf]);
  useEffect(() => {
    if (!playing || typeof requestAnimationFrame !== 'function') return;
    return monitorFrames(perf);
  }, [playing, perf]);
  const status = shownStatus(shown, live, view.caughtUp, starting);

  /** Shows the run a start or a redrive began, or says why it could not begin. */
  const follow = useCallback(
    (started: Promise<RunStatusUpdate>) => {
      started.then(
        (update) => {
          if (liveId.current !== update.summary.id) adoptLive(update);
          refreshRuns();
        },
        (err: unknown) => {
          awaiting.current = false;
          setStarting(false);
          fail(err);
        },
      );
    },
    [adoptLive, refreshRuns, fail],
  );

  const start = useCallback(
    (opts: { pauseAtStart?: boolean; startAt?: string } = {}) => {
      const a = latest.current.api;
      if (a === null || awaiting.current) return;
      try {
        JSON.parse(input);
      } catch (err: unknown) {
        latest.current.notify(`The input is not valid JSON: ${errorText(err)}`, 'error');
        return;
      }
      awaiting.current = true;
      early.current.clear();
      setStarting(true);
      setShown(null);
      playback.load([]);
      const request: RunRequest = { input, tasks, breakpoints: [...breakpoints], pauseAtStart: opts.pauseAtStart ?? pauseAtStart };
      if (opts.startAt !== undefined) request.startAt = opts.startAt;
      follow(a.startRun(request));
    },
    [input, tasks, breakpoints, pauseAtStart, playback, follow],
  );

  const stop = useCallback(() => {
    latest.current.api?.stopRun().catch(fail);
  }, [fail]);

  const pause = useCallback(() => {
    latest.current.api?.pauseRun().catch(fail);
  }, [fail]);

  const resume = useCallback(
    (mode: ResumeMode, edited: string | null) => {
      latest.current.api?.resumeRun(mode, edited).catch(fail);
    },
    [fail],
  );

  const answer = useCallback(
    (id: number, a: TaskAnswer) => {
      // The question goes at once; the next status brings the rest.
      setLive((l) => (l === null ? l : { ...l, questions: l.questions.filter((q) => q.id !== id) }));
      latest.current.api?.answerTask(id, a).catch(fail);
    },
    [fail],
  );

  const showRecord = useCallback(
    (record: RunRecord) => {
      liveShown.current = false;
      playback.load(record.events);
      setShown({ summary: record.summary, live: false });
    },
    [playback],
  );

  const redrive = useCallback(() => {
    const a = latest.current.api;
    if (a === null || shown === null) return;
    awaiting.current = true;
    early.current.clear();
    setStarting(true);
    follow(a.redriveRun(shown.summary.id));
  }, [shown, follow]);

  const openRun = useCallback(
    (id: string) => {
      const a = latest.current.api;
      if (a === null) return;
      if (id === liveId.current && live !== null) {
        // The live run: its events are the ones kept so far, and more follow.
        a.openRun(id).then((record) => {
          liveShown.current = true;
          playback.load(record.events);
          setShown({ summary: live.summary, live: true });
        }, fail);
        return;
      }
      a.openRun(id).then(showRecord, fail);
    },
    [live, playback, showRecord, fail],
  );

  const deleteRun = useCallback(
    (id: string) => {
      const a = latest.current.api;
      if (a === null) return;
      a.deleteRun(id).then((list) => {
        setRuns(list);
        setShown((s) => {
          if (s?.summary.id !== id) return s;
          playback.load([]);
          return null;
        });
      }, fail);
    },
    [playback, fail],
  );

  const exportHistory = useCallback(() => {
    const a = latest.current.api;
    if (a === null || shown === null) return;
    a.exportHistory(shown.summary.id).then(
      (path) => path !== null && latest.current.notify(`History saved to ${path}`, 'info'),
      fail,
    );
  }, [shown, fail]);

  const importHistory = useCallback(() => {
    const a = latest.current.api;
    if (a === null) return;
    a.importHistory().then((record) => {
      if (record === null) return;
      showRecord(record);
      refreshRuns();
    }, fail);
  }, [showRecord, refreshRuns, fail]);

  const closeRun = useCallback(() => {
    liveShown.current = false;
    playback.load([]);
    setShown(null);
  }, [playback]);

  const setBreakpoints = useCallback(
    (next: string[]) => {
      setBreakpointList(next);
      latest.current.api?.setBreakpoints(next).catch(fail);
    },
    [fail],
  );

  const toggleBreakpoint = useCallback(
    (state: string) => {
      setBreakpointList((list) => {
        const next = list.includes(state) ? list.filter((s) => s !== state) : [...list, state];
        latest.current.api?.setBreakpoints(next).catch(fail);
        return next;
      });
    },
    [fail],
  );

  const saveInput = useCallback(
    (name: string) => {
      latest.current.api?.saveInput(name, input).then(setSavedInputs, fail);
    },
    [input, fail],
  );

  const deleteInput = useCallback(
    (name: string) => {
      latest.current.api?.deleteInput(name).then(setSavedInputs, fail);
    },
    [fail],
  );

  const pickFile = useCallback(
    async (kind: RunFileKind): Promise<RunFile | null> => {
      const a = latest.current.api;
      if (a === null) return null;
      try {
        const file = await a.pickRunFile(kind);
        if (file !== null) setFiles((list) => [...list.filter((f) => f.path !== file.path), file]);
        return file;
      } catch (err: unknown) {
        fail(err);
        return null;
      }
    },
    [fail],
  );

  const setSpeed = useCallback(
    (speed: Speed) => {
      saveSpeed(speed);
      playback.setSpeed(speed);
    },
    [playback],
  );

  const breakpointSet = useMemo(() => new Set(breakpoints), [breakpoints]);

  const previewState = useCallback((request: PreviewRequest): Promise<PreviewReply> => {
    const a = latest.current.api;
    return a === null ? Promise.reject(new Error('Previews need the desktop app.')) : a.previewState(request);
  }, []);

  const evaluateExpression = useCallback((request: ExpressionRequest): Promise<ExpressionReply> => {
    const a = latest.current.api;
    return a === null ? Promise.reject(new Error('Previews need the desktop app.')) : a.evaluateExpression(request);
  }, []);

  if (api === null) return null;
  return {
    ready,
    input,
    setInput,
    savedInputs,
    saveInput,
    deleteInput,
    files,
    pickFile,
    tasks,
    setTasks,
    breakpoints: breakpointSet,
    toggleBreakpoint,
    clearBreakpoints: () => setBreakpoints([]),
    pauseAtStart,
    setPauseAtStart,
    runs,
    shown,
    live,
    active,
    starting,
    status,
    playback,
    view,
    speed: view.speed,
    setSpeed,
    start,
    stop,
    pause,
    running: active && live?.summary.status === 'running',
    resume,
    answer,
    redrive,
    openRun,
    deleteRun,
    exportHistory,
    importHistory,
    closeRun,
    previewState,
    evaluateExpression,
  };
}
