import { createContext } from 'react';

/**
 * "Save as test" for the run panel: makes a kept run (by id) a new test named after
 * `suggested` and opens it in the Tests panel's form. `null` when the app has no Tests panel.
 */
export const SaveAsTestContext = createContext<((runId: string, suggested: string) => void) | null>(null);

/** A test name that says what the run did. */
export function suggestedTestName(status: string, error: string | null): string {
  if (status === 'succeeded') return 'succeeds';
  if (error !== null && error !== '') return `fails with ${error}`;
  return status === 'timedOut' ? 'times out' : status === 'aborted' ? 'is stopped' : 'fails';
}
