/**
 * The run session's state and what changes it, outside React: one store per run API, read by
 * `useRunSession` with `useSyncExternalStore`. The session's async answers (a start racing
 * the first events of its run, a setup arriving after the document changed) are plain fields
 * here instead of refs threaded through callbacks' dependency lists.
 */
import type { ResumeMode } from '../bindings/ResumeMode';
import type { RunEvent } from '../bindings/RunEvent';
import type { RunEventBatch } from '../bindings/RunEventBatch';
import type { RunFile } from '../bindings/RunFile';
import type { RunFileKind } from '../bindings/RunFileKind';
import type { RunRecord } from '../bindings/RunRecord';
import type { RunRequest } from '../bindings/RunRequest';
import type { RunOrigin } from '../bindings/RunOrigin';
import type { RunStatus } from '../bindings/RunStatus';
import type { RunStatusUpdate } from '../bindings/RunStatusUpdate';
import type { RunSummary } from '../bindings/RunSummary';
import type { SavedInput } from '../bindings/SavedInput';
import type { TaskAnswer } from '../bindings/TaskAnswer';
import type { TaskSource } from '../bindings/TaskSource';
import { errorText } from '../lib/api';
import type { RunApi } from './api';
import type { Playback } from './playback';

export interface ShownRun {
  summary: RunSummary;
  /** The run going on now (as opposed to one opened from the list or a file). */
  live: boolean;
}

/** What the session shows; a new object whenever anything in it changes. */
export interface RunSessionState {
  ready: boolean;
  input: string;
  savedInputs: SavedInput[];
  files: RunFile[];
  tasks: TaskSource;
  breakpoints: ReadonlySet<string>;
  pauseAtStart: boolean;
  runs: RunSummary[];
  /** The run on the canvas, `null` in design mode. */
  shown: ShownRun | null;
  /** The live run's latest status (pause, questions). */
  live: RunStatusUpdate | null;
  /** A run is going on (running or paused). */
  active: boolean;
  starting: boolean;
  /** Values the user gave the definition's `${Name}` placeholders for the next runs. */
  substitutions: Readonly<Record<string, string>>;
}

export type Notify = (text: string, kind?: 'error' | 'info') => void;

/** Runs the window did not start that it shows when nothing else runs: an API client's
 * execution on the studio's server, an execution in an AWS account. */
const ARRIVING: ReadonlySet<RunOrigin> = new Set<RunOrigin>(['server', 'cloud']);

