/**
 * The whole app in a browser, without Tauri: a fake DocumentApi with an example, and a fake
 * RunApi that plays a canned history the way Rust pushes one (event batches and statuses on the
 * run channel, pausing at breakpoints). For screenshots and trying the run UI by hand:
 *
 *   npx vite --config ui/src/run/__harness__/vite.config.mjs --port 5199
 *   http://127.0.0.1:5199/?doc=order&scenario=caught&auto=run&select=Charge%20Payment&theme=dark
 *
 * Parameters: doc (order, map, fanout), scenario (order, caught, map, fanout), n (Map items),
 * auto (run, open), bp (breakpoint state), ask (1: ask-me questions), select (a state),
 * dock (events, timeline, runs), tab (inspector, code, run), speed, theme.
 */
import '@fontsource-variable/inter';
import '@fontsource-variable/jetbrains-mono';
import '../../styles.css';
import '../../shell.css';
import { createRoot } from 'react-dom/client';
import { App } from '../../App';
import type { Diagram } from '../../bindings/Diagram';
import type { DocumentView } from '../../bindings/DocumentView';
import type { RunEvent } from '../../bindings/RunEvent';
import type { RunEventBatch } from '../../bindings/RunEventBatch';
import type { RunStatusUpdate } from '../../bindings/RunStatusUpdate';
import type { RunSummary } from '../../bindings/RunSummary';
import type { StateRow } from '../../bindings/StateRow';
import order from '../../canvas/__harness__/order-processing.json';
import fanout from '../../canvas/__harness__/parallel-fanout.json';
import type { DocumentApi } from '../../lib/api';
import { documentView } from '../../test/documentView';
import type { RunApi } from '../api';
import { staticDocumentApi, summary } from '../testing';
import mapItems from './map-items.json';
import { historyFor } from './scenarios';
import orderText from '../../../../examples/order-processing.asl.json?raw';
import mapText from '../../../../examples/map-items.asl.json?raw';
import fanoutText from '../../../../examples/parallel-fanout.asl.json?raw';

const params = new URLSearchParams(location.search);
const doc = params.get('doc') ?? 'order';
const scenario = params.get('scenario') ?? doc;
const items = Number(params.get('n') ?? '40');
const theme = params.get('theme') ?? 'light';
window.localStorage.setItem('stepwise.theme', theme);
if (params.get('speed') !== null) window.localStorage.setItem('stepwise.runSpeed', params.get('speed') ?? 'fast');

const docs: Record<string, { diagram: Diagram; text: string; file: string }> = {
  order: { diagram: order as Diagram, text: orderText, file: 'order-processing.asl.json' },
  map: { diagram: mapItems as Diagram, text: mapText, file: 'map-items.asl.json' },
  fanout: { diagram: fanout as Diagram, text: fanoutText, file: 'parallel-fanout.asl.json' },
};
const picked = docs[doc] ?? docs.order;
if (picked === undefined) throw new Error('no document');

const states: StateRow[] = picked.diagram.nodes
  .filter((n) => n.type !== 'Start' && n.type !== 'End')
  .map((n) => ({ pointer: n.id, name: n.name, stateType: n.type, depth: n.depth, from: null, to: null }));

const view: DocumentView = documentView({
  path: `/home/me/flows/${picked.file}`,
  fileName: picked.file,
  text: picked.text,
  states,
  diagram: picked.diagram,
});

const documentApi: DocumentApi = staticDocumentApi(view);

// ---- The fake engine -----------------------------------------------------------------------
type Handler<T> = (x: T) => void;
const eventHandlers = new Set<Handler<RunEventBatch>>();
const statusHandlers = new Set<Handler<RunStatusUpdate>>();
let breakpoints = (params.get('bp') ?? '').split(',').filter((s) => s !== '');
const past: RunSummary[] = [
  summary({ id: 'old-2', name: 'exec-2026-01-15-0931', status: 'failed', error: 'Payment.Declined', durationMs: 1830, eventCount: 27 }),
  summary({ id: 'old-1', name: 'exec-2026-01-15-0930', status: 'succeeded', durationMs: 412, eventCount: 31 }),
  summary({ id: 'imp-1', name: 'prod-8d2f-aws', status: 'succeeded', origin: 'imported', durationMs: 93_000, eventCount: 112 }),
];
let counter = 0;

interface LiveRun {
  summary: RunSummary;
  events: RunEvent[];
  sent: number;
  timer: number | null;
  pausedAt: number | null;
}
let current: LiveRun | null = null;

