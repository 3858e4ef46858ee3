import { useMemo, useRef, useState, type ReactElement } from 'react';
import type { DocumentView } from '../bindings/DocumentView';
import type { Edit } from '../bindings/Edit';
import { useKeepFocusInPlace, useRevealFields } from './anchor';
import { ClaimStore } from './claims';
import { InspectorContext, type InspectorContextValue, type LanguageBlockers } from './context';
import { MachineSettings } from './MachineSettings';
import { MultiSelection } from './MultiSelection';
import { getAt, isObject } from './pointer';
import { StateInspector } from './StateInspector';
import './inspector.css';

export interface InspectorProps {
  view: DocumentView;
  /** Selected state pointers. */
  selection: string[];
  /** The App applies the edit through Rust; a new view comes back. */
  onEdit: (edit: Edit) => void;
  onSelect: (pointers: string[]) => void;
  /** What stops switching the machine's query language; without it the switch is not offered. */
  languageBlockers?: LanguageBlockers | undefined;
}

/** The parsed definition: the text's, or while it does not parse, the last one that did. */
function useDefinition(text: string): { root: unknown; parsed: boolean } {
  const last = useRef<unknown>(undefined);
  return useMemo(() => {
    try {
      const root: unknown = JSON.parse(text);
      last.current = root;
      return { root, parsed: true };
    } catch {
      return { root: last.current, parsed: false };
    }
  }, [text]);
}

/** The right-hand panel: machine settings, one state's form, or a multi-selection summary. */
export function Inspector({ view, selection, onEdit, onSelect, languageBlockers }: InspectorProps): ReactElement {
  const { root, parsed } = useDefinition(view.text);
  const broken = !parsed || view.textError !== null;
  // A definition that cannot be changed (the CDK's output, Fn::Join): shown, not edited.
  const readOnly = broken || view.readOnly !== null;
  const [claims] = useState(() => new ClaimStore());
  const pointer = selection.length === 1 ? selection[0] : undefined;
  // The state the inspector shows, or `null` for the machine's settings.
  const shown = pointer !== undefined && root !== undefined && isObject(getAt(root, pointer)) ? pointer : null;
  const problems = useMemo(
    () => (selection.length > 1 ? [] : view.problems.filter((p) => p.state === shown)),
    [view.problems, shown, selection.length],
  );
  const ctx = useMemo<InspectorContextValue>(
    () => ({ root, rows: view.states, readOnly, send: onEdit, select: onSelect, problems, claims, languageBlockers, substitutions: view.substitutions }),
    [root, view.states, readOnly, onEdit, onSelect, problems, claims, languageBlockers, view.substitutions],
  );
  const panel = useRef<HTMLElement>(null);
  useKeepFocusInPlace(panel);
  useRevealFields(panel);

  let body: ReactElement;
  if (root === undefined) {
    body = <p className="insp-empty insp-pad">{view.error ?? 'The definition does not parse yet.'}</p>;
  } else if (selection.length > 1) {
    body = <MultiSelection pointers={selection} />;
  } else if (shown !== null) {
    body = <StateInspector key={shown} statePointer={shown} problems={problems} />;
  } else {
    body = <MachineSettings problems={problems} />;
  }

  return (
    <InspectorContext.Provider value={ctx}>
      <aside className="inspector" data-testid="inspector" aria-label="Inspector" ref={panel}>
        {broken && root !== undefined && (
          <p className="insp-banner" role="status">
            The JSON has a syntax error{view.textError !== null ? ` (line ${view.textError.line})` : ''}. Fix it in the code view to edit here.
          </p>
        )}
        <fieldset className="insp-fieldset" disabled={readOnly}>
          {body}
        </fieldset>
      </aside>
    </InspectorContext.Provider>
  );
}
