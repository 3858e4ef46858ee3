import { createContext, useContext } from 'react';
import type { PreviewReply } from '../bindings/PreviewReply';
import type { PreviewRequest } from '../bindings/PreviewRequest';

/** What the inspector uses of the run side: the data-flow preview and breakpoints. */
export interface RunInspectorValue {
  previewState: (request: PreviewRequest) => Promise<PreviewReply>;
  breakpoints: ReadonlySet<string>;
  toggleBreakpoint: (state: string) => void;
}

/** `null` when the app has no run API (then the inspector shows no preview). */
export const RunApiContext = createContext<RunInspectorValue | null>(null);

export function useRunInspector(): RunInspectorValue | null {
  return useContext(RunApiContext);
}
