/**
 * Histories for tests and the run harness: a small builder of `RunEvent`s shaped like the
 * ones Rust sends (AWS history semantics), and a few canned runs.
 */
import type { DocumentView } from '../bindings/DocumentView';
import type { EventKind } from '../bindings/EventKind';
import type { IterationRef } from '../bindings/IterationRef';
import type { RunEvent } from '../bindings/RunEvent';
import type { RunSummary } from '../bindings/RunSummary';
import type { StageValue } from '../bindings/StageValue';
import type { DocumentApi } from '../lib/api';
import eventKinds from './__fixtures__/eventKinds.json';

/** AWS's event types and their kinds, as Rust classifies them (written by a Rust test from
 * its table, `src-tauri/src/run/kind.rs`): tests build events by type, as AWS names them. */
const EVENT_KINDS: Readonly<Record<string, EventKind>> = eventKinds as Record<string, EventKind>;

export type AwsEventType = keyof typeof eventKinds;

/** The kind Rust gives an event of AWS type `type`. */
export function kindOf(type: AwsEventType): EventKind {
  return EVENT_KINDS[type] ?? { is: 'other' };
}

export interface Where {
  parent?: number | null;
  iterations?: IterationRef[];
  branch?: number | null;
  child?: boolean;
}

export class HistoryBuilder {
  readonly events: RunEvent[] = [];
  private ms = 0;
  private readonly start = Date.UTC(2026, 0, 15, 9, 30, 0);

  /** Moves the clock on. */
  wait(ms: number): this {
    this.ms += ms;
    return this;
  }

  add(type: AwsEventType, state: string | null, fields: Partial<RunEvent> & Where = {}): number {
    const id = this.events.length + 1;
    const { parent = null, iterations = [], branch = null, child = false, ...rest } = fields;
    this.events.push({
      id,
      previousEventId: id - 1,
      timestamp: new Date(this.start + this.ms).toISOString(),
      elapsedMs: this.ms,
      type,
      kind: kindOf(type),
      state,
      parent,
      iterations,
      branch,
      child,
      resource: null,
      input: null,
      output: null,
      error: null,
      cause: null,
      length: null,
      stages: [],
      details: null,
      ...rest,
    });
    this.ms += 1;
    return id;
  }

  started(input = '{}'): this {
    this.add('ExecutionStarted', null, { input });
    return this;
  }

  succeeded(output = '{}'): this {
    this.add('ExecutionSucceeded', null, { output });
    return this;
  }

  failed(error: string, cause = ''): this {
    this.add('ExecutionFailed', null, { error, cause });
    return this;
  }

  /** A state that enters and exits at once (Pass, Choice, Succeed...). */
  simple(kind: 'Pass' | 'Choice' | 'Wait' | 'Succeed', state: string, where: Where = {}, output = '{}'): number {
    const id = this.add(`${kind}StateEntered`, state, { ...where, input: '{}' });
    this.wait(2);
    this.add(`${kind}StateExited`, state, { ...where, output, stages: stages('{}', output) });
    return id;
  }

  /** A Task that succeeds, after `retries` failed attempts. */
  task(state: string, where: Where = {}, opts: { retries?: number; ms?: number; output?: string } = {}): number {
    const resource = 'lambda:invoke';
    const id = this.add('TaskStateEntered', state, { ...where, input: '{}' });
    for (let i = 0; i <= (opts.retries ?? 0); i++) {
      this.add('TaskScheduled', state, { ...where, resource });
      this.add('TaskStarted', state, { ...where, resource });
      this.wait(opts.ms ?? 20);
      if (i < (opts.retries ?? 0)) this.add('TaskFailed', state, { ...where, resource, error: 'Lambda.ServiceException', cause: 'try again' });
    }
    this.add('TaskSucceeded', state, { ...where, resource, output: opts.output ?? '{"ok":true}' });
    this.add('TaskStateExited', state, { ...where, output: opts.output ?? '{"ok":true}', stages: stages('{}', opts.output ?? '{"ok":true}') });
    return id;
  }

  /** A Task whose last attempt fails (what follows says whether it was caught). */
  failingTask(state: string, error: string, where: Where = {}): number {
    const resource = 'lambda:invoke';
    const id = this.add('TaskStateEntered', state, { ...where, input: '{}' });
    this.add('TaskScheduled', state, { ...where, resource });
    this.add('TaskStarted', state, { ...where, resource });
    this.wait(15);
    this.add('TaskFailed', state, { ...where, resource, error, cause: `${state} failed`, stages: [{ stage: 'input', value: '{}' }] });
    return id;
  }
}

