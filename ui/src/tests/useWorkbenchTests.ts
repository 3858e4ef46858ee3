import { useCallback, useMemo } from 'react';
import type { Diagram } from '../bindings/Diagram';
import type { RunSession } from '../run/session';
import { canvasCoverage, type CanvasCoverage } from './coverage';
import type { TestsSession } from './useTests';

export interface WorkbenchTests {
  /** The coverage to draw on the canvas; `null` when it is off. */
  coverage: CanvasCoverage | null;
  /** Shows a test's last execution on the canvas. */
  showTestRun: (name: string) => void;
  /** "Save as test" for the Run tab; `null` without a Tests panel. */
  saveAsTest: ((runId: string, suggested: string) => void) | null;
}

/** What the workbench wires between the Tests panel, the canvas and the run session. */
export function useWorkbenchTests(tests: TestsSession | null, run: RunSession | null, diagram: Diagram, openTestsTab: () => void): WorkbenchTests {
  const shownCoverage = tests?.coverageShown === true ? tests.coverage : null;
  const coverage = useMemo(() => (shownCoverage === null ? null : canvasCoverage(shownCoverage, diagram)), [shownCoverage, diagram]);
  const store = tests?.store ?? null;
  const showRun = run?.showRun;
  const showTestRun = useCallback(
    (name: string) => {
      if (store === null || showRun === undefined) return;
      void store.openRun(name).then((record) => record !== null && showRun(record));
    },
    [store, showRun],
  );
  const saveAsTest = useMemo(
    () =>
      store === null
        ? null
        : (runId: string, suggested: string) => {
            void store.saveRunAsTest(runId, suggested).then((index) => index !== null && openTestsTab());
          },
    [store, openTestsTab],
  );
  return { coverage, showTestRun, saveAsTest };
}
