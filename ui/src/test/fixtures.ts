import type { Diagram } from '../bindings/Diagram';
import type { DocumentView } from '../bindings/DocumentView';
import type { ProblemRow } from '../bindings/ProblemRow';
import type { StateRow } from '../bindings/StateRow';
import { documentView } from './documentView';

export function state(name: string, stateType: string, pointer = `/States/${name}`, depth = 0): StateRow {
  return { pointer, name, stateType, depth, from: null, to: null };
}

export function problem(
  pointer: string,
  code = 'next-not-found',
  severity: ProblemRow['severity'] = 'error',
  owner: string | null = null,
): ProblemRow {
  return { severity, code, message: `${code} at ${pointer}`, pointer, state: owner, from: null, to: null };
}

const TEXT = JSON.stringify(
  {
    Comment: 'Processes an order',
    StartAt: 'Validate',
    States: {
      Validate: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Fork' },
      Fork: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Charge', States: { Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } },
          {
            StartAt: 'Ship',
            States: {
              Ship: {
                Type: 'Map',
                ItemProcessor: { StartAt: 'Pack', States: { Pack: { Type: 'Pass', End: true } } },
                End: true,
              },
            },
          },
        ],
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  },
  null,
  2,
);

function node(id: string, name: string, type: Diagram['nodes'][number]['type'], x: number, y: number): Diagram['nodes'][number] {
  return { id, name, type, x, y, width: 140, height: 44, depth: 0 };
}

const DIAGRAM: Diagram = {
  width: 400,
  height: 400,
  nodes: [
    node('#start', 'Start', 'Start', 100, 0),
    node('/States/Validate', 'Validate', 'Task', 60, 60),
    node('/States/Done', 'Done', 'Succeed', 60, 200),
    node('#end', 'End', 'End', 100, 300),
  ],
  edges: [
    {
      id: '#start->/States/Validate#0',
      source: '#start',
      target: '/States/Validate',
      kind: 'start',
      back_edge: false,
      points: [
        { x: 130, y: 20 },
        { x: 130, y: 60 },
      ],
    },
  ],
};

export function view(overrides: Partial<DocumentView> = {}): DocumentView {
  return documentView({
    path: '/home/me/machines/order-processing.asl.json',
    fileName: 'order-processing.asl.json',
    title: 'Stepwise — order-processing.asl.json',
    text: TEXT,
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
    diagram: DIAGRAM,
    ...overrides,
  });
}
