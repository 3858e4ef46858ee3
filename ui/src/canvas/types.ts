/**
 * The shapes the canvas reads from the Rust side: the ts-rs bindings, plus the subset of
 * `DocumentView` the canvas needs (any `DocumentView` is a `CanvasView`).
 */
import type { Diagram } from '../bindings/Diagram';
import type { DocumentView } from '../bindings/DocumentView';
import type { Edge } from '../bindings/Edge';
import type { Node } from '../bindings/Node';
import type { ProblemRow } from '../bindings/ProblemRow';
import type { StateRow } from '../bindings/StateRow';

export type { Container } from '../bindings/Container';
export type { Diagram } from '../bindings/Diagram';
export type { EdgeKind } from '../bindings/EdgeKind';
export type { Edit } from '../bindings/Edit';
export type { Label } from '../bindings/Label';
export type { Lane } from '../bindings/Lane';
export type { NodeKind } from '../bindings/NodeKind';
export type { Point } from '../bindings/Point';
export type { Slot } from '../bindings/Slot';

export type DiagramNode = Node;
export type DiagramEdge = Edge;

export type Severity = ProblemRow['severity'];

export type CanvasProblem = Pick<ProblemRow, 'severity' | 'state'>;

export type CanvasStateRow = Pick<StateRow, 'pointer' | 'name' | 'stateType' | 'depth'>;

/** What the canvas reads of a `DocumentView`. */
export type CanvasView = Pick<DocumentView, 'revision'> & {
  diagram: Diagram;
  problems: ReadonlyArray<CanvasProblem>;
  states: ReadonlyArray<CanvasStateRow>;
};
