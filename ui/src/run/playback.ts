/**
 * Playback: the queue between the events Rust sends (or a kept history) and what is drawn.
 * Events are folded in batches, once per animation frame, never one render per event; the
 * speed sets how many steps (a step starts at a `*StateEntered`) a frame may show:
 *
 * - instant: everything queued, within a time budget per frame (a 40,000-event run plays in
 *   a second or so without a long frame);
 * - fast / slow: a step every 140 / 650 ms; Fast shortens its steps on long runs so the
 *   whole run plays in ~2.5 s at most (a 10,000-item Map does not take hours);
 * - step: only when `next()` is called.
 *
 * Subscribers hear once per frame that changed something (for `useSyncExternalStore`).
 */
import type { RunEvent } from '../bindings/RunEvent';
import { RunFold, type FoldSnapshot } from './fold';

export type Speed = 'instant' | 'fast' | 'slow' | 'step';
export const SPEEDS: readonly Speed[] = ['instant', 'fast', 'slow', 'step'];

export const STEP_MS: Record<'fast' | 'slow', number> = { fast: 140, slow: 650 };
/** The longest Fast takes over a whole run. */
export const FAST_TOTAL_MS = 2500;
/** Work per frame in Instant mode (and per catch-up frame), at 60 frames a second. */
export const FRAME_BUDGET_MS = 8;
/** How often the panels beside the canvas (events, timeline, step details) redraw while a
 * run plays; the canvas redraws every frame. */
export const PANEL_MS = 250;
/** The most work per frame when frames come slowly. */
export const MAX_FRAME_BUDGET_MS = 30;

/**
 * The folding budget of a frame that came `sinceMs` after the last one: a quarter of the
 * interval, between FRAME_BUDGET_MS and MAX_FRAME_BUDGET_MS. When painting is slow (a
 * software-rendered webview takes ~80 ms a frame), 8 ms a frame would spread a big run over
 * many more frames, each of which costs that paint again.
 */
export function frameBudget(sinceMs: number): number {
  if (!(sinceMs > 0)) return FRAME_BUDGET_MS;
  return Math.min(MAX_FRAME_BUDGET_MS, Math.max(FRAME_BUDGET_MS, sinceMs / 4));
}
/** Events folded between two looks at the clock. */
const CHUNK = 256;

export interface PlaybackSnapshot {
  fold: FoldSnapshot;
  /** Every event received, in order (append-only: read up to `fold.applied`). */
  events: readonly RunEvent[];
  total: number;
  speed: Speed;
  /** Everything received has been shown. */
  caughtUp: boolean;
}

export interface FrameClock {
  request: (cb: (t: number) => void) => number;
  cancel: (id: number) => void;
  now: () => number;
}

const hasFrames = typeof requestAnimationFrame === 'function';

/** Animation frames (timers where there are none: jsdom). */
export const browserClock: FrameClock = {
  request: (cb) => (hasFrames ? requestAnimationFrame(cb) : window.setTimeout(() => cb(performance.now()), 16)),
  cancel: (id) => (hasFrames ? cancelAnimationFrame(id) : window.clearTimeout(id)),
  now: () => performance.now(),
};

/** Frame times while a run plays, for the performance end-to-end test. */
export interface PerfLog {
  /** Milliseconds between consecutive animation frames while a run plays (live, or until
   * playback has shown everything): what the user feels. */
  intervals: number[];
  /** Milliseconds spent folding (and publishing) in each frame that folded events. */
  work: number[];
  /** Events folded. */
  events: number;
  /** When each batch of events arrived (`performance.now()`) and how many it brought. */
  arrivals: Array<[number, number]>;
  /** When playback last caught up with everything received. */
  caughtUpAt: number | null;
  reset(): void;
}

export function createPerfLog(): PerfLog {
  const log: PerfLog = {
    intervals: [],
    work: [],
    events: 0,
    arrivals: [],
    caughtUpAt: null,
    reset() {
      log.intervals.length = 0;
      log.work.length = 0;
      log.events = 0;
      log.arrivals.length = 0;
      log.caughtUpAt = null;
    },
  };
  return log;
}

export class Playback {
  private fold = new RunFold();
  private events: RunEvent[] = [];
  private speed: Speed;
  private frame: number | null = null;
  private lastFrameAt: number | null = null;
  /** Steps the clock has paid for but not yet shown. */
  private credit = 1;
  private enteredTotal = 0;
  private enteredApplied = 0;
  private snap: PlaybackSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(
    speed: Speed = 'fast',
    private readonly clock: FrameClock = browserClock,
    private readonly perf: PerfLog | null = null,
  ) {
    this.speed = speed;
    this.snap = this.makeSnapshot();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): PlaybackSnapshot => this.snap;

  /** Starts over with these events (a kept run, or a new live run). */
  load(events: ReadonlyArray<RunEvent>): void {
    this.fold = new RunFold();
    this.events = [];
    this.enteredTotal = 0;
    this.enteredApplied = 0;
    this.credit = 1;
    this.lastFrameAt = null;
    this.append(events);
    this.publish();
  }

