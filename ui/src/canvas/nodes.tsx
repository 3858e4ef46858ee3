/** The node components: states, containers (Parallel/Map) and the Start/End markers. */
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { createContext, memo, useContext, type ReactElement } from 'react';
import type { BranchStatus } from '../run/fold';
import type { NodeRun } from '../run/overlay';
import { HANDLE_CATCH, HANDLE_IN, HANDLE_NEXT, hasCatchHandle, type FlowNode, type StateNodeData } from './convert';
import { useLaneDropHighlight } from './dnd';
import { ProblemGlyph, TypeGlyph } from './icons';
import { MissingNode } from './missing';

function problemTitle(data: StateNodeData): string | undefined {
  if (data.severity === null) return undefined;
  const what = data.severity === 'error' ? 'error' : 'warning';
  return data.problemCount === 1 ? `1 ${what}` : `${data.problemCount} problems`;
}

function ProblemBadge({ data }: { data: StateNodeData }): ReactElement | null {
  if (data.severity === null) return null;
  return (
    <span className={`sw-badge sw-badge--${data.severity}`} title={problemTitle(data)} data-testid="state-problem-badge">
      <ProblemGlyph severity={data.severity} />
      {data.problemCount > 1 && <span className="sw-badge__count">{data.problemCount}</span>}
    </span>
  );
}

function rootClass(base: string, data: StateNodeData, selected: boolean): string {
  let c = `${base} sw-tone--${data.kind.toLowerCase()}`;
  if (selected) c += ' is-selected';
  if (data.severity !== null) c += ` has-${data.severity}`;
  if (data.run !== null && data.run !== undefined) c += ` sw-run sw-run--${data.run.status}`;
  if (data.breakpoint === true) c += ' has-breakpoint';
  if (data.unentered === true) c += ' sw-cov-unentered';
  if (data.diff !== null && data.diff !== undefined) c += ` sw-diff sw-diff--${data.diff}`;
  return c;
}

export interface RunCanvasContextValue {
  /** Toggles a breakpoint on a state; `null` when breakpoints cannot be set. */
  onToggleBreakpoint: ((state: string) => void) | null;
  /** A run is shown on the canvas. */
  shown: boolean;
}

export const RunCanvasContext = createContext<RunCanvasContextValue>({ onToggleBreakpoint: null, shown: false });

const STATUS_LABEL: Record<NodeRun['status'], string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  caught: 'Failed, caught',
  aborted: 'Aborted',
  'not-reached': 'Not reached',
  paused: 'Paused before entering',
};

/** The dot on a state's left edge: a breakpoint when set, a faint target on hover. */
function BreakpointDot({ data }: { data: StateNodeData }): ReactElement | null {
  const { onToggleBreakpoint } = useContext(RunCanvasContext);
  if (onToggleBreakpoint === null) return null;
  const on = data.breakpoint === true;
  const label = on ? `Remove breakpoint on ${data.name} (F9)` : `Pause before ${data.name} (F9)`;
  return (
    <button
      type="button"
      className={on ? 'sw-bp nodrag nopan is-on' : 'sw-bp nodrag nopan'}
      title={label}
      aria-label={label}
      aria-pressed={on}
      data-testid="breakpoint-toggle"
      data-state={data.name}
      style={data.lanes.length > 0 ? { top: data.headerHeight / 2 } : undefined}
      onPointerDown={(e) => e.stopPropagation()}
      onClick={(e) => {
        e.stopPropagation();
        onToggleBreakpoint(data.name);
      }}
    />
  );
}

function RunGlyph({ status }: { status: NodeRun['status'] }): ReactElement | null {
  const p = { width: 10, height: 10, viewBox: '0 0 10 10', 'aria-hidden': true, fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const };
  switch (status) {
    case 'succeeded':
      return <svg {...p}><path d="M2 5.2 4.2 7.3 8 2.8" /></svg>;
    case 'failed':
      return <svg {...p}><path d="M2.6 2.6l4.8 4.8M7.4 2.6 2.6 7.4" /></svg>;
    case 'caught':
      return <svg {...p}><path d="M5 2v3.4M5 7.6v.1" /></svg>;
    case 'aborted':
      return <svg {...p}><path d="M2.5 5h5" /></svg>;
    case 'paused':
      return <svg {...p}><path d="M3.6 2.5v5M6.4 2.5v5" /></svg>;
    case 'running':
      return <span className="sw-run-spinner" aria-hidden="true" />;
    case 'not-reached':
      return null;
  }
}

