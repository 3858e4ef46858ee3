import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { ConflictChoice } from './bindings/ConflictChoice';
import type { DocumentView } from './bindings/DocumentView';
import type { Edit } from './bindings/Edit';
import type { ExampleInfo } from './bindings/ExampleInfo';
import type { ExportKind } from './bindings/ExportKind';
import { ConflictBanner, RecoveryBanner, UnsavedDialog } from './components/Banners';
import { EmptyState } from './components/EmptyState';
import { Toolbar } from './components/Toolbar';
import { Workbench } from './components/Workbench';
import { errorText, type DocumentApi } from './lib/api';
import { failedWith } from './lib/rpc';
import { useRecovered } from './lib/useRecovered';
import type { RunApi } from './run/api';
import { useRunSession } from './run/session';
import type { ServerApi } from './server/api';
import { useServer } from './server/useServer';
import type { TestsApi } from './tests/api';
import { useTests } from './tests/useTests';
import { useAppShortcuts } from './lib/shortcuts';
import { useUnsavedQuestion, type UnsavedReason } from './lib/unsaved';
import { useWebviewGuards } from './lib/webview';
import { ContextMenuHost } from './menu/ContextMenuHost';
import type { CloudApi } from './cloud/api';
import { CloudPanel } from './cloud/CloudPanel';
import { AwsPreviewContext } from './cloud/context';
import { stateOf, withAwsFindings } from './cloud/findings';
import { DeployDialog } from './cloud/DeployDialog';
import { useCloud } from './cloud/useCloud';
import { useCloudFlow } from './cloud/useCloudFlow';
import type { DiffApi } from './diff/api';
import { CompareDialog } from './diff/CompareDialog';
import { DiffView } from './diff/DiffView';
import { useCompare } from './diff/useCompare';
import { MachinePicker } from './project/MachinePicker';
import { ProjectBanner } from './project/ProjectBanner';
import { useMachinePicker } from './project/useMachinePicker';
import { usePanelMenu } from './menu/usePanelMenu';
import {
  applyTheme,
  loadThemeChoice,
  nextThemeChoice,
  resolveTheme,
  saveThemeChoice,
  systemPrefersDark,
  type ThemeChoice,
} from './lib/theme';

type Status = 'loading' | 'ready' | 'busy';

interface Notice {
  kind: 'error' | 'info';
  text: string;
}

/** Keeps only the selected pointers that still name a state. */
function prune(selection: string[], view: DocumentView): string[] {
  if (selection.length === 0) return selection;
  const known = new Set(view.states.map((s) => s.pointer));
  const kept = selection.filter((p) => known.has(p));
  return kept.length === selection.length ? selection : kept;
}

/** The page's title with no document open (index.html's). */
const PAGE_TITLE = document.title;

