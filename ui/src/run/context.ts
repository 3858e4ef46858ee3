import { createContext, useContext } from 'react';
import type { ExpressionReply } from '../bindings/ExpressionReply';
import type { ExpressionRequest } from '../bindings/ExpressionRequest';
import type { PreviewReply } from '../bindings/PreviewReply';
import type { PreviewRequest } from '../bindings/PreviewRequest';

/** What the inspector uses of the run side: the data-flow preview and breakpoints. */
export interface RunInspectorValue {
  previewState: (request: PreviewRequest) => Promise<PreviewReply>;
  /** A JSONata field's value on the state's sample (the expression editors' live preview). */
  evaluateExpression: (request: ExpressionRequest) => Promise<ExpressionReply>;
  breakpoints: ReadonlySet<string>;
  toggleBreakpoint: (state: string) => void;
}

/** `null` when the app has no run API (then the inspector shows no preview). */
export const RunApiContext = createContext<RunInspectorValue | null>(null);

export function useRunInspector(): RunInspectorValue | null {
  return useContext(RunApiContext);
}
