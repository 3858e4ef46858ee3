/** Words for the run UI: statuses, processing stages, task sources. */
import type { RunOrigin } from '../bindings/RunOrigin';
import type { StageName } from '../bindings/StageName';
import type { TaskSource } from '../bindings/TaskSource';
import type { StateStatus } from './fold';
import type { Speed } from './playback';
import type { ShownStatus } from './session';

export const RUN_STATUS_LABEL: Record<ShownStatus, string> = {
  starting: 'Starting…',
  running: 'Running',
  paused: 'Paused',
  succeeded: 'Succeeded',
  failed: 'Failed',
  timedOut: 'Timed out',
  aborted: 'Aborted',
  replaying: 'Replaying',
};

/** The tone of a run status: the colour family of its badge. */
export function statusTone(status: ShownStatus | StateStatus): 'running' | 'ok' | 'fail' | 'caught' | 'paused' | 'muted' {
  switch (status) {
    case 'starting':
    case 'running':
    case 'replaying':
      return 'running';
    case 'succeeded':
      return 'ok';
    case 'failed':
    case 'timedOut':
      return 'fail';
    case 'caught':
      return 'caught';
    case 'paused':
      return 'paused';
    default:
      return 'muted';
  }
}

export const STATE_STATUS_LABEL: Record<StateStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  caught: 'Caught error',
  aborted: 'Aborted',
  'not-reached': 'Not reached',
};

/** AWS's stage names (TestState inspectionData) as the data-flow steps users know. */
export const STAGE_LABEL: Record<StageName, string> = {
  input: 'State input',
  afterInputPath: 'After InputPath',
  afterParameters: 'After Parameters',
  afterArguments: 'After Arguments',
  result: 'Task result',
  afterResultSelector: 'After ResultSelector',
  afterResultPath: 'After ResultPath',
  output: 'State output',
  variables: 'Variables',
};

export function stageLabel(stage: StageName): string {
  return STAGE_LABEL[stage];
}

export const SPEED_LABEL: Record<Speed, string> = {
  instant: 'Instant',
  fast: 'Fast',
  slow: 'Slow',
  step: 'Step',
};

export const SPEED_HINT: Record<Speed, string> = {
  instant: 'Show events as they come',
  fast: 'Animate, a run in a couple of seconds',
  slow: 'Watch each state',
  step: 'One state at a time (Next)',
};

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function taskSourceLabel(t: TaskSource): string {
  switch (t.kind) {
    case 'mocks':
      return `Mocks: ${fileName(t.path)}${t.testCase === '' ? '' : ` · ${t.testCase}`}`;
    case 'handlers':
      return `Handlers: ${fileName(t.path)}`;
    case 'ask':
      return 'Ask me at each Task';
  }
}

/** Pretty JSON when the text parses, the text as is otherwise. */
export function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function formatStart(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const now = new Date();
  const sameDay = d.toDateString() === now.toDateString();
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  if (sameDay) return `Today ${time}`;
  return `${d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: d.getFullYear() === now.getFullYear() ? undefined : 'numeric' })} ${time}`;
}

/** Where a run came from, in the runs list. */
export const ORIGIN_LABEL: Record<RunOrigin, string> = { local: 'Run here', redrive: 'Redrive', imported: 'Imported', test: 'Test', server: 'API client', cloud: 'AWS' };