export function isFinal(status: RunStatus): boolean {
  return status !== 'running' && status !== 'paused';
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

const INITIAL: RunSessionState = {
  ready: false,
  input: '{}',
  savedInputs: [],
  files: [],
  tasks: { kind: 'ask' },
  breakpoints: new Set(),
  pauseAtStart: false,
  runs: [],
  shown: null,
  live: null,
  active: false,
  starting: false,
  substitutions: {},
};

/** One event's identity across a fetched record and the batches pushed meanwhile. */
function eventKey(e: RunEvent): string {
  return `${e.id}/${e.previousEventId}/${e.type}/${e.timestamp}/${e.iterations.map((i) => `${i.map}#${i.index}`).join('>')}`;
}

export class RunSessionStore {
  private state: RunSessionState = INITIAL;
  private readonly listeners = new Set<() => void>();
  /** The live run's id, for the event listeners. */
  private liveId: string | null = null;
  /** Waiting for start_run's answer: events of a new run are kept until it comes. */
  private awaiting = false;
  private readonly early = new Map<string, RunEvent[]>();
  /** Whether the live run is the one on the canvas (events go to playback). */
  private liveShown = false;
  /**
   * A server's execution joined mid-way: its events so far are being fetched, and the batches
   * arriving meanwhile wait here to go after them.
   */
  private catchingUp: { id: string; events: RunEvent[] } | null = null;
  /**
   * After catching up: the events the fetch already had. Rust answers the fetch with events it
   * has not sent yet, so the next batches may repeat some; they are dropped here once.
   */
  private overlap: { id: string; keys: Set<string> } | null = null;

  constructor(
    private readonly api: RunApi,
    readonly playback: Playback,
    private readonly notify: Notify,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): RunSessionState => this.state;

  private set(patch: Partial<RunSessionState>): void {
    const next = { ...this.state, ...patch };
    const live = next.live;
    next.active = live !== null && live.summary.id === this.liveId && !isFinal(live.summary.status);
    this.state = next;
    for (const l of [...this.listeners]) l();
  }

  private readonly fail = (err: unknown): void => this.notify(errorText(err), 'error');

  private refreshRuns(): void {
    this.api.listRuns().then((runs) => this.set({ runs }), () => undefined);
  }

  private adoptLive(update: RunStatusUpdate): void {
    const id = update.summary.id;
    this.liveId = id;
    this.awaiting = false;
    this.liveShown = true;
    const buffered = this.early.get(id) ?? [];
    this.early.clear();
    this.playback.load(buffered);
    this.set({ shown: { summary: update.summary, live: true }, live: update, starting: false });
  }

  /**
   * Shows an execution a client started on the studio's server (a test suite, the AWS CLI)
   * as the live run: its events so far, then the rest as they come.
   */
  private adoptArrival(update: RunStatusUpdate): void {
    const id = update.summary.id;
    this.adoptLive(update);
    this.catchingUp = { id, events: [] };
    this.refreshRuns();
    this.api.openRun(id).then(
      (record) => {
        const waiting = this.catchingUp?.id === id ? this.catchingUp.events : [];
        this.catchingUp = null;
        if (this.liveId !== id) return;
        const seen = new Set(record.events.map(eventKey));
        this.playback.load([...record.events, ...waiting.filter((e) => !seen.has(eventKey(e)))]);
        for (const e of waiting) seen.add(eventKey(e));
        this.overlap = { id, keys: seen };
      },
      () => {
        this.catchingUp = null;
      },
    );
  }

  /** A batch less the events a catch-up already showed; the overlap ends at the first new one. */
  private withoutOverlap(batch: RunEventBatch): RunEvent[] {
    const overlap = this.overlap;
    if (overlap === null || overlap.id !== batch.runId) return batch.events;
    const fresh = batch.events.filter((e) => !overlap.keys.has(eventKey(e)));
    if (fresh.length > 0) this.overlap = null;
    return fresh;
  }

  /** The list of kept runs changed on the Rust side (a server's execution arrived). */
  readonly runsChanged = (): void => this.refreshRuns();

  /** Listens to the events and statuses Rust pushes; returns how to stop. */
  connect(): () => void {
    let connected = true;
    const offs: Array<() => void> = [];
    const keep = (p: Promise<() => void>): void => {
      p.then(
        (off) => (connected ? offs.push(off) : off()),
        () => undefined,
      );
    };
    keep(
      this.api.onRunEvents((batch) => {
        if (batch.runId === this.liveId) {
          if (this.catchingUp?.id === batch.runId) this.catchingUp.events.push(...batch.events);
          else if (this.liveShown) this.playback.append(this.withoutOverlap(batch));
          return;
        }
        if (this.awaiting) {
          const list = this.early.get(batch.runId) ?? [];
          list.push(...batch.events);
          this.early.set(batch.runId, list);
        }
      }),
    );
    keep(
      this.api.onRunStatus((update) => {
        const id = update.summary.id;
        if (id !== this.liveId) {
          if (this.awaiting) this.adoptLive(update);
          else if (ARRIVING.has(update.summary.origin) && !this.state.active) this.adoptArrival(update);
          else return;
        }
        const s = this.state.shown;
        this.set({ live: update, shown: s !== null && s.summary.id === id ? { ...s, summary: update.summary } : s });
        if (isFinal(update.summary.status)) this.refreshRuns();
      }),
    );
    return () => {
      connected = false;
      for (const off of offs) off();
    };
  }

  /** A new document: starts over from its setup; returns how to ignore a late answer. */
  open(): () => void {
    let current = true;
    this.liveId = null;
    this.liveShown = false;
    this.set({ ready: false, shown: null, live: null, substitutions: {} });
    this.playback.load([]);
    this.api.runSetup().then(
      (setup) => {
        if (!current) return;
        this.set({
          input: setup.input,
          savedInputs: setup.savedInputs,
          files: setup.files,
          tasks: defaultTasks(setup.files, setup.lastTasks),
          breakpoints: new Set(setup.breakpoints),
          runs: setup.runs,
          ready: true,
        });
        const active = setup.active;
        if (active !== null) {
          // A run still going on (the window reloaded): show it with its events so far.
          this.adoptLive(active);
          this.api.openRun(active.summary.id).then(
            (record) => {
              if (!current || this.liveId !== active.summary.id) return;
              this.playback.load(record.events);
              this.overlap = { id: active.summary.id, keys: new Set(record.events.map(eventKey)) };
            },
            () => undefined,
          );
        }
      },
      (err: unknown) => {
        if (current) {
          this.set({ ready: true });
          this.fail(err);
        }
      },
    );
    return () => {
      current = false;
    };
  }

  readonly setInput = (input: string): void => this.set({ input });
  readonly setTasks = (tasks: TaskSource): void => this.set({ tasks });
  readonly setPauseAtStart = (pauseAtStart: boolean): void => this.set({ pauseAtStart });
  /** A placeholder's value for the next runs; `null` goes back to the project's. */
  readonly setSubstitution = (name: string, value: string | null): void => {
    const next: Record<string, string> = { ...this.state.substitutions };
    if (value === null) delete next[name];
    else next[name] = value;
    this.set({ substitutions: next });
  };

  /** Shows the run a start or a redrive began, or says why it could not begin. */
  private follow(started: Promise<RunStatusUpdate>): void {
    started.then(
      (update) => {
        if (this.liveId !== update.summary.id) this.adoptLive(update);
        this.refreshRuns();
      },
      (err: unknown) => {
        this.awaiting = false;
        this.set({ starting: false });
        this.fail(err);
      },
    );
  }

  readonly start = (opts: { pauseAtStart?: boolean; startAt?: string } = {}): void => {
    if (this.awaiting) return;
    // Whether the input is JSON is Rust's to say (`invalid-json`, with line and column).
    const { input, tasks, breakpoints, pauseAtStart, substitutions } = this.state;
    this.awaiting = true;
    this.early.clear();
    this.set({ starting: true, shown: null });
    this.playback.load([]);
    const request: RunRequest = { input, tasks, breakpoints: [...breakpoints], pauseAtStart: opts.pauseAtStart ?? pauseAtStart };
    if (opts.startAt !== undefined) request.startAt = opts.startAt;
    if (Object.keys(substitutions).length > 0) request.substitutions = { ...substitutions };
    this.follow(this.api.startRun(request));
  };

  readonly stop = (): void => {
    this.api.stopRun().catch(this.fail);
  };

  readonly pause = (): void => {
    this.api.pauseRun().catch(this.fail);
  };

  readonly resume = (mode: ResumeMode, edited: string | null): void => {
    this.api.resumeRun(mode, edited).catch(this.fail);
  };

  readonly answer = (id: number, a: TaskAnswer): void => {
    // The question goes at once; the next status brings the rest.
    const l = this.state.live;
    if (l !== null) this.set({ live: { ...l, questions: l.questions.filter((q) => q.id !== id) } });
    this.api.answerTask(id, a).catch(this.fail);
  };

  private showRecord(record: RunRecord): void {
    this.liveShown = false;
    this.playback.load(record.events);
    this.set({ shown: { summary: record.summary, live: false } });
  }

  /** Shows a run Rust handed over (a test's execution): on the canvas, in the events and timeline. */
  readonly showRun = (record: RunRecord): void => {
    if (this.state.active) {
      this.notify('A run is going on; stop it first', 'error');
      return;
    }
    this.showRecord(record);
    this.refreshRuns();
  };

  readonly redrive = (): void => {
    const shown = this.state.shown;
    if (shown === null) return;
    this.awaiting = true;
    this.early.clear();
    this.set({ starting: true });
    this.follow(this.api.redriveRun(shown.summary.id));
  };

  readonly openRun = (id: string): void => {
    const live = this.state.live;
    if (id === this.liveId && live !== null) {
      // The live run: its events are the ones kept so far, and more follow.
      this.api.openRun(id).then((record) => {
        this.liveShown = true;
        this.playback.load(record.events);
        this.overlap = { id, keys: new Set(record.events.map(eventKey)) };
        this.set({ shown: { summary: live.summary, live: true } });
      }, this.fail);
      return;
    }
    this.api.openRun(id).then((record) => this.showRecord(record), this.fail);
  };

  readonly deleteRun = (id: string): void => {
    this.api.deleteRun(id).then((runs) => {
      const shown = this.state.shown;
      if (shown?.summary.id === id) {
        this.playback.load([]);
        this.set({ runs, shown: null });
      } else {
        this.set({ runs });
      }
    }, this.fail);
  };

  readonly exportHistory = (): void => {
    const shown = this.state.shown;
    if (shown === null) return;
    this.api.exportHistory(shown.summary.id).then(
      (path) => path !== null && this.notify(`History saved to ${path}`, 'info'),
      this.fail,
    );
  };

  readonly importHistory = (): void => {
    this.api.importHistory().then((record) => {
      if (record === null) return;
      this.showRecord(record);
      this.refreshRuns();
    }, this.fail);
  };

  readonly closeRun = (): void => {
    this.liveShown = false;
    this.playback.load([]);
    this.set({ shown: null });
  };

  private setBreakpoints(next: ReadonlySet<string>): void {
    this.set({ breakpoints: next });
    this.api.setBreakpoints([...next]).catch(this.fail);
  }

  readonly toggleBreakpoint = (state: string): void => {
    const next = new Set(this.state.breakpoints);
    if (next.has(state)) next.delete(state);
    else next.add(state);
    this.setBreakpoints(next);
  };

  readonly clearBreakpoints = (): void => this.setBreakpoints(new Set());

  readonly saveInput = (name: string): void => {
    this.api.saveInput(name, this.state.input).then((savedInputs) => this.set({ savedInputs }), this.fail);
  };

  readonly deleteInput = (name: string): void => {
    this.api.deleteInput(name).then((savedInputs) => this.set({ savedInputs }), this.fail);
  };

  readonly pickFile = async (kind: RunFileKind): Promise<RunFile | null> => {
    try {
      const file = await this.api.pickRunFile(kind);
      if (file !== null) this.set({ files: [...this.state.files.filter((f) => f.path !== file.path), file] });
      return file;
    } catch (err: unknown) {
      this.fail(err);
      return null;
    }
  };
}