/** `runApi`: run and debug; without it the app is the designer alone (as in its tests). */
export function App({
  api,
  runApi,
  testsApi,
  serverApi,
  diffApi,
  cloudApi,
}: {
  api: DocumentApi;
  runApi?: RunApi;
  testsApi?: TestsApi;
  serverApi?: ServerApi;
  diffApi?: DiffApi;
  cloudApi?: CloudApi;
}): ReactElement {
  const [view, setViewState] = useState<DocumentView | null>(null);
  const [selection, setSelection] = useState<string[]>([]);
  const [status, setStatus] = useState<Status>('loading');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [examples, setExamples] = useState<ExampleInfo[]>([]);
  const [recent, setRecent] = useState<string[]>([]);
  const [fitSignal, setFitSignal] = useState(0);
  const [themeChoice, setThemeChoice] = useState<ThemeChoice>(() => loadThemeChoice());
  const [systemDark, setSystemDark] = useState<boolean>(() => systemPrefersDark());
  const viewRef = useRef<DocumentView | null>(null);

  const notify = useCallback((text: string, kind: 'error' | 'info' = 'error') => setNotice({ kind, text }), []);
  const runReady = view !== null && view.error === null;
  const docKey = view === null ? '' : (view.path ?? view.fileName);
  const session = useRunSession(runReady ? (runApi ?? null) : null, docKey, notify);
  const tests = useTests(runReady ? (testsApi ?? null) : null, docKey, notify);
  const runsChanged = session?.runsChanged;
  // The document as it is: a comparison of another is asked for again (compare mode follows
  // edits, undo, saves and reloads).
  const docVersion = view === null ? null : `${view.revision}:${view.dirty ? 'unsaved' : 'saved'}`;
  const compare = useCompare(runReady ? (diffApi ?? null) : null, notify, docVersion);
  const closeCompare = compare?.close;
  // Another document: the comparison was of the one before.
  useEffect(() => closeCompare?.(), [docKey, closeCompare]);
  const onRunsChanged = useCallback(() => runsChanged?.(), [runsChanged]);
  const server = useServer(serverApi ?? null, notify, onRunsChanged);
  const cloud = useCloud(cloudApi ?? null, docKey, notify, onRunsChanged);

  const theme = resolveTheme(themeChoice, systemDark);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const on = (e: MediaQueryListEvent): void => setSystemDark(e.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);

  /** Shows a view unless a newer one is already shown (replies can cross pushed views). */
  const setView = useCallback((next: DocumentView, select?: string[]) => {
    const current = viewRef.current;
    if (current !== null && current.path === next.path && next.revision < current.revision) return;
    // Two machines of one template share the path: the name tells them apart.
    const newDocument = current === null || current.path !== next.path || current.fileName !== next.fileName;
    viewRef.current = next;
    setViewState(next);
    setSelection((sel) => (select !== undefined && select.length > 0 ? select : prune(sel, next)));
    if (newDocument) setFitSignal((n) => n + 1);
  }, []);

  const refreshRecent = useCallback(() => {
    api.recentFiles().then(setRecent, () => setRecent([]));
  }, [api]);

  useEffect(() => {
    let live = true;
    api
      .currentDocument()
      .then((v) => {
        if (live && v !== null) setView(v);
      })
      .catch((err: unknown) => live && setNotice({ kind: 'error', text: errorText(err) }))
      .finally(() => live && setStatus('ready'));
    api.listExamples().then((e) => live && setExamples(e), () => undefined);
    refreshRecent();
    let unlisten: (() => void) | null = null;
    api
      .onDocumentChanged((v) => {
        setView(v);
        if (!v.conflict) setNotice({ kind: 'info', text: `${v.fileName} changed on disk and was reloaded.` });
      })
      .then((u) => {
        if (live) unlisten = u;
        else u();
      }, () => undefined);
    return () => {
      live = false;
      unlisten?.();
    };
  }, [api, setView, refreshRecent]);

  useEffect(() => {
    // Rust titles the window; the page's own title follows it (a browser tab, the tests).
    document.title = view?.title ?? PAGE_TITLE;
  }, [view]);

  // When the first document has been drawn and answers input; the e2e performance test reads
  // this mark (relative to the page's start).
  const marked = useRef(false);
  useEffect(() => {
    if (view === null || marked.current) return;
    marked.current = true;
    requestAnimationFrame(() => performance.mark('stepwise:interactive'));
  }, [view]);

  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const t = window.setTimeout(() => setNotice(null), 4000);
    return () => window.clearTimeout(t);
  }, [notice]);

  /**
   * Runs one request; its view (if any) is shown and returned, its failure becomes the error
   * notice (and `null`).
   */
  const run = useCallback(
    async (action: () => Promise<DocumentView | null>, after?: (v: DocumentView) => void): Promise<DocumentView | null> => {
      setStatus('busy');
      try {
        const next = await action();
        if (next !== null) {
          setView(next);
          after?.(next);
        }
        setNotice((n) => (n?.kind === 'error' ? null : n));
        return next;
      } catch (err: unknown) {
        setNotice({ kind: 'error', text: errorText(err) });
        return null;
      } finally {
        setStatus('ready');
      }
    },
    [setView],
  );

  const unsaved = useUnsavedQuestion();
  const opened = useCallback(() => refreshRecent(), [refreshRecent]);
  /**
   * Before the document is replaced or the window closed: with unsaved edits, asks Save /
   * Don't save / Cancel. Resolves to whether to go on, and whether the edits are to be
   * discarded (Rust refuses to drop unsaved edits without that word).
   */
  const settleUnsaved = useCallback(
    async (reason: UnsavedReason, rustSaysUnsaved = false): Promise<{ discard: boolean } | null> => {
      const current = viewRef.current;
      if (current === null || (!current.dirty && !rustSaysUnsaved)) return { discard: false };
      const choice = await unsaved.ask({ reason, fileName: current.fileName });
      if (choice === 'cancel') return null;
      if (choice === 'discard') return { discard: true };
      // Saved means saved: a cancelled Save As or a failed save keeps the document open.
      const saved = await run(() => api.save(), opened);
      return saved !== null && !saved.dirty ? { discard: false } : null;
    },
    [api, run, opened, unsaved.ask],
  );
  /**
   * Replaces the document by `open`, after `settleUnsaved`. When Rust still refuses because of
   * unsaved edits the window had not seen yet (an edit answered after the question), it asks
   * then, and tries once more with the answer.
   */
  const replaceDocument = useCallback(
    async (reason: UnsavedReason, open: (discard: boolean) => Promise<DocumentView | null>, after?: (v: DocumentView) => void) => {
      const go = await settleUnsaved(reason);
      if (go === null) return;
      await run(async () => {
        try {
          return await open(go.discard);
        } catch (err: unknown) {
          if (!failedWith(err, 'unsaved-edits')) throw err;
          const again = await settleUnsaved(reason, true);
          return again === null ? null : open(again.discard);
        }
      }, after);
    },
    [settleUnsaved, run],
  );

  const onEdit = useCallback(
    (edit: Edit) => {
      api.applyEdit(edit).then(
        (reply) => setView(reply.view, reply.select),
        (err: unknown) => setNotice({ kind: 'error', text: errorText(err) }),
      );
    },
    [api, setView],
  );

  const onText = useCallback(
    (text: string) => {
      api.setText(text).then(
        (v) => setView(v),
        (err: unknown) => setNotice({ kind: 'error', text: errorText(err) }),
      );
    },
    [api, setView],
  );

  const picker = useMachinePicker();
  const { viewOf } = picker;
  const onOpen = useCallback(
    () => void replaceDocument('open', async (d) => viewOf(await api.openWithDialog(d)), opened),
    [api, replaceDocument, opened, viewOf],
  );
  const onOpenPath = useCallback(
    (p: string) => void replaceDocument('open', async (d) => viewOf(await api.openDocument(p, d)), opened),
    [api, replaceDocument, opened, viewOf],
  );
  const onOpenMachine = useCallback(
    (p: string, machine: string) => {
      picker.close();
      void replaceDocument('open', async (d) => viewOf(await api.openDocument(p, d, machine)), opened);
    },
    [api, replaceDocument, opened, viewOf, picker.close],
  );
  const onNew = useCallback(() => void replaceDocument('new', (d) => api.newDocument(d)), [api, replaceDocument]);
  const onExample = useCallback((id: string) => void replaceDocument('example', (d) => api.openExample(id, d)), [api, replaceDocument]);
  const onSave = useCallback(() => void run(() => api.save(), opened), [api, run, opened]);
  const onSaveAs = useCallback(() => void run(() => api.saveAs(), opened), [api, run, opened]);
  const onUndo = useCallback(() => void run(() => api.undo()), [api, run]);
  const onRedo = useCallback(() => void run(() => api.redo()), [api, run]);
  const notifyError = useCallback((text: string) => setNotice({ kind: 'error', text }), []);
  const recovery = useRecovered(api, notifyError);
  const onRestore = useCallback(
    (id: string) => void replaceDocument('open', (d) => api.restoreRecovered(id, d), () => recovery.restored(id)),
    [api, replaceDocument, recovery.restored],
  );
  const onResolve = useCallback((c: ConflictChoice) => void run(() => api.resolveConflict(c)), [api, run]);
  const onExport = useCallback(
    (kind: ExportKind) => {
      api.exportAs(kind).then(
        (path) => path !== null && setNotice({ kind: 'info', text: `Exported to ${path}` }),
        (err: unknown) => setNotice({ kind: 'error', text: errorText(err) }),
      );
    },
    [api],
  );
  const onCopyImage = useCallback(() => {
    api.copyImage().then(
      (size) => setNotice({ kind: 'info', text: `Diagram copied as PNG, ${size.width}×${size.height} px` }),
      (err: unknown) => setNotice({ kind: 'error', text: errorText(err) }),
    );
  }, [api]);
  const replaceForCloud = useCallback(
    (load: (discard: boolean) => Promise<DocumentView>, after?: () => void) => void replaceDocument('open', load, after),
    [replaceDocument],
  );
  const cloudFlow = useCloudFlow(cloudApi ?? null, cloud, compare, {
    input: session?.input ?? '{}',
    docKey,
    revision: view?.revision ?? null,
    replaceDocument: replaceForCloud,
    notify,
    onRun: onRunsChanged,
  });
  const shownView = useMemo(() => (view === null ? null : withAwsFindings(view, docKey, cloudFlow?.findings ?? null)), [view, docKey, cloudFlow?.findings]);
  /** A validator finding's place (`/States/Check/Next`) → the state it is in, selected. */
  const onReveal = useCallback((pointer: string) => {
    const state = viewRef.current === null ? null : stateOf(viewRef.current, pointer);
    if (state !== null) setSelection([state]);
  }, []);
  const onTheme = useCallback(() => {
    setThemeChoice((c) => {
      const next = nextThemeChoice(c);
      saveThemeChoice(next);
      return next;
    });
  }, []);

  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let live = true;
    const onClose = async (): Promise<void> => {
      // Rust holds the close only while there are unsaved edits; whatever the answer, the
      // window closes unless the user stays or the save did not happen.
      if ((await settleUnsaved('close')) !== null) await api.closeWindow();
    };
    api.onCloseRequested(() => void onClose()).then(
      (u) => (live ? (unlisten = u) : u()),
      () => undefined,
    );
    return () => {
      live = false;
      unlisten?.();
    };
  }, [api, settleUnsaved]);

  useWebviewGuards();
  usePanelMenu({ view, onUndo, onRedo, onSave });

  useAppShortcuts({
    onNew,
    onOpen,
    onSave,
    onSaveAs,
    onUndo: () => view?.canUndo === true && onUndo(),
    onRedo: () => view?.canRedo === true && onRedo(),
    onCopyImage: () => view !== null && view.error === null && onCopyImage(),
    onQuit: () => void api.requestClose().catch((err: unknown) => notify(errorText(err))),
  });

  const hasDoc = view !== null;
  return (
    <div className="app" aria-busy={status !== 'ready'} data-status={status}>
      <Toolbar
        view={view}
        busy={status === 'busy'}
        theme={themeChoice}
        recent={recent}
        examples={examples}
        onExample={onExample}
        onNew={onNew}
        onOpen={onOpen}
        onOpenPath={onOpenPath}
        onSave={onSave}
        onSaveAs={onSaveAs}
        onUndo={onUndo}
        onRedo={onRedo}
        onExport={onExport}
        onCopyImage={onCopyImage}
        onCompare={compare?.ask}
        onTheme={onTheme}
        run={session}
        server={server}
        onCloud={cloudFlow?.openPanel}
        cloudConnected={cloud?.status.connected === true}
      />
      <div className="app-banners">
        {view?.conflict === true && <ConflictBanner fileName={view.fileName} onResolve={onResolve} />}
        {recovery.recovered.length > 0 && (
          <RecoveryBanner documents={recovery.recovered} onRestore={onRestore} onDiscard={recovery.discard} />
        )}
        {view?.project != null && (
          <ProjectBanner source={view.project} readOnly={view.readOnly} onSwitch={() => view.project !== null && picker.show(view.project.project)} />
        )}
      </div>
      {notice !== null && (
        <div className={`toast toast--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="toast">
          <span>{notice.text}</span>
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      {status === 'loading' ? (
        <main className="loading" aria-label="Loading" />
      ) : !hasDoc ? (
        <EmptyState
          examples={examples}
          recent={recent}
          onOpen={onOpen}
          onNew={onNew}
          onExample={onExample}
          onOpenPath={onOpenPath}
        />
      ) : compare !== null && compare.comparison !== null ? (
        <DiffView
          session={compare}
          comparison={compare.comparison}
          fitSignal={compare.fitKey}
          actions={
            cloudFlow?.reviewing != null ? (
              <button type="button" className="button button--primary" onClick={cloudFlow.confirm} data-testid="diff-deploy">
                Deploy to {cloudFlow.reviewing.name ?? cloud?.link?.name ?? 'AWS'}
              </button>
            ) : undefined
          }
        />
      ) : (
        <AwsPreviewContext.Provider value={cloudFlow?.testState ?? null}>
          <Workbench
            view={shownView ?? view}
            selection={selection}
            onSelect={setSelection}
            onEdit={onEdit}
            onText={onText}
            copyStates={api.copyStates}
            languageBlockers={api.languageBlockers}
            fitSignal={fitSignal}
            dark={theme === 'dark'}
            run={session}
            tests={tests}
          />
        </AwsPreviewContext.Provider>
      )}
      {picker.choice !== null && unsaved.question === null && (
        <MachinePicker project={picker.choice} current={view?.project?.machine.id} onPick={onOpenMachine} onCancel={picker.close} />
      )}
      {compare?.asking === true && <CompareDialog canUseFile={view?.path != null} onCompare={compare.compare} onCancel={compare.cancel} />}
      {cloud !== null && cloudFlow !== null && cloudFlow.panelOpen && !cloudFlow.deploying && unsaved.question === null && (
        <CloudPanel
          cloud={cloud}
          hasDoc={runReady}
          onOpenMachine={cloudFlow.openMachine}
          onOpenedRun={cloudFlow.closePanel}
          onDeploy={cloudFlow.askDeploy}
          onStart={cloudFlow.start}
          onClose={cloudFlow.closePanel}
        />
      )}
      {cloud !== null && cloudFlow?.deploying === true && view !== null && (
        <DeployDialog
          link={cloud.link}
          docName={view.fileName}
          preview={cloudFlow.preview}
          deploy={cloudFlow.deploy}
          review={cloudFlow.review}
          reveal={onReveal}
          onCancel={cloudFlow.cancelDeploy}
        />
      )}
      {unsaved.question !== null && <UnsavedDialog question={unsaved.question} onAnswer={unsaved.answer} />}
      <ContextMenuHost />
    </div>
  );
}
