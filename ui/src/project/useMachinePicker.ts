import { useCallback, useState } from 'react';
import type { DocumentView } from '../bindings/DocumentView';
import type { Opened } from '../bindings/Opened';
import type { ProjectInfo } from '../bindings/ProjectInfo';

export interface MachinePicker {
  /** The project whose machine the user is choosing; `null` when the picker is closed. */
  choice: ProjectInfo | null;
  /** What an open answered: the document's view, or `null` after showing the picker. */
  viewOf: (opened: Opened | null) => DocumentView | null;
  show: (project: ProjectInfo) => void;
  close: () => void;
}

/** Opening a project with several machines: Rust lists them, the user picks one. */
export function useMachinePicker(): MachinePicker {
  const [choice, setChoice] = useState<ProjectInfo | null>(null);
  const viewOf = useCallback((opened: Opened | null): DocumentView | null => {
    if (opened === null) return null;
    if (opened.kind === 'choose') {
      setChoice(opened.project);
      return null;
    }
    setChoice(null);
    return opened.view;
  }, []);
  const close = useCallback(() => setChoice(null), []);
  return { choice, viewOf, show: setChoice, close };
}