function push(): void {
  const r = current;
  if (r === null) return;
  const batch: RunEvent[] = [];
  while (r.sent < r.events.length && batch.length < BATCH) {
    const e = r.events[r.sent];
    if (e === undefined) break;
    if (e.kind.is === 'stateEntered' && e.state !== null && breakpoints.includes(e.state) && r.pausedAt !== r.sent) {
      r.pausedAt = r.sent;
      break;
    }
    batch.push(e);
    r.sent++;
  }
  if (batch.length > 0) for (const h of eventHandlers) h({ runId: r.summary.id, events: batch });
  const next = r.events[r.sent];
  if (r.pausedAt === r.sent && next !== undefined && r.sent < r.events.length) {
    r.summary = { ...r.summary, status: 'paused' };
    const update: RunStatusUpdate = {
      summary: r.summary,
      pause: { state: next.state ?? '', input: next.input ?? '{}', reason: 'breakpoint', iterations: next.iterations },
      questions: [],
    };
    for (const h of statusHandlers) h(update);
    r.timer = null;
    return;
  }
  if (r.sent >= r.events.length) {
    const last = r.events[r.events.length - 1];
    const failed = last?.kind.is === 'execution' && last.kind.phase === 'failed';
    r.summary = { ...r.summary, status: failed ? 'failed' : 'succeeded', durationMs: last?.elapsedMs ?? 0, eventCount: r.events.length, error: failed ? (last?.error ?? null) : null };
    for (const h of statusHandlers) h({ summary: r.summary, pause: null, questions: [] });
    past.unshift(r.summary);
    r.timer = null;
    return;
  }
  r.timer = window.setTimeout(push, 30);
}

const ask = params.get('ask') === '1';
/** Events per push (Rust batches too); every 30 ms. */
const BATCH = Number(params.get('batch') ?? '60');

const runApi: RunApi = {
  runSetup: () =>
    Promise.resolve({
      input: '{\n  "order": {\n    "orderId": "o-1",\n    "items": [{ "sku": "A-1", "qty": 2 }]\n  }\n}',
      savedInputs: [
        { name: 'Happy path', input: '{"order":{"orderId":"o-1"}}' },
        { name: 'Declined card', input: '{"order":{"orderId":"o-2","card":"declined"}}' },
      ],
      files: [
        { path: '/home/me/flows/run/order-processing.mocks.json', kind: 'mocks', testCases: ['HappyPath', 'PaymentDeclined', 'OutOfStock'], error: null },
        { path: '/home/me/flows/handlers.json', kind: 'handlers', testCases: [], error: null },
      ],
      lastTasks: ask ? { kind: 'ask' } : { kind: 'mocks', path: '/home/me/flows/run/order-processing.mocks.json', testCase: 'HappyPath' },
      breakpoints,
      runs: past,
      active: null,
    }),
  pickRunFile: () => Promise.resolve(null),
  saveInput: (name, input) => Promise.resolve([{ name, input }]),
  deleteInput: () => Promise.resolve([]),
  startRun: () => {
    counter += 1;
    const s = summary({ id: `run-${counter}`, name: `exec-local-${counter}`, status: 'running', durationMs: null, startedMs: Date.now() });
    current = { summary: s, events: historyFor(scenario, items), sent: 0, timer: null, pausedAt: null };
    const update: RunStatusUpdate = { summary: s, pause: null, questions: [] };
    if (ask) {
      update.questions = [
        {
          id: 1,
          state: 'Validate Order',
          resource: 'arn:aws:states:::lambda:invoke',
          input: '{"FunctionName":"validate-order","Payload":{"orderId":"o-1"}}',
          attempt: 0,
          shape: {
            template: JSON.stringify({ ExecutedVersion: '$LATEST', Payload: { valid: true, reasons: null }, StatusCode: 200 }, null, 2),
            wrapper: 'lambdaInvoke',
            reads: [
              { path: '$.Payload.valid', readers: ['ResultSelector "valid.$"', 'Choice "Is Order Valid?" rule 1 ($.validation.valid BooleanEquals true)'], problem: null },
              { path: '$.Payload.reasons', readers: ['ResultSelector "reasons.$"'], problem: null },
            ],
          },
        },
      ];
      window.setTimeout(() => {
        for (const h of statusHandlers) h(update);
      }, 50);
      return Promise.resolve(update);
    }
    window.setTimeout(push, 40);
    return Promise.resolve(update);
  },
  stopRun: () => Promise.resolve(),
  pauseRun: () => Promise.resolve(),
  resumeRun: () => {
    if (current !== null) {
      current.summary = { ...current.summary, status: 'running' };
      for (const h of statusHandlers) h({ summary: current.summary, pause: null, questions: [] });
      window.setTimeout(push, 30);
    }
    return Promise.resolve();
  },
  setBreakpoints: (names) => {
    breakpoints = names;
    return Promise.resolve();
  },
  answerTask: () => {
    if (current !== null) window.setTimeout(push, 30);
    return Promise.resolve();
  },
  redriveRun: () => Promise.reject(new Error('Not in the harness')),
  listRuns: () => Promise.resolve([...past]),
  openRun: (id) => Promise.resolve({ summary: past.find((p) => p.id === id) ?? summary(), events: historyFor(id === 'old-2' ? 'caught' : scenario, items) }),
  deleteRun: (id) => Promise.resolve(past.filter((p) => p.id !== id)),
  exportHistory: () => Promise.resolve('/home/me/flows/history.json'),
  importHistory: () => Promise.resolve({ summary: past[2] ?? summary(), events: historyFor(scenario, items) }),
  previewState: (req) =>
    Promise.resolve({
      status: req.error !== null ? 'CAUGHT_ERROR' : 'SUCCEEDED',
      stages: [
        { stage: 'input', value: req.input },
        { stage: 'afterInputPath', value: req.input },
        { stage: 'afterParameters', value: '{"FunctionName":"validate-order","Payload":{"orderId":"o-1"}}' },
        { stage: 'result', value: req.result ?? '{}' },
        { stage: 'afterResultSelector', value: '{"valid":true,"reasons":[]}' },
        { stage: 'afterResultPath', value: '{"order":{"orderId":"o-1"},"validation":{"valid":true,"reasons":[]}}' },
        { stage: 'output', value: '{"order":{"orderId":"o-1"},"validation":{"valid":true,"reasons":[]}}' },
      ],
      output: '{"order":{"orderId":"o-1"},"validation":{"valid":true}}',
      error: req.error,
      cause: req.cause,
      nextState: req.error !== null ? 'Notify Failure' : 'Is Order Valid?',
    }),
  evaluateExpression: () => Promise.resolve({ value: null, error: null }),
  onRunEvents: (h) => {
    eventHandlers.add(h);
    return Promise.resolve(() => eventHandlers.delete(h));
  },
  onRunStatus: (h) => {
    statusHandlers.add(h);
    return Promise.resolve(() => statusHandlers.delete(h));
  },
};

