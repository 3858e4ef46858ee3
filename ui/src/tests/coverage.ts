/**
 * Coverage drawn on the canvas: the report names states and transitions (`from`, `kind`,
 * `index`, `to`); the diagram keys nodes by JSON Pointer and edges by id with their `kind`
 * and `rule`. A retry has no edge: the panel lists those.
 */
import type { Diagram } from '../bindings/Diagram';
import type { EdgeKind } from '../bindings/EdgeKind';
import type { MachineCoverage } from '../bindings/MachineCoverage';
import type { TransitionCoverage } from '../bindings/TransitionCoverage';

export interface CanvasCoverage {
  /** Edge ids of transitions no test took. */
  untakenEdges: ReadonlySet<string>;
  takenEdges: ReadonlySet<string>;
  /** Node ids (pointers) of states no test entered. */
  unentered: ReadonlySet<string>;
  /** The Retriers, which have no edge, taken or not. */
  retries: readonly TransitionCoverage[];
}

const EDGE_KIND: Record<Exclude<TransitionCoverage['kind'], 'retry'>, EdgeKind> = {
  next: 'next',
  rule: 'choice',
  default: 'default',
  catch: 'catch',
};

export function canvasCoverage(coverage: MachineCoverage, diagram: Diagram): CanvasCoverage {
  const pointerOf = new Map(coverage.states.map((s) => [s.name, s.pointer]));
  const edges = new Map<string, string>();
  for (const e of diagram.edges) {
    const rule = e.kind === 'choice' || e.kind === 'catch' ? (e.rule ?? 0) : 0;
    // First wins: two Next edges cannot leave one state, and rules are numbered.
    const key = `${e.source}\u0000${e.kind}\u0000${rule}`;
    if (!edges.has(key)) edges.set(key, e.id);
  }
  const untakenEdges = new Set<string>();
  const takenEdges = new Set<string>();
  const retries: TransitionCoverage[] = [];
  for (const t of coverage.transitions) {
    if (t.kind === 'retry') {
      retries.push(t);
      continue;
    }
    const from = pointerOf.get(t.from);
    if (from === undefined) continue;
    const rule = t.kind === 'rule' || t.kind === 'catch' ? (t.index ?? 0) : 0;
    const id = edges.get(`${from}\u0000${EDGE_KIND[t.kind]}\u0000${rule}`);
    if (id === undefined) continue;
    (t.taken > 0 ? takenEdges : untakenEdges).add(id);
  }
  const unentered = new Set(coverage.states.filter((s) => s.entered === 0).map((s) => s.pointer));
  return { untakenEdges, takenEdges, unentered, retries };
}

/** `Check --rule 2--> Ship`, as the CLI writes a transition. */
export function describeTransition(t: TransitionCoverage): string {
  const how =
    t.kind === 'next'
      ? 'Next'
      : t.kind === 'default'
        ? 'Default'
        : t.kind === 'rule'
          ? `rule ${(t.index ?? 0) + 1}`
          : t.kind === 'catch'
            ? `Catch ${(t.index ?? 0) + 1}`
            : `Retry ${(t.index ?? 0) + 1}`;
  return `${t.from} --${how}--> ${t.to}`;
}
