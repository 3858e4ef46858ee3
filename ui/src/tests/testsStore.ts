/**
 * The Tests panel's state and what changes it, outside React (like the run session's store):
 * the open document's tests, the last result of each, which are running, the coverage of the
 * last run of all of them, the test selected and the one open in the form.
 */
import type { MachineCoverage } from '../bindings/MachineCoverage';
import type { RunRecord } from '../bindings/RunRecord';
import type { TestDef } from '../bindings/TestDef';
import type { TestFile } from '../bindings/TestFile';
import type { TestResult } from '../bindings/TestResult';
import type { TestsRun } from '../bindings/TestsRun';
import type { TestsView } from '../bindings/TestsView';
import { errorText } from '../lib/api';
import type { TestsApi } from './api';

export interface RunTally {
  passed: number;
  failed: number;
  errors: number;
  /** Wall time of the run in Rust. */
  millis: number;
}

export interface TestsState {
  view: TestsView | null;
  /** The last result of each test, by name. */
  results: ReadonlyMap<string, TestResult>;
  /** Names of the tests running now. */
  running: ReadonlySet<string>;
  runningAll: boolean;
  /** What the last run of all the tests covered; `null` before one. */
  coverage: MachineCoverage | null;
  coverageShown: boolean;
  selected: string | null;
  /** The index of the test open in the form. */
  editing: number | null;
  /** The last run's counts. */
  tally: RunTally | null;
}

export type Notify = (text: string, kind?: 'error' | 'info') => void;

const INITIAL: TestsState = {
  view: null,
  results: new Map(),
  running: new Set(),
  runningAll: false,
  coverage: null,
  coverageShown: false,
  selected: null,
  editing: null,
  tally: null,
};

export function tally(results: readonly TestResult[], millis: number): RunTally {
  let passed = 0;
  let failed = 0;
  let errors = 0;
  for (const r of results) {
    if (r.verdict === 'passed') passed++;
    else if (r.verdict === 'failed') failed++;
    else errors++;
  }
  return { passed, failed, errors, millis };
}

export class TestsStore {
  private state: TestsState = INITIAL;
  private readonly listeners = new Set<() => void>();
  /** Counts documents: an answer about an earlier one is dropped. */
  private generation = 0;
  /** When the last run's results arrived (`performance.now()`), for the panel to time itself. */
  arrivedAt: number | null = null;

  constructor(
    private readonly api: TestsApi,
    private readonly notify: Notify,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): TestsState => this.state;

  private set(patch: Partial<TestsState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  private readonly fail = (err: unknown): void => this.notify(errorText(err), 'error');

  /** Another document (or the same one saved elsewhere): its tests, from the start. */
  readonly open = (): void => {
    const gen = ++this.generation;
    this.set({ ...INITIAL, coverageShown: false });
    this.api.loadTests().then((view) => gen === this.generation && this.set({ view }), (err: unknown) => gen === this.generation && this.fail(err));
  };

  /** The same document reread (its path changed, it was saved): results are kept. */
  readonly reload = (): void => {
    const gen = this.generation;
    this.api.loadTests().then((view) => gen === this.generation && this.set({ view }), this.fail);
  };

  /** Takes a run's results in; the coverage when all of them ran. */
  applyRun(run: TestsRun): void {
    this.arrivedAt = performance.now();
    const results = new Map(this.state.results);
    for (const r of run.results) results.set(r.name, r);
    const patch: Partial<TestsState> = { results, tally: tally(run.results, run.millis) };
    if (run.all) patch.coverage = run.coverage;
    this.set(patch);
  }

  private run(names: string[] | null): Promise<TestsRun | null> {
    const gen = this.generation;
    const running = new Set(this.state.running);
    for (const n of names ?? this.state.view?.file.tests.map((t) => t.name) ?? []) running.add(n);
    this.set({ running, runningAll: this.state.runningAll || names === null });
    return this.api.runTests(names).then(
      (run) => {
        if (gen !== this.generation) return null;
        const left = new Set(this.state.running);
        for (const r of run.results) left.delete(r.name);
        if (names === null) left.clear();
        this.set({ running: left, runningAll: names === null ? false : this.state.runningAll });
        this.applyRun(run);
        return run;
      },
      (err: unknown) => {
        if (gen === this.generation) {
          const left = new Set(this.state.running);
          for (const n of names ?? []) left.delete(n);
          this.set({ running: names === null ? new Set() : left, runningAll: names === null ? false : this.state.runningAll });
          this.fail(err);
        }
        return null;
      },
    );
  }

  readonly runAll = (): Promise<TestsRun | null> => {
    if (this.state.runningAll) return Promise.resolve(null);
    return this.run(null);
  };

  readonly runOne = (name: string): Promise<TestsRun | null> => {
    if (this.state.running.has(name)) return Promise.resolve(null);
    return this.run([name]);
  };

  /** Runs the selected test (Shift+F7). */
  readonly runSelected = (): void => {
    const s = this.state.selected;
    if (s !== null) void this.runOne(s);
  };

  readonly select = (name: string | null): void => this.set({ selected: name });

  readonly toggleCoverage = (): void => this.set({ coverageShown: !this.state.coverageShown });

  readonly edit = (index: number | null): void => {
    const test = index === null ? undefined : this.state.view?.file.tests[index];
    this.set({ editing: index, selected: test?.name ?? this.state.selected });
  };

  /** Writes the file with `test` at `index` (a new test when `index` is the length). */
  readonly saveTest = async (index: number, test: TestDef): Promise<boolean> => {
    const view = this.state.view;
    if (view === null) return false;
    const tests = [...view.file.tests];
    tests[index] = test;
    return this.saveFile({ ...view.file, tests }, test.name);
  };

  readonly deleteTest = async (index: number): Promise<boolean> => {
    const view = this.state.view;
    if (view === null) return false;
    const tests = view.file.tests.filter((_, i) => i !== index);
    const ok = await this.saveFile({ ...view.file, tests }, null);
    if (ok) this.set({ editing: null });
    return ok;
  };

  private async saveFile(file: TestFile, select: string | null): Promise<boolean> {
    try {
      const view = await this.api.saveTests(file);
      this.set({ view, selected: select ?? this.state.selected });
      return true;
    } catch (err: unknown) {
      this.fail(err);
      return false;
    }
  }

  /** A kept run as a new test, opened in the form. */
  readonly saveRunAsTest = async (runId: string, name: string): Promise<number | null> => {
    try {
      const added = await this.api.saveRunAsTest(runId, name);
      const test = added.view.file.tests[added.index];
      this.set({ view: added.view, editing: added.index, selected: test?.name ?? null });
      const where = added.view.path === null ? 'kept with this window until the machine is saved to a file' : `saved in ${added.view.path}`;
      this.notify(`Test “${test?.name ?? name}” ${where}.`, 'info');
      return added.index;
    } catch (err: unknown) {
      this.fail(err);
      return null;
    }
  };

  /** The test's last execution as a run to show; `null` when it has not run (or failed to open). */
  readonly openRun = async (name: string): Promise<RunRecord | null> => {
    try {
      return await this.api.openTestRun(name);
    } catch (err: unknown) {
      this.fail(err);
      return null;
    }
  };
}