const root = document.getElementById('root');
if (root === null) throw new Error('no root');
createRoot(root).render(<App api={documentApi} runApi={runApi} />);

// ---- Scripted steps for screenshots ------------------------------------------------------------
const wait = (ms: number): Promise<void> => new Promise((r) => window.setTimeout(r, ms));
function click(selector: string): void {
  const el = document.querySelector<HTMLElement>(selector);
  el?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
}

async function script(): Promise<void> {
  await wait(900);
  const auto = params.get('auto');
  if (auto === 'run') click('[data-testid="toolbar-run"]');
  if (auto === 'open') {
    click('[data-testid="dock-runs"]');
    await wait(200);
    click(`[data-run-id="${params.get('run') ?? 'old-2'}"]`);
  }
  await wait(Number(params.get('settle') ?? '1800'));
  const select = params.get('select');
  if (select !== null) click(`.react-flow__node [data-name="${select}"]`);
  await wait(150);
  const dock = params.get('dock');
  if (dock !== null) click(`[data-testid="dock-${dock}"]`);
  const tab = params.get('tab');
  if (tab !== null) click(`[data-testid="tab-${tab}"]`);
  const item = params.get('item');
  if (item !== null) {
    await wait(150);
    click(`[data-testid="iteration-item"]:nth-child(1)`);
    const items = document.querySelectorAll<HTMLElement>('[data-testid="iteration-item"]');
    items[Number(item)]?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }
  const expand = params.get('expand');
  if (expand !== null) {
    await wait(150);
    document.querySelectorAll<HTMLElement>('[data-testid="event-row"]')[Number(expand)]?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }
  if (params.get('preview') !== null) {
    await wait(200);
    const section = document.querySelector('[data-testid="preview"]')?.closest('details');
    if (section !== null && section !== undefined) section.open = true;
    await wait(100);
    click('[data-testid="preview-run"]');
    await wait(200);
    section?.scrollIntoView();
  }
  const zoom = Number(params.get('zoom') ?? '0');
  for (let i = 0; i < zoom; i++) {
    click('[data-testid="canvas-zoom-in"]');
    await wait(220);
  }
  document.body.dataset.ready = 'true';
}
void script();
