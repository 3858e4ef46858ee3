/**
 * The diagram Rust laid out, turned into xyflow nodes and edges. Pure and memoisable: the
 * Canvas converts once per diagram, then only patches selection and position overrides.
 */
import type { Edge, Node, NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import type { EdgeRun, NodeRun } from '../run/overlay';
import { END_ID, START_ID, isMissing, missingPointer, scopeOfState, stateNameOf } from './pointers';
import type {
  CanvasProblem,
  Diagram,
  DiagramEdge,
  DiagramNode,
  EdgeKind,
  Label,
  NodeKind,
  Point,
  Severity,
  Slot,
} from './types';

export type FlowNodeType =
  | 'task'
  | 'pass'
  | 'choice'
  | 'wait'
  | 'succeed'
  | 'fail'
  | 'parallel'
  | 'map'
  | 'start'
  | 'end'
  | 'missing';

/** A lane of a container, relative to the container's top-left corner. */
export type LaneData = {
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The scope pointer of the lane: `/States/P/Branches/0`, `/States/M/ItemProcessor`. */
  scope: string;
};

export type StateNodeData = {
  pointer: string;
  name: string;
  kind: NodeKind;
  subtitle: string | null;
  width: number;
  height: number;
  severity: Severity | null;
  problemCount: number;
  /** Parallel and Map only: the header band and the lanes. */
  headerHeight: number;
  lanes: LaneData[];
  /** While a run is shown: what it did here (added by the Canvas, not by the conversion). */
  run?: NodeRun | null;
  /** A breakpoint is set on this state. */
  breakpoint?: boolean;
  /** While the tests' coverage is shown: no test entered this state (added by the Canvas). */
  unentered?: boolean;
  /** In compare mode: what happened to this state since the other version (added by the Canvas). */
  diff?: 'added' | 'removed' | 'renamed' | 'changed' | null;
};

export type FlowNode = Node<StateNodeData, FlowNodeType>;

/** A transition of a state: the state (or scope, for `start`) and which of its slots. */
export type EdgeSlot = { source: string; slot: Slot };

export type RoutedEdgeData = {
  kind: EdgeKind;
  rule: number | null;
  backEdge: boolean;
  label: Label | null;
  /** The routed polyline, absolute flow coordinates. */
  points: Point[];
  /** Layout positions (absolute top-left) of the source and target nodes; when the nodes
   * are somewhere else (the user dragged them), the edge is re-drawn. */
  sourceAt: Point;
  targetAt: Point;
  /** Where a state dropped on this edge goes; `null` when nothing can be inserted here. */
  insert: EdgeSlot | null;
  /** The name of the state the edge leads to (`null` for the End marker). */
  targetName: string | null;
  /** While a run is shown: taken, or taken just now (added by the Canvas). */
  run?: EdgeRun | null;
  /** While the tests' coverage is shown: whether some test took this transition. */
  coverage?: 'taken' | 'untaken' | null;
  /** In compare mode: a transition only in the new version, or one of a removed state. */
  diff?: 'added' | 'removed' | null;
  /**
   * The transition names a state that does not exist (the edge ends on a placeholder): the
   * slot to re-connect and the pointer of the field that names it. `null` for other edges.
   */
  broken: BrokenTransition | null;
};

/** A transition to a missing state: what fixes it and where it is written. */
export type BrokenTransition = EdgeSlot & {
  /** The field naming the missing state: `/States/Check/Default`, `/StartAt`, ... */
  field: string;
  /** The missing name. */
  name: string;
};

export type FlowEdge = Edge<RoutedEdgeData, 'routed'>;

export const HANDLE_IN = 'in';
export const HANDLE_NEXT = 'next';
export const HANDLE_CATCH = 'catch';

const HANDLE_SIZE = 8;
/** The header band of a container (crates/layout/src/containers.rs: HEADER). */
const HEADER_HEIGHT = 40;

export function flowNodeType(kind: NodeKind): FlowNodeType {
  return kind.toLowerCase() as FlowNodeType;
}

export function isContainerKind(kind: NodeKind): boolean {
  return kind === 'Parallel' || kind === 'Map';
}

export function hasCatchHandle(kind: NodeKind): boolean {
  return kind === 'Task' || kind === 'Parallel' || kind === 'Map';
}

/** The worst severity per state pointer, and how many problems each state has. */
export function problemsByState(problems: ReadonlyArray<CanvasProblem>): Map<string, { severity: Severity; count: number }> {
  const out = new Map<string, { severity: Severity; count: number }>();
  for (const p of problems) {
    if (p.state === null || p.state === undefined) continue;
    const prev = out.get(p.state);
    if (prev === undefined) {
      out.set(p.state, { severity: p.severity, count: 1 });
    } else {
      prev.count += 1;
      if (p.severity === 'error') prev.severity = 'error';
    }
  }
  return out;
}

/** The handles of a node, declared up front so edges can be drawn before the DOM measures. */
function handlesOf(kind: NodeKind, width: number, height: number): NodeHandle[] {
  const h = HANDLE_SIZE;
  const top: NodeHandle = { id: HANDLE_IN, type: 'target', position: Position.Top, x: width / 2 - h / 2, y: -h / 2, width: h, height: h };
  const bottom: NodeHandle = {
    id: HANDLE_NEXT,
    type: 'source',
    position: Position.Bottom,
    x: width / 2 - h / 2,
    y: height - h / 2,
    width: h,
    height: h,
  };
  if (kind === 'Start') return [bottom];
  if (kind === 'End' || kind === 'Missing') return [top];
  const out = [top, bottom];
  if (hasCatchHandle(kind)) {
    const y = isContainerKind(kind) ? HEADER_HEIGHT / 2 - h / 2 : height / 2 - h / 2;
    out.push({ id: HANDLE_CATCH, type: 'source', position: Position.Right, x: width - h / 2, y, width: h, height: h });
  }
  return out;
}

/** The name of the field holding a Map's processor, read off the pointers of its states. */
function processorFields(nodes: ReadonlyArray<DiagramNode>): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of nodes) {
    const parent = n.parent;
    if (parent === null || parent === undefined || out.has(parent)) continue;
    if (!n.id.startsWith(`${parent}/`)) continue;
    const field = n.id.slice(parent.length + 1).split('/')[0];
    if (field === 'ItemProcessor' || field === 'Iterator') out.set(parent, field);
  }
  return out;
}

