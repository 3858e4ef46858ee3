import { Channel } from '@tauri-apps/api/core';
import type { ExpressionReply } from '../bindings/ExpressionReply';
import type { ExpressionRequest } from '../bindings/ExpressionRequest';
import type { PreviewReply } from '../bindings/PreviewReply';
import type { PreviewRequest } from '../bindings/PreviewRequest';
import type { ResumeMode } from '../bindings/ResumeMode';
import type { RunEventBatch } from '../bindings/RunEventBatch';
import type { RunFile } from '../bindings/RunFile';
import type { RunFileKind } from '../bindings/RunFileKind';
import type { RunMessage } from '../bindings/RunMessage';
import type { RunRecord } from '../bindings/RunRecord';
import type { RunRequest } from '../bindings/RunRequest';
import type { RunSetup } from '../bindings/RunSetup';
import type { RunStatusUpdate } from '../bindings/RunStatusUpdate';
import type { RunSummary } from '../bindings/RunSummary';
import type { SavedInput } from '../bindings/SavedInput';
import type { TaskAnswer } from '../bindings/TaskAnswer';
import { call } from '../lib/rpc';

/**
 * What the run panel asks of the Rust side, which runs the engine and keeps the runs. Like
 * `DocumentApi`, it is passed in so tests can fake it. Everything is about the open document.
 */
export interface RunApi {
  runSetup(): Promise<RunSetup>;
  /** The native Open dialog for a mock config or handlers file; `null` when cancelled. */
  pickRunFile(kind: RunFileKind): Promise<RunFile | null>;
  saveInput(name: string, input: string): Promise<SavedInput[]>;
  deleteInput(name: string): Promise<SavedInput[]>;
  startRun(request: RunRequest): Promise<RunStatusUpdate>;
  stopRun(): Promise<void>;
  /** Pauses the running run before the next state it enters. */
  pauseRun(): Promise<void>;
  /** `input`: the paused state's input, edited (JSON text); `null` keeps it. */
  resumeRun(mode: ResumeMode, input: string | null): Promise<void>;
  /** Remembered for the document, and applied to the active run. */
  setBreakpoints(names: string[]): Promise<void>;
  answerTask(id: number, answer: TaskAnswer): Promise<void>;
  /** Runs a failed run again from its failed state (AWS redrive). */
  redriveRun(id: string): Promise<RunStatusUpdate>;
  listRuns(): Promise<RunSummary[]>;
  openRun(id: string): Promise<RunRecord>;
  deleteRun(id: string): Promise<RunSummary[]>;
  /** Saves AWS `get-execution-history` JSON through a Save dialog; the path, or `null`. */
  exportHistory(id: string): Promise<string | null>;
  /** Opens a history exported from AWS; it is kept as a run of this document. */
  importHistory(): Promise<RunRecord | null>;
  /** One state's data flow without a run (AWS TestState, inspection level DEBUG). */
  previewState(request: PreviewRequest): Promise<PreviewReply>;
  /** A JSONata field's value on a sample input (the expression editors' live preview). */
  evaluateExpression(request: ExpressionRequest): Promise<ExpressionReply>;
  onRunEvents(handler: (batch: RunEventBatch) => void): Promise<() => void>;
  onRunStatus(handler: (update: RunStatusUpdate) => void): Promise<() => void>;
}

export const tauriRunApi: RunApi = {
  runSetup: () => call('run_setup'),
  pickRunFile: (kind) => call('pick_run_file', kind),
  saveInput: (name, input) => call('save_input', { name, input }),
  deleteInput: (name) => call('delete_input', name),
  startRun: (request) => call('start_run', request),
  stopRun: () => call('stop_run'),
  pauseRun: () => call('pause_run'),
  resumeRun: (mode, input) => call('resume_run', { mode, input }),
  setBreakpoints: (names) => call('set_breakpoints', names),
  answerTask: (id, answer) => call('answer_task', { id, answer }),
  redriveRun: (id) => call('redrive_run', id),
  listRuns: () => call('list_runs'),
  openRun: (id) => call('open_run', id),
  deleteRun: (id) => call('delete_run', id),
  exportHistory: (id) => call('export_history', id),
  importHistory: () => call('import_history'),
  previewState: (request) => call('preview_state', request),
  evaluateExpression: (request) => call('evaluate_expression', request),
  onRunEvents: (handler) => subscribe(eventHandlers, handler),
  onRunStatus: (handler) => subscribe(statusHandlers, handler),
};

/*
 * Rust sends run events and statuses through one Tauri channel rather than as events: a channel
 * keeps them in the order sent, and hands a large batch to the webview to fetch instead of
 * evaluating it as a script on the UI thread (a 10,000-item Map run sends tens of megabytes).
 */
const eventHandlers = new Set<(batch: RunEventBatch) => void>();
const statusHandlers = new Set<(update: RunStatusUpdate) => void>();
let opened: Promise<void> | null = null;

function openChannel(): Promise<void> {
  if (opened === null) {
    const channel = new Channel<RunMessage>();
    channel.onmessage = (message) => {
      if (message.kind === 'events') {
        const batch: RunEventBatch = { runId: message.runId, events: message.events };
        for (const h of eventHandlers) h(batch);
      } else {
        const update: RunStatusUpdate = { summary: message.summary, pause: message.pause, questions: message.questions };
        for (const h of statusHandlers) h(update);
      }
    };
    opened = call('watch_runs', channel).catch((err: unknown) => {
      opened = null;
      throw err;
    });
  }
  return opened;
}

async function subscribe<T>(handlers: Set<(value: T) => void>, handler: (value: T) => void): Promise<() => void> {
  handlers.add(handler);
  await openChannel();
  return () => {
    handlers.delete(handler);
  };
}
