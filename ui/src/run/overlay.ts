/**
 * What the canvas draws of a run: a status per node (keyed by pointer, as the canvas keys
 * nodes) and a mark per edge, from the fold (keyed by state name, unique machine-wide).
 * The builder keeps the objects of nodes that did not change between frames, so the memo'd
 * node components of xyflow skip them.
 */
import type { Diagram } from '../bindings/Diagram';
import type { BranchStatus, FoldSnapshot, MapProgress, StateRunView, StateStatus, Transition } from './fold';

export type NodeRunStatus = StateStatus | 'paused';

export interface NodeRun {
  status: NodeRunStatus;
  visits: number;
  retries: number;
  failed: number;
  caught: number;
  running: number;
  /** Map nodes: item progress. */
  map: MapProgress | null;
  /** Parallel nodes: a status per branch. */
  branches: readonly BranchStatus[] | null;
  /** The error of its latest failed (or caught) visit. */
  error: string | null;
  cause: string | null;
  /** The run failed here (the state that raised the run's error). */
  failedRun: boolean;
}

/** `taken`: the run went along it; `active`: into a state running now, or the last taken. */
export type EdgeRun = 'taken' | 'active';

export interface CanvasRunOverlay {
  nodes: ReadonlyMap<string, NodeRun>;
  edges: ReadonlyMap<string, EdgeRun>;
  /** A node without an entry was not reached. */
  notReached: NodeRun;
}

const NOT_REACHED: NodeRun = { status: 'not-reached', visits: 0, retries: 0, failed: 0, caught: 0, running: 0, map: null, branches: null, error: null, cause: null, failedRun: false };

interface Index {
  diagram: Diagram;
  pointerOf: Map<string, string>;
  /** Edges by `source pointer \u0000 target pointer`, in catcher order. */
  between: Map<string, DiagramEdgeRef[]>;
}

interface DiagramEdgeRef {
  id: string;
  catch: boolean;
  /** Catch edges: the catcher's index and error names. */
  rule: number;
  errors: readonly string[];
}

/** Whether a catcher's ErrorEquals takes the error (ASL: States.ALL takes all,
 * States.TaskFailed all but States.Timeout). */
export function catcherMatches(errors: readonly string[], error: string): boolean {
  return errors.some((e) => e === error || e === 'States.ALL' || (e === 'States.TaskFailed' && error !== 'States.Timeout'));
}

function indexDiagram(diagram: Diagram): Index {
  const pointerOf = new Map<string, string>();
  // States only: a missing-state placeholder may share its name with a state of another scope.
  for (const n of diagram.nodes) if (n.type !== 'Start' && n.type !== 'End' && n.type !== 'Missing') pointerOf.set(n.name, n.id);
  const between = new Map<string, DiagramEdgeRef[]>();
  for (const e of diagram.edges) {
    const k = `${e.source}\u0000${e.target}`;
    let list = between.get(k);
    if (list === undefined) {
      list = [];
      between.set(k, list);
    }
    list.push({ id: e.id, catch: e.kind === 'catch', rule: e.rule ?? 0, errors: e.errors ?? [] });
  }
  for (const list of between.values()) list.sort((a, b) => a.rule - b.rule);
  return { diagram, pointerOf, between };
}

/**
 * The diagram edges a transition went along: a Catch goes along the first catcher that takes
 * its error (several catchers can lead to the same state), other transitions along the rest.
 */
export function edgesOf(t: Pick<Transition, 'from' | 'to' | 'viaCatch' | 'error'>, index: Pick<Index, 'pointerOf' | 'between'>): string[] {
  const source = t.from === null ? '#start' : index.pointerOf.get(t.from);
  const target = t.to === null ? '#end' : index.pointerOf.get(t.to);
  if (source === undefined || target === undefined) return [];
  const list = index.between.get(`${source}\u0000${target}`);
  if (list === undefined) return [];
  const preferred = list.filter((e) => e.catch === t.viaCatch);
  if (t.viaCatch && t.error !== null && preferred.length > 1) {
    const first = preferred.find((e) => catcherMatches(e.errors, t.error ?? ''));
    if (first !== undefined) return [first.id];
  }
  return (preferred.length > 0 ? preferred : list).map((e) => e.id);
}

interface Cached {
  view: StateRunView;
  map: MapProgress | undefined;
  branches: readonly BranchStatus[] | undefined;
  paused: boolean;
  failedRun: boolean;
  node: NodeRun;
}

export class OverlayBuilder {
  private index: Index | null = null;
  private cache = new Map<string, Cached>();
  private lastEdges: { transitions: FoldSnapshot['transitions']; active: FoldSnapshot['active']; last: string | null; edges: ReadonlyMap<string, EdgeRun> } | null = null;

  build(snap: FoldSnapshot, diagram: Diagram, paused: string | null): CanvasRunOverlay {
    if (this.index?.diagram !== diagram) {
      this.index = indexDiagram(diagram);
      this.cache = new Map();
      this.lastEdges = null;
    }
    const index = this.index;
    const nodes = new Map<string, NodeRun>();
    const seen = new Set<string>();
    for (const [name, view] of snap.states) {
      const pointer = index.pointerOf.get(name);
      if (pointer === undefined) continue;
      seen.add(pointer);
      const map = snap.maps.get(name);
      const branches = snap.branches.get(name);
      const isPaused = paused === name;
      const failedRun = snap.failure?.state === name;
      const c = this.cache.get(pointer);
      if (c !== undefined && c.view === view && c.map === map && c.branches === branches && c.paused === isPaused && c.failedRun === failedRun) {
        nodes.set(pointer, c.node);
        continue;
      }
      const node: NodeRun = {
        status: isPaused ? 'paused' : view.status,
        visits: view.visits,
        retries: view.retries,
        failed: view.failed,
        caught: view.caught,
        running: view.running,
        map: map ?? null,
        branches: branches ?? null,
        error: view.error,
        cause: view.cause,
        failedRun,
      };
      this.cache.set(pointer, { view, map, branches, paused: isPaused, failedRun, node });
      nodes.set(pointer, node);
    }
    // Paused before a state never entered yet.
    if (paused !== null) {
      const pointer = index.pointerOf.get(paused);
      if (pointer !== undefined && !seen.has(pointer)) nodes.set(pointer, { ...NOT_REACHED, status: 'paused' });
    }

    let edges: ReadonlyMap<string, EdgeRun>;
    const le = this.lastEdges;
    if (le !== null && le.transitions === snap.transitions && le.active === snap.active && le.last === snap.lastTransition) {
      edges = le.edges;
    } else {
      const out = new Map<string, EdgeRun>();
      for (const t of snap.transitions.values()) for (const id of edgesOf(t, index)) out.set(id, 'taken');
      const glow = new Set(snap.active);
      // The edge just taken glows while the run goes on; at the end, only taken edges remain.
      if (snap.lastTransition !== null && snap.execution.status === 'running') glow.add(snap.lastTransition);
      for (const key of glow) {
        const t = snap.transitions.get(key);
        if (t !== undefined) for (const id of edgesOf(t, index)) out.set(id, 'active');
      }
      edges = out;
      this.lastEdges = { transitions: snap.transitions, active: snap.active, last: snap.lastTransition, edges };
    }
    return { nodes, edges, notReached: NOT_REACHED };
  }
}