export function laneScope(container: DiagramNode, index: number, processorField: string | undefined): string {
  if (container.type === 'Map') return `${container.id}/${processorField ?? 'ItemProcessor'}`;
  return `${container.id}/Branches/${index}`;
}

/** The slot a state dropped on `edge` is inserted into; `null` when it cannot be. */
export function insertSlotOf(edge: Pick<DiagramEdge, 'kind' | 'source' | 'target' | 'rule'>, sourceKind: NodeKind | undefined): EdgeSlot | null {
  switch (edge.kind) {
    case 'start':
      return {
        source: edge.source === START_ID ? scopeOfState(isMissing(edge.target) ? missingPointer(edge.target) : edge.target) : edge.source,
        slot: { kind: 'start' },
      };
    case 'next':
      return { source: edge.source, slot: { kind: 'next' } };
    case 'end':
      // A Succeed or Fail ends by itself: nothing can follow it.
      if (sourceKind === 'Succeed' || sourceKind === 'Fail' || edge.source === START_ID) return null;
      return { source: edge.source, slot: { kind: 'next' } };
    case 'choice':
      return edge.rule === null || edge.rule === undefined
        ? null
        : { source: edge.source, slot: { kind: 'choice', index: edge.rule } };
    case 'default':
      return { source: edge.source, slot: { kind: 'default' } };
    case 'catch':
      return edge.rule === null || edge.rule === undefined
        ? null
        : { source: edge.source, slot: { kind: 'catch', index: edge.rule } };
  }
}

/** The field a transition is written in: `/States/A/Next`, `/States/C/Choices/0/Next`, `/StartAt`. */
export function transitionField(slot: EdgeSlot): string | null {
  const { source, slot: s } = slot;
  switch (s.kind) {
    case 'start':
      return `${source}/StartAt`;
    case 'next':
      return `${source}/Next`;
    case 'default':
      return `${source}/Default`;
    case 'choice':
      return `${source}/Choices/${s.index}/Next`;
    case 'catch':
      return `${source}/Catch/${s.index}/Next`;
    default:
      return null;
  }
}

/** What is broken about an edge into a missing-state placeholder; `null` for other edges. */
export function brokenTransition(edge: Pick<DiagramEdge, 'kind' | 'source' | 'target' | 'rule'>): BrokenTransition | null {
  if (!isMissing(edge.target)) return null;
  const slot = insertSlotOf(edge, undefined);
  const field = slot === null ? null : transitionField(slot);
  if (slot === null || field === null) return null;
  return { ...slot, field, name: stateNameOf(missingPointer(edge.target)) };
}