/** The run's marks on a state: status badge (top left), visits and retries (bottom right). */
function RunBadges({ run }: { run: NodeRun | null | undefined }): ReactElement | null {
  if (run === null || run === undefined || run.status === 'not-reached') return null;
  const counts: string[] = [];
  if (run.visits > 1 && run.map === null) counts.push(`×${run.visits.toLocaleString('en-US')}`);
  if (run.retries > 0) counts.push(`↻${run.retries}`);
  let title = STATUS_LABEL[run.status];
  if (run.visits > 1) title += ` · ${run.visits} visits`;
  if (run.failed > 0 && run.visits > 1) title += `, ${run.failed} failed`;
  if (run.retries > 0) title += ` · retried ${run.retries}×`;
  return (
    <>
      <span className={`sw-run-badge sw-run-badge--${run.status}`} title={title} data-testid="run-badge">
        <RunGlyph status={run.status} />
      </span>
      {counts.length > 0 && (
        <span className="sw-run-count" data-testid="run-count" title={title}>
          {counts.join(' ')}
        </span>
      )}
    </>
  );
}

/**
 * A failed state's error, under it: the error name and the cause wrapped to two lines, all
 * of it in the tooltip. It stays within the node's width and the gap below it.
 */
function RunErrorTag({ run }: { run: NodeRun | null | undefined }): ReactElement | null {
  if (run === null || run === undefined || run.status !== 'failed' || run.error === null) return null;
  const cause = run.cause ?? '';
  return (
    <div
      className={run.failedRun ? 'sw-run-error is-run-failure' : 'sw-run-error'}
      title={cause === '' ? run.error : `${run.error}\n\n${cause}`}
      data-testid="run-error-tag"
      data-error={run.error}
      data-run-failure={run.failedRun ? 'true' : undefined}
    >
      <span className="sw-run-error__name">{run.error}</span>
      {cause !== '' && <span className="sw-run-error__cause">{cause}</span>}
    </div>
  );
}

function runAttrs(data: StateNodeData): Record<string, string | number | undefined> {
  const run = data.run;
  return {
    'data-run-status': run?.status,
    'data-run-visits': run === null || run === undefined ? undefined : run.visits,
    'data-run-retries': run === null || run === undefined || run.retries === 0 ? undefined : run.retries,
    'data-breakpoint': data.breakpoint === true ? 'true' : undefined,
    'data-coverage': data.unentered === true ? 'unentered' : undefined,
    'data-diff': data.diff ?? undefined,
  };
}

/** A Map's item progress in its header: a bar and "n of N, k failed". */
function MapProgressView({ run }: { run: NodeRun }): ReactElement | null {
  const m = run.map;
  if (m === null) return null;
  const done = m.succeeded + m.failed + m.aborted;
  const total = Math.max(m.length, m.started);
  const pct = total === 0 ? 0 : Math.min(100, (done / total) * 100);
  const failPct = total === 0 ? 0 : Math.min(100, ((m.failed + m.aborted) / total) * 100);
  return (
    <span className="sw-map-progress" data-testid="map-progress" data-done={done} data-total={total} data-failed={m.failed}>
      <span className="sw-map-progress__text">
        {done.toLocaleString('en-US')} of {total.toLocaleString('en-US')}
        {m.failed > 0 && <span className="sw-map-progress__failed"> · {m.failed.toLocaleString('en-US')} failed</span>}
      </span>
      <span className="sw-map-progress__bar" aria-hidden="true">
        <span className="sw-map-progress__ok" style={{ width: `${pct - failPct}%` }} />
        <span className="sw-map-progress__bad" style={{ width: `${failPct}%` }} />
      </span>
    </span>
  );
}

const BRANCH_LABEL: Record<BranchStatus, string> = { running: 'running', succeeded: 'succeeded', failed: 'failed', aborted: 'aborted' };

function Handles({ data }: { data: StateNodeData }): ReactElement {
  const terminal = data.kind === 'Succeed' || data.kind === 'Fail';
  return (
    <>
      <Handle type="target" position={Position.Top} id={HANDLE_IN} className="sw-handle sw-handle--in" />
      <Handle
        type="source"
        position={Position.Bottom}
        id={HANDLE_NEXT}
        isConnectable={!terminal}
        className={terminal ? 'sw-handle sw-handle--hidden' : 'sw-handle sw-handle--next'}
        title={terminal ? undefined : data.kind === 'Choice' ? 'Drag to add a rule' : 'Drag to connect Next'}
      />
      {hasCatchHandle(data.kind) && (
        <Handle
          type="source"
          position={Position.Right}
          id={HANDLE_CATCH}
          className="sw-handle sw-handle--catch"
          title="Drag to add a catcher"
          // On a container, the catch handle sits beside the header.
          style={data.lanes.length > 0 ? { top: data.headerHeight / 2 } : undefined}
        />
      )}
    </>
  );
}

