/** The node components: states, containers (Parallel/Map) and the Start/End markers. */
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo, type ReactElement } from 'react';
import { HANDLE_CATCH, HANDLE_IN, HANDLE_NEXT, hasCatchHandle, type FlowNode, type StateNodeData } from './convert';
import { useLaneDropHighlight } from './dnd';
import { ProblemGlyph, TypeGlyph } from './icons';

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
  return c;
}

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

/** Glyph, name, subtitle and problem badge: a state's face, and a container's header. */
function StateLabel({ data }: { data: StateNodeData }): ReactElement {
  return (
    <>
      <span className="sw-state__glyph">
        <TypeGlyph type={data.kind} />
      </span>
      <span className="sw-state__text">
        <span className="sw-state__name">{data.name}</span>
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
      aria-selected={selected}
      aria-label={`${data.kind} ${data.name}`}
    >
      <Handles data={data} />
      <StateLabel data={data} />
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
      aria-selected={selected}
      aria-label={`${data.kind} ${data.name}`}
    >
      <Handles data={data} />
      <div className="sw-container__header" style={{ height: data.headerHeight }} data-testid="container-header">
        <StateLabel data={data} />
      </div>
      {data.lanes.map((lane, i) => (
        <div
          key={lane.scope}
          className={i === dropLane ? 'sw-lane is-drop-target' : 'sw-lane'}
          style={{ left: lane.x, top: lane.y, width: lane.width, height: lane.height }}
          data-testid="lane"
          data-scope={lane.scope}
        >
          <span className="sw-lane__label">{lane.label}</span>
        </div>
      ))}
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
};
