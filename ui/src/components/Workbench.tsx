import { useState, type ReactElement, type ReactNode } from 'react';
import type { ProblemRow } from '../bindings/ProblemRow';
import type { DocumentView } from '../bindings/DocumentView';
import type { Edit } from '../bindings/Edit';
import { Canvas } from '../canvas/Canvas';
import { CodeView } from '../code/CodeView';
import { Inspector } from '../inspector/Inspector';
import { Palette } from '../palette/Palette';
import { insertAfterSelection } from '../palette/templates';
import { countBySeverity, plural } from '../lib/problems';
import { ErrorIcon } from './icons';
import { ProblemsPanel } from './ProblemsPanel';

export type SideTab = 'inspector' | 'code';

interface WorkbenchProps {
  view: DocumentView;
  selection: string[];
  onSelect: (pointers: string[]) => void;
  onEdit: (edit: Edit) => void;
  onText: (text: string) => void;
  copyStates: (pointers: string[]) => Promise<Record<string, unknown>>;
  fitSignal: number;
  dark: boolean;
}

/** The designer: palette, canvas and problems, and the inspector or code view on the side. */
export function Workbench(props: WorkbenchProps): ReactElement {
  const { view, selection, onSelect, onEdit } = props;
  const [tab, setTab] = useState<SideTab>('inspector');
  const [problemsOpen, setProblemsOpen] = useState(true);
  // The problem last clicked, for the code view to scroll to and select.
  const [revealed, setRevealed] = useState<{ problem: ProblemRow; seq: number } | null>(null);

  if (view.error !== null) {
    return (
      <main className="document document--error">
        <div className="error-banner" role="alert">
          <ErrorIcon width={20} height={20} />
          <div>
            <h2>This file could not be opened</h2>
            <p>{view.error}</p>
          </div>
        </div>
      </main>
    );
  }

  const { errors, warnings } = countBySeverity(view.problems);
  const syntax = view.textError === null ? null : `Line ${view.textError.line}, column ${view.textError.column}: ${view.textError.message}`;
  return (
    <main className={problemsOpen ? 'workbench' : 'workbench workbench--problems-closed'}>
      <aside className="workbench-palette" aria-label="States palette">
        <Palette onAddAfterSelection={(template) => {
          const edit = insertAfterSelection(template, selection, view);
          if (edit !== null) onEdit(edit);
        }} />
      </aside>
      <section className="workbench-canvas" aria-label="Canvas">
        <Canvas
          view={view}
          selection={selection}
          onSelectionChange={onSelect}
          onEdit={onEdit}
          copyStates={props.copyStates}
          fitSignal={props.fitSignal}
        />
        {syntax !== null && (
          <div className="canvas-notice" role="status">
            The code has a syntax error; the canvas shows the last version that parsed.
          </div>
        )}
      </section>
      <section className="workbench-problems">
        <button
          type="button"
          className="problems-toggle"
          aria-expanded={problemsOpen}
          data-testid="problems-toggle"
          onClick={() => setProblemsOpen(!problemsOpen)}
        >
          <span>Problems</span>
          {errors > 0 && <span className="count count--error">{plural(errors, 'error')}</span>}
          {warnings > 0 && <span className="count count--warning">{plural(warnings, 'warning')}</span>}
          {errors + warnings === 0 && syntax === null && <span className="count count--ok">none</span>}
        </button>
        {problemsOpen && (
          <ProblemsPanel
            problems={view.problems}
            states={view.states}
            textError={syntax}
            onSelect={(state, problem) => {
              if (state !== null) onSelect([state]);
              setRevealed((r) => ({ problem, seq: (r?.seq ?? 0) + 1 }));
            }}
          />
        )}
      </section>
      <aside className="workbench-side">
        <div className="tabs" role="tablist" aria-label="Side panel">
          <TabButton id="inspector" current={tab} onPick={setTab}>
            Inspector
          </TabButton>
          <TabButton id="code" current={tab} onPick={setTab}>
            Code
            {syntax !== null && <span className="tab-dot" aria-label="syntax error" />}
          </TabButton>
        </div>
        <div className="tab-body" role="tabpanel">
          {tab === 'inspector' ? (
            <Inspector view={view} selection={selection} onEdit={onEdit} onSelect={onSelect} />
          ) : (
            <CodeView
              view={view}
              selection={selection}
              onText={props.onText}
              onSelect={onSelect}
              dark={props.dark}
              reveal={revealed === null || revealed.problem.from === null ? null : { from: revealed.problem.from, to: revealed.problem.to ?? revealed.problem.from, seq: revealed.seq }}
            />
          )}
        </div>
      </aside>
    </main>
  );
}

function TabButton(props: { id: SideTab; current: SideTab; onPick: (tab: SideTab) => void; children: ReactNode }): ReactElement {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={props.current === props.id}
      className="tab"
      data-testid={`tab-${props.id}`}
      onClick={() => props.onPick(props.id)}
    >
      {props.children}
    </button>
  );
}