export function stages(input: string, output: string): StageValue[] {
  return [
    { stage: 'input', value: input },
    { stage: 'afterInputPath', value: input },
    { stage: 'afterParameters', value: input },
    { stage: 'result', value: output },
    { stage: 'afterResultSelector', value: output },
    { stage: 'afterResultPath', value: output },
    { stage: 'output', value: output },
  ];
}

/** The order-processing example: succeeded, or the payment declined and caught. */
export function orderHistory(outcome: 'succeeded' | 'caught' = 'succeeded'): RunEvent[] {
  const h = new HistoryBuilder();
  h.started('{"order":{"orderId":"o-1","items":[{"sku":"A","qty":2}]}}');
  h.task('Validate Order', {}, { retries: 1 });
  h.simple('Choice', 'Is Order Valid?');
  h.task('Reserve Inventory');
  if (outcome === 'succeeded') {
    h.task('Charge Payment', {}, { ms: 80 });
    h.task('Save Order');
    h.task('Send Confirmation');
    h.simple('Succeed', 'Order Complete');
    h.succeeded('{"status":"COMPLETE"}');
  } else {
    h.failingTask('Charge Payment', 'Payment.Declined');
    h.task('Release Inventory');
    h.add('FailStateEntered', 'Payment Failed', { input: '{}' });
    h.failed('OrderFailed', 'The payment was declined');
  }
  return h.events;
}

/** A Map over `n` items, every `failEvery`th item failing (tolerated). */
export function mapHistory(n: number, failEvery = 0): RunEvent[] {
  const h = new HistoryBuilder();
  h.started();
  h.simple('Pass', 'Prepare');
  const map = h.add('MapStateEntered', 'Process Items', { input: '{}' });
  h.add('MapStateStarted', 'Process Items', { length: n });
  for (let i = 0; i < n; i++) {
    const it = [{ map: 'Process Items', index: i }];
    h.add('MapIterationStarted', 'Process Items', { iterations: it, parent: map });
    if (failEvery > 0 && i % failEvery === failEvery - 1) {
      h.failingTask('Process Item', 'Item.Invalid', { parent: map, iterations: it });
      h.add('MapIterationFailed', 'Process Items', { iterations: it, parent: map, error: 'Item.Invalid' });
    } else {
      h.task('Process Item', { parent: map, iterations: it }, { ms: 1 });
      h.add('MapIterationSucceeded', 'Process Items', { iterations: it, parent: map });
    }
  }
  h.add('MapStateSucceeded', 'Process Items');
  h.add('MapStateExited', 'Process Items', { output: '[]' });
  h.simple('Succeed', 'Done');
  h.succeeded('[]');
  return h.events;
}

export function summary(fields: Partial<RunSummary> = {}): RunSummary {
  return {
    id: 'run-1',
    name: 'exec-1',
    status: 'succeeded',
    origin: 'local',
    startedMs: Date.UTC(2026, 0, 15, 9, 30, 0),
    durationMs: 412,
    eventCount: 30,
    input: '{}',
    output: '{}',
    error: null,
    cause: null,
    redriveOf: null,
    ...fields,
  };
}

/** A document API that always shows `view` and changes nothing (tests, the run harness). */
export function staticDocumentApi(view: DocumentView): DocumentApi {
  return {
    currentDocument: () => Promise.resolve(view),
    openDocument: () => Promise.resolve({ kind: 'document' as const, view }),
    openWithDialog: () => Promise.resolve(null),
    newDocument: () => Promise.resolve(view),
    listExamples: () => Promise.resolve([]),
    openExample: () => Promise.resolve(view),
    recentFiles: () => Promise.resolve([]),
    applyEdit: () => Promise.resolve({ view, select: [] }),
    setText: () => Promise.resolve(view),
    undo: () => Promise.resolve(view),
    redo: () => Promise.resolve(view),
    save: () => Promise.resolve(view),
    saveAs: () => Promise.resolve(null),
    exportAs: () => Promise.resolve(null),
    copyImage: () => Promise.resolve({ width: 1, height: 1 }),
    resolveConflict: () => Promise.resolve(view),
    copyStates: () => Promise.resolve({}),
    languageBlockers: () => Promise.resolve([]),
    onDocumentChanged: () => Promise.resolve(() => undefined),
    onCloseRequested: () => Promise.resolve(() => undefined),
    closeWindow: () => Promise.resolve(),
    requestClose: () => Promise.resolve(),
    listRecovered: () => Promise.resolve([]),
    restoreRecovered: () => Promise.resolve(view),
    discardRecovered: () => Promise.resolve([]),
  };
}
