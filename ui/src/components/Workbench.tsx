import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactElement, type ReactNode } from 'react';
import type { IterationRef } from '../bindings/IterationRef';
import type { ProblemRow } from '../bindings/ProblemRow';
import type { DocumentView } from '../bindings/DocumentView';
import type { Edit } from '../bindings/Edit';
import { Canvas } from '../canvas/Canvas';
import { CodeView } from '../code/CodeView';
import { Inspector } from '../inspector/Inspector';
import { Palette } from '../palette/Palette';
import { insertAfterSelection } from '../palette/templates';
import { countBySeverity, isSyntaxProblem, plural, syntaxProblem, withSyntaxError } from '../lib/problems';
import { inTextField, modalOpen } from '../lib/shortcuts';
import { PausedStrip, QuestionStrip } from '../run/DebugCards';
import type { DocumentApi } from '../lib/api';
import { RunApiContext, type RunInspectorValue } from '../run/context';
import { EventTable } from '../run/EventTable';
import { NO_FILTER, type EventFilter } from '../run/events';
import { viewForIteration } from '../run/fold';
import { OverlayBuilder, type CanvasRunOverlay } from '../run/overlay';
import { PlaybackBar } from '../run/PlaybackBar';
import { RunPanel } from '../run/RunPanel';
import { RunsList } from '../run/RunsList';
import type { RunSession } from '../run/session';
import { PANEL_MS } from '../run/playback';
import { useThrottled } from '../run/throttle';
import { Timeline } from '../run/Timeline';
import { FoldButton, PanelRail } from '../layout/PanelChrome';
import { Splitter } from '../layout/Splitter';
import { panelContextMenu } from '../layout/panelMenu';
import type { PanelId } from '../layout/panels';
import { usePanelLayout } from '../layout/usePanelLayout';
import { ErrorIcon } from './icons';
import { ProblemsPanel } from './ProblemsPanel';
import { SaveAsTestContext } from '../tests/context';
import { TestsPanel } from '../tests/TestsPanel';
import type { TestsSession } from '../tests/useTests';
import { useWorkbenchTests } from '../tests/useWorkbenchTests';

export type SideTab = 'inspector' | 'code' | 'run';

// While a run plays the workbench draws every frame; the panels that do not show the run skip
// those renders (their props stay the same objects).
const PaletteM = memo(Palette);
const InspectorM = memo(Inspector);
const CodeViewM = memo(CodeView);
const ProblemsPanelM = memo(ProblemsPanel);
const EventTableM = memo(EventTable);
const TimelineM = memo(Timeline);
export type DockTab = 'problems' | 'events' | 'timeline' | 'runs' | 'tests';

interface WorkbenchProps {
  view: DocumentView;
  selection: string[];
  onSelect: (pointers: string[]) => void;
  onEdit: (edit: Edit) => void;
  onText: (text: string) => void;
  copyStates: (pointers: string[]) => Promise<Record<string, unknown>>;
  /** What stops switching the machine's query language (the machine inspector lists it). */
  languageBlockers?: DocumentApi['languageBlockers'];
  fitSignal: number;
  dark: boolean;
  /** Run and debug; `null` when the app has no run API (tests of the designer alone). */
  run?: RunSession | null;
  /** The Tests panel; `null` when the app has no tests API. */
  tests?: TestsSession | null;
}