/** A state box's height with a one-line name (`NODE_HEIGHT` in stepwise-layout). */
const STATE_HEIGHT = 46;

/** Glyph, name, subtitle and problem badge: a state's face, and a container's header. */
function StateLabel({ data }: { data: StateNodeData }): ReactElement {
  // The layout made the box taller for a name too wide for the widest box: two lines.
  const twoLines = data.lanes.length === 0 && data.height > STATE_HEIGHT;
  return (
    <>
      <span className="sw-state__glyph">
        <TypeGlyph type={data.kind} />
      </span>
      <span className="sw-state__text">
        <span className={twoLines ? 'sw-state__name sw-state__name--two-lines' : 'sw-state__name'} title={data.name}>
          {data.name}
        </span>
        {data.subtitle !== null && <span className="sw-state__sub">{data.subtitle}</span>}
      </span>
      <ProblemBadge data={data} />
    </>
  );
}

/** Task, Pass, Choice, Wait, Succeed, Fail. */
function StateNodeView({ data, selected }: NodeProps<FlowNode>): ReactElement {
  return (
    <div
      className={rootClass('sw-state', data, selected)}
      data-testid="state-node"
      data-pointer={data.pointer}
      data-type={data.kind}
      data-name={data.name}
      data-severity={data.severity ?? undefined}
      {...runAttrs(data)}
      aria-selected={selected}
      aria-label={`${data.kind} ${data.name}`}
    >
      <Handles data={data} />
      <StateLabel data={data} />
      <BreakpointDot data={data} />
      <RunBadges run={data.run} />
      <RunErrorTag run={data.run} />
    </div>
  );
}

/** Parallel and Map: header band, then the lanes; the states inside are child nodes. */
function ContainerNodeView({ data, selected }: NodeProps<FlowNode>): ReactElement {
  const dropLane = useLaneDropHighlight(data.pointer);
  return (
    <div
      className={rootClass('sw-container', data, selected)}
      data-testid="state-node"
      data-pointer={data.pointer}
      data-type={data.kind}
      data-name={data.name}
      data-severity={data.severity ?? undefined}
      {...runAttrs(data)}
      aria-selected={selected}
      aria-label={`${data.kind} ${data.name}`}
    >
      <Handles data={data} />
      <div className="sw-container__header" style={{ height: data.headerHeight }} data-testid="container-header">
        <StateLabel data={data} />
        {data.run !== null && data.run !== undefined && <MapProgressView run={data.run} />}
      </div>
      <BreakpointDot data={data} />
      <RunBadges run={data.run} />
      <RunErrorTag run={data.run} />
      {data.lanes.map((lane, i) => {
        const branch = data.kind === 'Parallel' ? data.run?.branches?.[i] : undefined;
        let className = i === dropLane ? 'sw-lane is-drop-target' : 'sw-lane';
        if (branch !== undefined) className += ` sw-lane--${branch}`;
        return (
          <div
            key={lane.scope}
            className={className}
            style={{ left: lane.x, top: lane.y, width: lane.width, height: lane.height }}
            data-testid="lane"
            data-scope={lane.scope}
            data-branch-status={branch}
          >
            <span className="sw-lane__label">
              {lane.label}
              {branch !== undefined && <span className="sw-lane__status"> · {BRANCH_LABEL[branch]}</span>}
            </span>
          </div>
        );
      })}
    </div>
  );
}

function MarkerNodeView({ data }: NodeProps<FlowNode>): ReactElement {
  const start = data.kind === 'Start';
  return (
    <div className={`sw-marker sw-marker--${start ? 'start' : 'end'}`} data-testid="marker" data-marker={start ? 'start' : 'end'}>
      {start ? (
        <Handle type="source" position={Position.Bottom} id={HANDLE_NEXT} className="sw-handle sw-handle--next" title="Drag to set StartAt" />
      ) : (
        <Handle type="target" position={Position.Top} id={HANDLE_IN} isConnectable={false} className="sw-handle sw-handle--hidden" />
      )}
      <TypeGlyph type={data.kind} size={12} />
      <span>{data.name}</span>
    </div>
  );
}

const StateNode = memo(StateNodeView);
const ContainerNode = memo(ContainerNodeView);
const MarkerNode = memo(MarkerNodeView);

export const nodeTypes: NodeTypes = {
  task: StateNode,
  pass: StateNode,
  choice: StateNode,
  wait: StateNode,
  succeed: StateNode,
  fail: StateNode,
  parallel: ContainerNode,
  map: ContainerNode,
  start: MarkerNode,
  end: MarkerNode,
  missing: MissingNode,
};
