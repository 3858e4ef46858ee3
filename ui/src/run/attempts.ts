/**
 * The tries of retried states, by event: what the event table labels "attempt N" and the
 * timeline draws as a bar per try.
 */
import type { Attempt, Visit } from './fold';

export interface AttemptLabel {
  /** 1 for the first try. */
  number: number;
  /** Tries of the visit so far. */
  of: number;
  attempt: Attempt;
}

/** Each event of a retried visit's tries, by its index in the run's events. */
export function attemptLabels(retried: readonly Visit[]): Map<number, AttemptLabel> {
  const out = new Map<number, AttemptLabel>();
  for (const v of retried) {
    const tries = v.attempts;
    if (tries === null) continue;
    for (const a of tries) for (const index of a.events) out.set(index, { number: a.number, of: tries.length, attempt: a });
  }
  return out;
}

/** "Attempt 2 of 3: failed after 12 ms, Gateway.Timeout: the gateway did not answer". */
export function attemptSummary(state: string, a: Attempt, of: number, duration: (ms: number) => string): string {
  let text = `${state}, attempt ${a.number} of ${of}: ${a.status}`;
  if (a.endMs !== null) text += ` after ${duration(a.endMs - a.startMs)}`;
  if (a.error !== null) text += `\n${a.error}${a.cause !== null && a.cause !== '' ? `: ${a.cause}` : ''}`;
  return text;
}