/** The slot Delete removes for a selected edge; `null` for Start and End edges. */
export function disconnectSlotOf(edge: Pick<DiagramEdge, 'kind' | 'source' | 'target' | 'rule'>): EdgeSlot | null {
  if (edge.kind === 'start' || edge.kind === 'end') return null;
  return insertSlotOf(edge, undefined);
}

export interface FlowElements {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export function diagramToFlow(diagram: Diagram, problems: ReadonlyArray<CanvasProblem>): FlowElements {
  const byState = problemsByState(problems);
  const byId = new Map<string, DiagramNode>();
  for (const n of diagram.nodes) byId.set(n.id, n);
  const fields = processorFields(diagram.nodes);

  const nodes: FlowNode[] = diagram.nodes.map((n) => {
    const marker = n.type === 'Start' || n.type === 'End';
    const missing = n.type === 'Missing';
    const parent = n.parent !== null && n.parent !== undefined ? byId.get(n.parent) : undefined;
    const position = parent === undefined ? { x: n.x, y: n.y } : { x: n.x - parent.x, y: n.y - parent.y };
    const problem = byState.get(n.id);
    const lanes: LaneData[] =
      n.container?.lanes.map((l, i) => ({
        label: l.label,
        x: l.x - n.x,
        y: l.y - n.y,
        width: l.width,
        height: l.height,
        scope: laneScope(n, i, fields.get(n.id)),
      })) ?? [];
    const container = isContainerKind(n.type) && n.container !== null && n.container !== undefined;
    const node: FlowNode = {
      id: n.id,
      type: flowNodeType(n.type),
      position,
      width: n.width,
      height: n.height,
      // Known sizes count as measured, so fitView includes states never rendered yet
      // (onlyRenderVisibleElements renders, and so measures, only the visible ones).
      measured: { width: n.width, height: n.height },
      handles: handlesOf(n.type, n.width, n.height),
      data: {
        pointer: n.id,
        name: n.name,
        kind: n.type,
        subtitle: n.subtitle ?? null,
        width: n.width,
        height: n.height,
        // A missing state is a problem in itself (the validator reports it on the transitions).
        severity: missing ? 'error' : (problem?.severity ?? null),
        problemCount: missing ? 1 : (problem?.count ?? 0),
        headerHeight: n.container?.header_height ?? 0,
        lanes,
      },
      selectable: !marker && !missing,
      deletable: !marker && !missing,
      connectable: n.type !== 'End' && !missing,
    };
    // No `extent: 'parent'`: a state dragged out of its container moves out of it.
    if (parent !== undefined) node.parentId = parent.id;
    if (container) {
      node.dragHandle = '.sw-container__header';
      node.className = 'sw-node--container';
    }
    return node;
  });

  const edges: FlowEdge[] = diagram.edges.map((e) => {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    const sourceKind = s?.type;
    const broken = brokenTransition(e);
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      type: 'routed',
      sourceHandle: e.kind === 'catch' && sourceKind !== undefined && hasCatchHandle(sourceKind) ? HANDLE_CATCH : HANDLE_NEXT,
      targetHandle: HANDLE_IN,
      deletable: disconnectSlotOf(e) !== null,
      // Only a broken edge can be dragged (by its end) onto the state it should lead to.
      reconnectable: broken === null ? false : 'target',
      data: {
        kind: e.kind,
        rule: e.rule ?? null,
        backEdge: e.back_edge,
        label: e.label ?? null,
        points: e.points,
        sourceAt: { x: s?.x ?? 0, y: s?.y ?? 0 },
        targetAt: { x: t?.x ?? 0, y: t?.y ?? 0 },
        // Nothing is inserted before a state that is not there.
        insert: broken === null ? insertSlotOf(e, sourceKind) : null,
        targetName: e.target === END_ID || e.target === START_ID ? null : stateNameOf(broken === null ? e.target : missingPointer(e.target)),
        broken,
      },
    };
  });

  return { nodes, edges };
}

/**
 * Keeps the objects of `prev` that did not change, so that React (memo'd node and edge
 * components) and xyflow (which re-adopts only new objects) skip them.
 */
export function reuseUnchanged<T extends { id: string }>(prev: ReadonlyArray<T>, next: T[]): T[] {
  if (prev.length === 0) return next;
  const old = new Map<string, T>();
  for (const p of prev) old.set(p.id, p);
  return next.map((n) => {
    const o = old.get(n.id);
    return o !== undefined && sameJson(o, n) ? o : n;
  });
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
