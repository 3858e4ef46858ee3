import type { DocumentView } from '../bindings/DocumentView';

/** A DocumentView for tests: a clean, saved, empty JSON document, with `fields` on top. */
export function documentView(fields: Partial<DocumentView> = {}): DocumentView {
  return {
    path: '/tmp/machine.asl.json',
    fileName: 'machine.asl.json',
    title: 'Stepwise — machine.asl.json',
    format: 'json',
    revision: 1,
    dirty: false,
    text: '{}',
    textError: null,
    comment: null,
    startAt: null,
    states: [],
    problems: [],
    diagram: { width: 0, height: 0, nodes: [], edges: [] },
    canUndo: false,
    canRedo: false,
    undoLabel: null,
    redoLabel: null,
    conflict: false,
    error: null,
    project: null,
    readOnly: null,
    substitutions: [],
    ...fields,
  };
}
