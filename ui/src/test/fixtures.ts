import type { DocumentView } from '../bindings/DocumentView';
import type { ProblemRow } from '../bindings/ProblemRow';
import type { StateRow } from '../bindings/StateRow';

export function state(name: string, stateType: string, pointer = `/States/${name}`, depth = 0): StateRow {
  return { pointer, name, stateType, depth };
}

export function problem(pointer: string, code = 'next-not-found', severity: ProblemRow['severity'] = 'error'): ProblemRow {
  return { severity, code, message: `${code} at ${pointer}`, pointer };
}

export function view(overrides: Partial<DocumentView> = {}): DocumentView {
  return {
    path: '/home/me/machines/order-processing.asl.json',
    fileName: 'order-processing.asl.json',
    format: 'json',
    comment: 'Processes an order',
    startAt: 'Validate',
    states: [
      state('Validate', 'Task'),
      state('Fork', 'Parallel'),
      state('Charge', 'Task', '/States/Fork/Branches/0/States/Charge', 1),
      state('Ship', 'Map', '/States/Fork/Branches/1/States/Ship', 1),
      state('Pack', 'Pass', '/States/Fork/Branches/1/States/Ship/ItemProcessor/States/Pack', 2),
      state('Done', 'Succeed'),
    ],
    problems: [],
    error: null,
    ...overrides,
  };
}
