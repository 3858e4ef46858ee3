import type { RunRecord } from '../bindings/RunRecord';
import type { TestAdded } from '../bindings/TestAdded';
import type { TestFile } from '../bindings/TestFile';
import type { TestsRun } from '../bindings/TestsRun';
import type { TestsView } from '../bindings/TestsView';
import { call } from '../lib/rpc';

/**
 * What the Tests panel asks of the Rust side, about the open document's tests. Passed in (like
 * `RunApi`) so tests can fake it.
 */
export interface TestsApi {
  loadTests(): Promise<TestsView>;
  /** Writes the tests file (a document with no file keeps them until it is saved). */
  saveTests(file: TestFile): Promise<TestsView>;
  /** `names`: the tests to run; `null` runs them all. */
  runTests(names: string[] | null): Promise<TestsRun>;
  /** The test's last execution, kept as a run for the canvas. */
  openTestRun(name: string): Promise<RunRecord>;
  /** A kept run as a new test. */
  saveRunAsTest(runId: string, name: string): Promise<TestAdded>;
}

export const tauriTestsApi: TestsApi = {
  loadTests: () => call('load_tests'),
  saveTests: (file) => call('save_tests', file),
  runTests: (names) => call('run_tests', { names }),
  openTestRun: (name) => call('open_test_run', name),
  saveRunAsTest: (runId, name) => call('save_run_as_test', { runId, name }),
};
