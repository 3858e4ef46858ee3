/** A laid-out diagram (from `stepwise layout` of fixture.asl.json) and a view around it. */
import type { DocumentView } from '../../bindings/DocumentView';
import type { ProblemRow } from '../../bindings/ProblemRow';
import type { Diagram } from '../types';
import diagramJson from './diagram.json';
import { documentView } from '../../test/documentView';

export const diagram = diagramJson as Diagram;

export function problem(state: string | null, severity: ProblemRow['severity'] = 'error'): ProblemRow {
  return { severity, code: 'test', message: 'test problem', pointer: state ?? '', state, from: null, to: null };
}

export function fixtureView(overrides: Partial<DocumentView> = {}): DocumentView {
  const states = diagram.nodes
    .filter((n) => n.type !== 'Start' && n.type !== 'End')
    .map((n) => ({ pointer: n.id, name: n.name, stateType: n.type, depth: n.depth, from: null, to: null }));
  return documentView({
    path: '/tmp/fixture.asl.json',
    fileName: 'fixture.asl.json',
    startAt: 'Validate',
    states,
    problems: [problem('/States/Route', 'warning'), problem('/States/Fork/Branches/1/States/B'), problem('/States/Fork/Branches/1/States/B', 'warning'), problem(null)],
    diagram,
    ...overrides,
  });
}