  /** More events of the live run. */
  append(events: ReadonlyArray<RunEvent>): void {
    for (const e of events) {
      this.events.push(e);
      if (e.kind.is === 'stateEntered') this.enteredTotal += 1;
    }
    if (events.length > 0) {
      this.perf?.arrivals.push([this.clock.now(), events.length]);
      this.snap = { ...this.snap, total: this.events.length, caughtUp: false, events: this.events };
      this.schedule();
    }
  }

  setSpeed(speed: Speed): void {
    if (speed === this.speed) return;
    this.speed = speed;
    this.credit = 1;
    this.lastFrameAt = null;
    this.snap = { ...this.snap, speed };
    this.emit();
    this.schedule();
  }

  /** Shows the next step (in any speed; the way forward in Step). */
  next(): void {
    this.applySteps(1, Infinity);
    this.publish();
  }

  /** Shows everything received. */
  finish(): void {
    this.applyUntil(this.events.length);
    this.publish();
  }

  /** Shows the first `count` events (the scrubber): back means folding again from the start. */
  seek(count: number): void {
    const to = Math.max(0, Math.min(this.events.length, Math.round(count)));
    if (to < this.fold.count) {
      this.fold = new RunFold();
      this.enteredApplied = 0;
    }
    this.applyUntil(to);
    this.credit = 1;
    this.lastFrameAt = null;
    this.publish();
    // Playback goes on from there (at the chosen speed).
    this.schedule();
  }

  /** Stops the frame loop for good. */
  dispose(): void {
    if (this.frame !== null) this.clock.cancel(this.frame);
    this.frame = null;
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.frame !== null || this.speed === 'step' || this.fold.count >= this.events.length) return;
    this.frame = this.clock.request(this.onFrame);
  }

  private onFrame = (t: number): void => {
    this.frame = null;
    const started = this.clock.now();
    const before = this.fold.count;
    const since = this.lastFrameAt === null ? 0 : t - this.lastFrameAt;
    this.lastFrameAt = t;

    const budget = frameBudget(since);
    if (this.speed === 'instant') {
      this.applyFor(budget);
    } else if (this.speed === 'fast' || this.speed === 'slow') {
      const pending = Math.max(1, this.enteredTotal - this.enteredApplied);
      let stepMs = STEP_MS[this.speed];
      // Scaled by the whole run, not what is left: scaling by what is left would never finish.
      if (this.speed === 'fast') stepMs = Math.min(stepMs, FAST_TOTAL_MS / Math.max(1, this.enteredTotal));
      this.credit = Math.min(this.credit + since / stepMs, pending + 1);
      const whole = Math.floor(this.credit);
      if (whole > 0) {
        const done = this.applySteps(whole, budget);
        this.credit -= done;
      }
    }

    if (this.fold.count !== before) this.publish();
    if (this.perf !== null && this.fold.count !== before) {
      this.perf.work.push(this.clock.now() - started);
      this.perf.events += this.fold.count - before;
    }
    if (this.fold.count < this.events.length) this.schedule();
    else {
      if (this.perf !== null) this.perf.caughtUpAt = this.clock.now();
      // Idle: the next event shows at once, as a fresh step.
      this.lastFrameAt = null;
      this.credit = 1;
    }
  };

  /** Folds up to `count` steps (or until `budgetMs` is spent); how many steps were shown. */
  private applySteps(count: number, budgetMs: number): number {
    const start = this.clock.now();
    let steps = 0;
    let i = this.fold.count;
    const n = this.events.length;
    while (steps < count && i < n) {
      // A step ends with the next state entered, so it shows running until the next step
      // (which brings its exit and the next state's entry).
      let j = i;
      while (j < n) {
        const entered = this.events[j]?.kind.is === 'stateEntered';
        j++;
        if (entered) break;
      }
      this.applyUntil(j);
      i = j;
      steps += 1;
      if (this.clock.now() - start > budgetMs) break;
    }
    return steps;
  }

  private applyFor(budgetMs: number): void {
    const start = this.clock.now();
    while (this.fold.count < this.events.length) {
      this.applyUntil(Math.min(this.events.length, this.fold.count + CHUNK));
      if (this.clock.now() - start > budgetMs) break;
    }
  }

  private applyUntil(to: number): void {
    const from = this.fold.count;
    if (to <= from) return;
    for (let k = from; k < to; k++) if (this.events[k]?.kind.is === 'stateEntered') this.enteredApplied += 1;
    this.fold.apply(this.events, from, to);
  }

  private makeSnapshot(): PlaybackSnapshot {
    const fold = this.fold.snapshot();
    return {
      fold,
      events: this.events,
      total: this.events.length,
      speed: this.speed,
      caughtUp: fold.applied >= this.events.length,
    };
  }

  private publish(): void {
    this.snap = this.makeSnapshot();
    this.emit();
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}

/**
 * Records the interval between animation frames into `log` until stopped: a frame loop of its
 * own, so the frames between batches count too. Returns the stop function.
 */
export function monitorFrames(log: PerfLog, clock: FrameClock = browserClock): () => void {
  let last: number | null = null;
  let id = 0;
  const tick = (t: number): void => {
    if (last !== null) log.intervals.push(t - last);
    last = t;
    id = clock.request(tick);
  };
  id = clock.request(tick);
  return () => clock.cancel(id);
}