/** The designer: palette, canvas and problems, and the inspector or code view on the side. */
export function Workbench(props: WorkbenchProps): ReactElement {
  const { view, selection, onSelect, onEdit } = props;
  const run = props.run ?? null;
  const tests = props.tests ?? null;
  const [tab, setTab] = useState<SideTab>('inspector');
  const [dock, setDock] = useState<DockTab>('problems');
  // Panel sizes and folds, remembered per user; the grid reads them as CSS variables.
  const frame = useRef<HTMLElement>(null);
  const panels = usePanelLayout(frame, dock === 'problems' ? 'problems' : 'run');
  const dockOpen = !panels.layout.collapsed.dock;
  const { setOpen: setPanelOpen } = panels;
  const setDockOpen = useCallback((open: boolean) => setPanelOpen('dock', open), [setPanelOpen]);
  const [eventFilter, setEventFilter] = useState<EventFilter>(NO_FILTER);
  const [iteration, setIteration] = useState<IterationRef | null>(null);
  // The problem last clicked, for the code view to scroll to and select.
  const [revealed, setRevealed] = useState<{ problem: ProblemRow; seq: number } | null>(null);

  const pointerOf = useMemo(() => new Map(view.states.map((s) => [s.name, s.pointer])), [view.states]);
  const selectedName = selection.length === 1 ? (view.states.find((s) => s.pointer === selection[0])?.name ?? null) : null;

  // --- The run on the canvas. ---------------------------------------------------------------
  const shownId = run?.shown?.summary.id ?? null;
  const liveHere = run !== null && run.live !== null && run.shown?.live === true && run.shown.summary.id === run.live.summary.id;
  const pause = liveHere ? (run.live?.pause ?? null) : null;
  const questions = liveHere ? (run.live?.questions ?? []) : [];

  // A run shown: the Run tab and the events come forward.
  useEffect(() => {
    if (shownId === null) {
      setIteration(null);
      return;
    }
    setTab('run');
    setDock((d) => (d === 'problems' ? 'events' : d));
    setDockOpen(true);
    setEventFilter(NO_FILTER);
    setIteration(null);
  }, [shownId, setDockOpen]);
  // The debugger waits for the user: show what it needs.
  const waiting = pause !== null || questions.length > 0;
  useEffect(() => {
    if (!waiting) return;
    setTab('run');
    setPanelOpen('side', true);
  }, [waiting, pause?.state, setPanelOpen]);

  // The state the run waits at: paused before it, or a Task asking the user.
  const waitingAt = pause?.state ?? questions[0]?.state ?? null;
  const builder = useRef(new OverlayBuilder());
  const fold = run?.view.fold ?? null;
  // While a run plays, the dock's panels redraw a few times a second, not every frame: the
  // canvas shows the progress; a table of 80,000 rows scrolling at 60 Hz only costs paint.
  const playing = run !== null && run.shown !== null && !run.view.caughtUp;
  const panelFold = useThrottled(fold, playing ? PANEL_MS : 0);
  const stateNames = useMemo(() => (panelFold === null ? '' : [...panelFold.states.keys()].join('\u0000')), [panelFold?.states]); // eslint-disable-line react-hooks/exhaustive-deps
  const eventStates = useMemo(() => (stateNames === '' ? [] : stateNames.split('\u0000')), [stateNames]);
  const overlay = useMemo<CanvasRunOverlay | null>(() => {
    if (run === null || run.shown === null || fold === null) return null;
    const snap = iteration === null ? fold : viewForIteration(fold, iteration);
    return builder.current.build(snap, view.diagram, waitingAt);
    // `run` changes every render; what the overlay reads of it is listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fold, iteration, view.diagram, waitingAt, run?.shown]);

  const previewState = run?.previewState;
  const evaluateExpression = run?.evaluateExpression;
  const toggleBreakpoint = run?.toggleBreakpoint;
  const runBreakpoints = run?.breakpoints;
  const inspectorRun = useMemo<RunInspectorValue | null>(
    () =>
      previewState === undefined || evaluateExpression === undefined || toggleBreakpoint === undefined || runBreakpoints === undefined
        ? null
        : { previewState, evaluateExpression, breakpoints: runBreakpoints, toggleBreakpoint },
    [previewState, evaluateExpression, toggleBreakpoint, runBreakpoints],
  );
  const addAfterSelection = useCallback(
    (template: Parameters<typeof insertAfterSelection>[0]) => {
      const edit = insertAfterSelection(template, selection, view);
      if (edit !== null) onEdit(edit);
    },
    [selection, view, onEdit],
  );
  const onProblem = useCallback(
    (state: string | null, problem: ProblemRow) => {
      if (state !== null) onSelect([state]);
      // A syntax error is only in the code: show it there.
      if (isSyntaxProblem(problem)) setTab('code');
      setRevealed((r) => ({ problem, seq: (r?.seq ?? 0) + 1 }));
    },
    [onSelect],
  );
  const reveal = useMemo(
    () => (revealed === null || revealed.problem.from === null ? null : { from: revealed.problem.from, to: revealed.problem.to ?? revealed.problem.from, seq: revealed.seq }),
    [revealed],
  );

  // --- What the canvas's context menus offer beyond editing. -----------------------------
  const [renaming, setRenaming] = useState<{ pointer: string; seq: number } | null>(null);
  const startRun = run?.start;
  const runActive = run?.active ?? true;
  const menuActions = useMemo(
    () => ({
      rename: (pointer: string) => {
        onSelect([pointer]);
        setTab('inspector');
        setRenaming((r) => ({ pointer, seq: (r?.seq ?? 0) + 1 }));
      },
      runFrom: startRun === undefined || runActive ? null : (name: string) => startRun({ startAt: name }),
    }),
    [onSelect, startRun, runActive],
  );
  // The name field appears once the inspector shows the state: then it takes the focus.
  useEffect(() => {
    if (renaming === null) return;
    let frames = 0;
    let handle = 0;
    const focus = (): void => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="state-name-input"]');
      if (input !== null) {
        input.focus();
        input.select();
      } else if (++frames < 10) handle = requestAnimationFrame(focus);
    };
    handle = requestAnimationFrame(focus);
    return () => cancelAnimationFrame(handle);
  }, [renaming]);

  const selectState = useCallback(
    (name: string) => {
      const p = pointerOf.get(name);
      if (p !== undefined) onSelect([p]);
    },
    [pointerOf, onSelect],
  );

  // --- Tests: coverage on the canvas, a test's run shown, Save as test. --------------------
  const testsStore = tests?.store ?? null;
  const openTestsTab = useCallback(() => {
    setDock('tests');
    setDockOpen(true);
  }, [setDockOpen]);
  const { coverage, showTestRun, saveAsTest } = useWorkbenchTests(tests, run, view.diagram, openTestsTab);

  // --- Debugger keys: F5 run / continue, Shift+F5 stop, F6 pause, F10 step, F9 breakpoint. -------
  // Tests: F7 runs them all, Shift+F7 the selected one.
  const keys = useRef({ run, pause, selectedName, testsStore, openTestsTab });
  keys.current = { run, pause, selectedName, testsStore, openTestsTab };
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const { run: r, pause: p, selectedName: sel, testsStore: t } = keys.current;
      if (e.key === 'F7' && t !== null && !modalOpen()) {
        e.preventDefault();
        if (e.shiftKey) t.runSelected();
        else void t.runAll();
        keys.current.openTestsTab();
        return;
      }
      if (r === null || modalOpen()) return;
      if (e.key === 'F5') {
        // Never the webview's reload.
        e.preventDefault();
        if (e.shiftKey) {
          if (r.active) r.stop();
        } else if (p !== null) r.resume('continue', null);
        else if (!r.active) r.start();
      } else if (e.key === 'F6') {
        e.preventDefault();
        if (r.running) r.pause();
      } else if (e.key === 'F10') {
        e.preventDefault();
        if (p !== null) r.resume('step', null);
      } else if (e.key === 'F9' && !inTextField(e.target)) {
        e.preventDefault();
        if (sel !== null) r.toggleBreakpoint(sel);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

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

  const { errors, warnings } = countBySeverity(withSyntaxError(view.problems, view.textError));
  const syntax = view.textError;
  const pickDock = (d: DockTab): void => {
    if (d === dock && dockOpen) setDockOpen(false);
    else {
      setDock(d);
      setDockOpen(true);
    }
  };
  const runDock = dock !== 'problems' && run !== null;
  const shownCount = panelFold?.applied ?? 0;
  const nowMs = run === null ? 0 : (run.view.events[shownCount - 1]?.elapsedMs ?? 0);

  const folded = (['palette', 'side', 'dock'] as const).filter((p) => panels.layout.collapsed[p]);
  const foldPanel = (panel: PanelId): void => panels.setOpen(panel, false);
  return (
    <main ref={frame} className={['workbench', ...folded.map((p) => `workbench--${p}-folded`)].join(' ')} style={panels.style}>
      <aside className="workbench-palette" id="workbench-palette" aria-label="States palette" onContextMenu={panelContextMenu('palette', foldPanel)}>
        {panels.layout.collapsed.palette && <PanelRail panel="palette" label="States" onOpen={() => panels.toggle('palette')} />}
        <PaletteM onAddAfterSelection={addAfterSelection} />
        <FoldButton panel="palette" open onToggle={() => panels.toggle('palette')} className="fold-button--palette" />
      </aside>
      <Splitter panel="palette" orientation="vertical" grows={1} label="Resize the palette" controls="workbench-palette" {...panels.splitter('palette')} />
      <Splitter panel="side" orientation="vertical" grows={-1} label="Resize the side panel" controls="workbench-side" {...panels.splitter('side')} />
      <Splitter panel="dock" orientation="horizontal" grows={-1} label="Resize the bottom panel" controls="workbench-dock" {...panels.splitter('dock')} />
      <section className="workbench-canvas" aria-label="Canvas">
        {run !== null && pause !== null && (
          <PausedStrip
            pause={pause}
            onContinue={() => run.resume('continue', null)}
            onStep={() => run.resume('step', null)}
            onStop={run.stop}
            onEditInput={() => setTab('run')}
          />
        )}
        {run !== null && pause === null && questions.length > 0 && <QuestionStrip questions={questions} onAnswer={() => setTab('run')} />}
        {syntax !== null && (
          // A strip above the canvas, not over it: it hides none of the canvas's controls.
          <div className="canvas-notice" role="status" data-testid="canvas-notice">
            <span>
              The code has a syntax error (line {syntax.line}, column {syntax.column}); the canvas shows the last version that parsed.
            </span>
            <button type="button" className="canvas-notice__action" onClick={() => onProblem(null, syntaxProblem(syntax))}>
              Show in code
            </button>
          </div>
        )}
        <div className="workbench-canvas__body">
          <Canvas
            view={view}
            selection={selection}
            onSelectionChange={onSelect}
            onEdit={onEdit}
            copyStates={props.copyStates}
            fitSignal={props.fitSignal}
            run={overlay}
            coverage={coverage}
            breakpoints={run?.breakpoints}
            onToggleBreakpoint={run?.toggleBreakpoint}
            menuActions={menuActions}
          />
        </div>
        {run !== null && <PlaybackBar session={run} iteration={iteration} onClearIteration={() => setIteration(null)} />}
      </section>
      <section
        className={runDock && dockOpen ? 'workbench-problems workbench-dock--run' : 'workbench-problems'}
        id="workbench-dock"
        data-testid="dock"
        onContextMenu={panelContextMenu('dock', foldPanel)}
      >
        <div className="dock-tabs" role="tablist" aria-label="Bottom panel">
          <button
            type="button"
            role="tab"
            className="problems-toggle dock-tab"
            aria-selected={dock === 'problems'}
            aria-expanded={dock === 'problems' && dockOpen}
            data-testid="problems-toggle"
            onClick={() => pickDock('problems')}
          >
            <span>Problems</span>
            {errors > 0 && <span className="count count--error">{plural(errors, 'error')}</span>}
            {warnings > 0 && <span className="count count--warning">{plural(warnings, 'warning')}</span>}
            {errors + warnings === 0 && syntax === null && <span className="count count--ok">none</span>}
          </button>
          {run !== null && (
            <>
              <DockTabButton id="events" current={dock} open={dockOpen} onPick={pickDock}>
                Events
                {run.shown !== null && <span className="count">{run.view.fold.applied.toLocaleString('en-US')}</span>}
              </DockTabButton>
              <DockTabButton id="timeline" current={dock} open={dockOpen} onPick={pickDock}>
                Timeline
              </DockTabButton>
              <DockTabButton id="runs" current={dock} open={dockOpen} onPick={pickDock}>
                Runs
                {run.runs.length > 0 && <span className="count">{run.runs.length}</span>}
              </DockTabButton>
            </>
          )}
          {tests !== null && (
            <DockTabButton id="tests" current={dock} open={dockOpen} onPick={pickDock}>
              Tests
              {tests.tally !== null && (
                <span className={tests.tally.failed + tests.tally.errors > 0 ? 'count count--error' : 'count count--ok'}>
                  {tests.tally.failed + tests.tally.errors > 0 ? `${tests.tally.failed + tests.tally.errors} failing` : `${tests.tally.passed} passed`}
                </span>
              )}
            </DockTabButton>
          )}
          <FoldButton panel="dock" open={dockOpen} onToggle={() => panels.toggle('dock')} className="fold-button--dock" />
        </div>
        {dockOpen && dock === 'problems' && (
          <ProblemsPanelM problems={view.problems} states={view.states} textError={view.textError} onSelect={onProblem} />
        )}
        {dockOpen && run !== null && dock === 'events' && (
          run.shown === null ? (
            <DockEmpty>Run the machine (F5) or open a run to see its events.</DockEmpty>
          ) : (
            <EventTableM events={run.view.events} count={shownCount} filter={eventFilter} onFilter={setEventFilter} states={eventStates} onSelectState={selectState} fold={panelFold} />
          )
        )}
        {dockOpen && run !== null && dock === 'timeline' && (
          run.shown === null || panelFold === null ? (
            <DockEmpty>Run the machine (F5) or open a run to see how long each state took.</DockEmpty>
          ) : (
            <TimelineM fold={panelFold} nowMs={nowMs} selected={selectedName} onSelectState={selectState} />
          )
        )}
        {dockOpen && tests !== null && dock === 'tests' && <TestsPanel tests={tests} states={view.states} dark={props.dark} onShowRun={showTestRun} />}
        {dockOpen && run !== null && dock === 'runs' && (
          <RunsList runs={run.runs} shownId={shownId} busy={run.active} onOpen={run.openRun} onDelete={run.deleteRun} onImport={run.importHistory} />
        )}
      </section>
      <aside className="workbench-side" id="workbench-side" aria-label="Side panel" onContextMenu={panelContextMenu('side', foldPanel)}>
        {panels.layout.collapsed.side && <PanelRail panel="side" label={tab === 'code' ? 'Code' : tab === 'run' && run !== null ? 'Run' : 'Inspector'} onOpen={() => panels.toggle('side')} />}
        <div className="tabs" role="tablist" aria-label="Side panel">
          <TabButton id="inspector" current={tab} onPick={setTab}>
            Inspector
          </TabButton>
          <TabButton id="code" current={tab} onPick={setTab}>
            Code
            {syntax !== null && <span className="tab-dot" aria-label="syntax error" />}
          </TabButton>
          {run !== null && (
            <TabButton id="run" current={tab} onPick={setTab}>
              Run
              {waiting && <span className="tab-dot tab-dot--wait" aria-label="waiting for you" />}
            </TabButton>
          )}
          <FoldButton panel="side" open onToggle={() => panels.toggle('side')} className="fold-button--side" />
        </div>
        <div className="tab-body" role="tabpanel">
          {tab === 'inspector' || (tab === 'run' && run === null) ? (
            <RunApiContext.Provider value={inspectorRun}>
              <InspectorM view={view} selection={selection} onEdit={onEdit} onSelect={onSelect} languageBlockers={props.languageBlockers} />
            </RunApiContext.Provider>
          ) : tab === 'code' ? (
            <CodeViewM view={view} selection={selection} onText={props.onText} onSelect={onSelect} dark={props.dark} reveal={reveal} />
          ) : run !== null ? (
            <SaveAsTestContext.Provider value={saveAsTest}>
            <RunPanel
              session={run}
              selected={selectedName}
              dark={props.dark}
              iteration={iteration}
              onPickIteration={setIteration}
              onShowEvents={(state) => {
                setEventFilter({ ...NO_FILTER, state });
                setDock('events');
                setDockOpen(true);
              }}
              onSelectState={selectState}
              placeholders={view.substitutions}
            />
            </SaveAsTestContext.Provider>
          ) : null}
        </div>
      </aside>
    </main>
  );
}

function DockEmpty({ children }: { children: ReactNode }): ReactElement {
  return <p className="rp-empty dock-empty">{children}</p>;
}

function DockTabButton(props: { id: DockTab; current: DockTab; open: boolean; onPick: (tab: DockTab) => void; children: ReactNode }): ReactElement {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={props.current === props.id}
      aria-expanded={props.current === props.id && props.open}
      className="problems-toggle dock-tab"
      data-testid={`dock-${props.id}`}
      onClick={() => props.onPick(props.id)}
    >
      {props.children}
    </button>
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
