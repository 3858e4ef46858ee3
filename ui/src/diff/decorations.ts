/**
 * A comparison as the canvas and the change list show it: which node is added, changed,
 * renamed or a ghost (removed), which edge is added or removed, and the list of changes in
 * order. Pure: the diff names states and transitions by name, the diagram keys nodes by
 * pointer and edges by id, and this is the one place they meet.
 */
import type { Change } from '../bindings/Change';
import type { Comparison } from '../bindings/Comparison';
import type { DiffEdge } from '../bindings/DiffEdge';
import type { FieldChange } from '../bindings/FieldChange';
import { START_ID } from '../canvas/pointers';

export type NodeMark = Change['kind'];
export type EdgeMark = 'added' | 'removed';

export interface CanvasDiff {
  /** Node id (the state's pointer in the comparison's view) → what happened to it. */
  nodes: ReadonlyMap<string, NodeMark>;
  /** Edge id → added, or removed (an edge of a ghost, or one the new version dropped). */
  edges: ReadonlyMap<string, EdgeMark>;
}

/** One row of the change list. */
export interface ChangeEntry {
  /** Index in `diff.changes` (and `sides`). */
  index: number;
  kind: NodeMark;
  /** The state's name in the new version (the old one for a removed state). */
  state: string;
  /** Where it is drawn: its pointer in the comparison's view; `null` when it is not drawn. */
  pointer: string | null;
  /** "renamed from Wait", "moved from /States/P", "2 fields". */
  detail: string;
  fields: FieldChange[];
}

function edgeKey(from: string | null, to: string, kind: string): string {
  return `${from ?? ''}\u0000${to}\u0000${kind}`;
}

function pointersByName(c: Comparison): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of c.view.states) out.set(s.name, s.pointer);
  return out;
}

function fieldsOf(change: Change): FieldChange[] {
  return change.kind === 'changed' || change.kind === 'renamed' ? change.fields : [];
}

function nameOf(change: Change): string {
  return change.kind === 'renamed' ? change.to : change.state;
}

function detailOf(change: Change): string {
  const n = fieldsOf(change).length;
  const count = n === 1 ? '1 field' : `${n} fields`;
  switch (change.kind) {
    case 'added':
      return `${change.stateType} added`;
    case 'removed':
      return `${change.stateType} removed`;
    case 'renamed':
      return n === 0 ? `renamed from ${change.from}` : `renamed from ${change.from}, ${count}`;
    case 'changed':
      return change.movedFrom === null ? count : `moved from ${change.movedFrom}, ${count}`;
  }
}

export function changeEntries(c: Comparison): ChangeEntry[] {
  const pointers = pointersByName(c);
  const ghosts = new Map(c.ghosts.map((g) => [g.name, g.pointer]));
  return c.diff.changes.map((change, index) => {
    const state = nameOf(change);
    const pointer = change.kind === 'removed' ? (ghosts.get(state) ?? null) : (pointers.get(state) ?? null);
    return { index, kind: change.kind, state, pointer, detail: detailOf(change), fields: fieldsOf(change) };
  });
}

export function canvasDiff(c: Comparison): CanvasDiff {
  const nodes = new Map<string, NodeMark>();
  for (const e of changeEntries(c)) if (e.pointer !== null) nodes.set(e.pointer, e.kind);
  const ghostPointers = new Set(c.ghosts.map((g) => g.pointer));
  const names = new Map(c.view.states.map((s) => [s.pointer, s.name]));
  const added = new Set(c.diff.edgesAdded.map((e: DiffEdge) => edgeKey(e.from, e.to, e.kind)));
  const removed = new Set(c.diff.edgesRemoved.map((e: DiffEdge) => edgeKey(e.from, e.to, e.kind)));
  const edges = new Map<string, EdgeMark>();
  for (const e of c.view.diagram.edges) {
    if (ghostPointers.has(e.source) || ghostPointers.has(e.target)) {
      edges.set(e.id, 'removed');
      continue;
    }
    const to = names.get(e.target);
    if (to === undefined || e.kind === 'end') continue;
    const from = e.source === START_ID || e.kind === 'start' ? null : (names.get(e.source) ?? null);
    const key = edgeKey(from, to, e.kind);
    if (added.has(key)) edges.set(e.id, 'added');
    else if (removed.has(key)) edges.set(e.id, 'removed');
  }
  return { nodes, edges };
}

/** The entry after (`+1`) or before (`-1`) `current`, wrapping; the first (or last) from none. */
export function step(current: number | null, count: number, direction: 1 | -1): number | null {
  if (count === 0) return null;
  if (current === null) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/** The lines of a state's JSON, and which of them differ from the other side's. */
export function sideLines(mine: unknown, theirs: unknown): { text: string; changed: boolean }[] {
  if (mine === null || mine === undefined) return [];
  const lines = JSON.stringify(mine, null, 2).split('\n');
  const other = theirs === null || theirs === undefined ? new Set<string>() : new Set(JSON.stringify(theirs, null, 2).split('\n'));
  return lines.map((text) => ({ text, changed: !other.has(text) }));
}
