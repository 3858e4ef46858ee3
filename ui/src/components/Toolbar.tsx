import type { ReactElement, ReactNode } from 'react';
import { usePopover as useMenu } from './usePopover';
import type { DocumentView } from '../bindings/DocumentView';
import type { ExampleInfo } from '../bindings/ExampleInfo';
import type { ExportKind } from '../bindings/ExportKind';
import type { ThemeChoice } from '../lib/theme';
import type { RunSession } from '../run/session';
import { ServerControl } from '../server/ServerControl';
import type { ServerControl as ServerControlState } from '../server/useServer';
import {
  ChevronDownIcon,
  ExportIcon,
  FolderIcon,
  LogoMark,
  MonitorIcon,
  MoonIcon,
  NewFileIcon,
  RedoIcon,
  SaveIcon,
  SunIcon,
  UndoIcon,
} from './icons';

export interface ToolbarProps {
  view: DocumentView | null;
  busy: boolean;
  theme: ThemeChoice;
  recent: string[];
  /** The bundled examples, offered under Open. */
  examples: ExampleInfo[];
  onExample: (id: string) => void;
  onNew: () => void;
  onOpen: () => void;
  onOpenPath: (path: string) => void;
  onSave: () => void;
  onSaveAs: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onExport: (kind: ExportKind) => void;
  /** Copy as image: the PNG export's drawing on the clipboard. */
  onCopyImage: () => void;
  /** Opens the "Compare…" dialog; no button when not given. */
  onCompare?: (() => void) | undefined;
  onTheme: () => void;
  /** Run and debug, when the app has them. */
  run?: RunSession | null;
  /** The Step Functions API server, when the app has it. */
  server?: ServerControlState | null;
  /** Opens the AWS panel; no button when the app has no AWS client. */
  onCloud?: (() => void) | undefined;
  /** Connected to an account (the button's dot). */
  cloudConnected?: boolean;
}

const EXPORTS: { kind: ExportKind; label: string; hint: string }[] = [
  { kind: 'json', label: 'ASL JSON', hint: 'What Save writes; deploys to AWS as is' },
  { kind: 'yaml', label: 'ASL YAML', hint: 'For CloudFormation, SAM or the Serverless Framework' },
  { kind: 'svg', label: 'Diagram as SVG', hint: 'Vector image for docs and wikis' },
  { kind: 'png', label: 'Diagram as PNG', hint: 'Image at twice the size, for slides' },
];

/** The Export menu's entry that puts the PNG on the clipboard instead of in a file. */
export const COPY_IMAGE = { key: 'copy-image', label: 'Copy as image', hint: 'The PNG on the clipboard, to paste in a chat or a doc (Ctrl+Shift+C)' } as const;

const THEME_LABEL: Record<ThemeChoice, string> = {
  system: 'Theme: as the system',
  light: 'Theme: light',
  dark: 'Theme: dark',
};

export function Toolbar(props: ToolbarProps): ReactElement {
  const { view, busy } = props;
  const noDoc = view === null || view.error !== null;
  return (
    <header className="topbar">
      <div className="brand">
        <LogoMark width={24} height={24} />
        <span className="brand-name">Stepwise</span>
      </div>
      <div className="toolbar-group" role="toolbar" aria-label="File">
        <IconButton label="New (Ctrl+N)" onClick={props.onNew} disabled={busy} testId="new">
          <NewFileIcon />
        </IconButton>
        <SplitMenu
          label="Open… (Ctrl+O)"
          icon={<FolderIcon />}
          onClick={props.onOpen}
          disabled={busy}
          testId="open"
          menuLabel="Recent files and examples"
          items={[
            ...props.recent.map((p) => ({ key: p, label: fileName(p), hint: p, section: 'Recent files', onSelect: () => props.onOpenPath(p) })),
            ...props.examples.map((e) => ({ key: `example:${e.id}`, label: e.title, hint: e.summary, section: 'Examples', onSelect: () => props.onExample(e.id) })),
          ]}
          empty="No recent files"
        />
        <IconButton label="Save (Ctrl+S)" onClick={props.onSave} disabled={busy || noDoc} testId="save">
          <SaveIcon />
        </IconButton>
      </div>
      <div className="toolbar-group" role="toolbar" aria-label="History">
        <IconButton
          label={view?.undoLabel ? `Undo ${view.undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)'}
          onClick={props.onUndo}
          disabled={busy || !view?.canUndo}
          testId="undo"
        >
          <UndoIcon />
        </IconButton>
        <IconButton
          label={view?.redoLabel ? `Redo ${view.redoLabel} (Ctrl+Y)` : 'Redo (Ctrl+Y)'}
          onClick={props.onRedo}
          disabled={busy || !view?.canRedo}
          testId="redo"
        >
          <RedoIcon />
        </IconButton>
      </div>
      {view !== null && (
        <div className="doc-title">
          <div className="doc-title-line">
            <h1 data-testid="file-name">{view.fileName}</h1>
            {view.dirty && (
              <span className="dirty-dot" data-testid="dirty" title="Unsaved changes" aria-label="Unsaved changes" />
            )}
            <span className="format-chip">{view.format.toUpperCase()}</span>
          </div>
          <span className="doc-path" title={view.path ?? undefined}>
            {view.path ?? 'Not saved yet'}
          </span>
        </div>
      )}
      <div className="topbar-actions">
        {props.onCloud !== undefined && (
          <button
            type="button"
            className="button cloud-button"
            onClick={props.onCloud}
            title={props.cloudConnected === true ? 'AWS: browse, deploy and run in the connected account' : 'AWS: connect to an account to browse, deploy and run'}
            data-testid="toolbar-cloud"
          >
            <span className={`cloud-dot${props.cloudConnected === true ? ' cloud-dot--on' : ''}`} aria-hidden="true" />
            <span className="button-label">AWS</span>
          </button>
        )}
        {props.server != null && !noDoc && <ServerControl server={props.server} mockConfig={props.run?.tasks.kind === 'mocks' ? props.run.tasks.path : null} />}
        {props.run != null && !noDoc && <RunButton run={props.run} />}
        {props.onCompare !== undefined && !noDoc && (
          <button
            type="button"
            className="button"
            onClick={props.onCompare}
            disabled={busy}
            title="Compare with the last saved file, a git revision or another file"
            data-testid="toolbar-compare"
          >
            <span className="button-label">Compare…</span>
          </button>
        )}
        <Menu
          label="Export"
          icon={<ExportIcon />}
          disabled={busy || noDoc}
          testId="export"
          items={[
            ...EXPORTS.map((e) => ({ key: e.kind, label: e.label, hint: e.hint, onSelect: () => props.onExport(e.kind) })),
            { ...COPY_IMAGE, onSelect: props.onCopyImage },
            { key: 'save-as', label: 'Save As…', hint: 'Save under another name (Ctrl+Shift+S)', onSelect: props.onSaveAs },
          ]}
        />
        <IconButton label={THEME_LABEL[props.theme]} onClick={props.onTheme} testId="theme">
          {props.theme === 'system' ? <MonitorIcon /> : props.theme === 'light' ? <SunIcon /> : <MoonIcon />}
        </IconButton>
      </div>
    </header>
  );
}

/** Run (F5), or Pause (F6) and Stop while a run goes on. */
function RunButton({ run }: { run: RunSession }): ReactElement {
  if (run.active) {
    // AWS runs an execution in the account: it can be stopped from here, not paused.
    const inAws = run.live?.summary.origin === 'cloud';
    return (
      <>
        {run.running && !inAws && (
          <button type="button" className="button run-button" onClick={run.pause} title="Pause before the next state (F6)" aria-label="Pause" data-testid="toolbar-pause">
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
              <rect x="2.5" y="2" width="2.5" height="8" rx="0.8" fill="currentColor" />
              <rect x="7" y="2" width="2.5" height="8" rx="0.8" fill="currentColor" />
            </svg>
            <span className="button-label">Pause</span>
          </button>
        )}
        <button type="button" className="button run-button run-button--stop" onClick={run.stop} title={inAws ? 'Stop the execution in AWS (StopExecution)' : 'Stop the run (Shift+F5)'} aria-label="Stop" data-testid="toolbar-stop">
          <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
            <rect x="2" y="2" width="8" height="8" rx="1.5" fill="currentColor" />
          </svg>
          <span className="button-label">Stop</span>
        </button>
      </>
    );
  }
  return (
    <button
      type="button"
      className="button run-button"
      onClick={() => run.start()}
      disabled={run.starting || !run.ready}
      title="Run the machine (F5)"
      aria-label="Run"
      data-testid="toolbar-run"
    >
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
        <path d="M3 1.8v8.4a.6.6 0 0 0 .9.5l6.8-4.2a.6.6 0 0 0 0-1L3.9 1.3a.6.6 0 0 0-.9.5Z" fill="currentColor" />
      </svg>
      <span className="button-label">Run</span>
    </button>
  );
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function IconButton(props: {
  label: string;
  onClick: () => void;
  disabled?: boolean | undefined;
  testId: string;
  children: ReactNode;
}): ReactElement {
  return (
    <button
      type="button"
      className="icon-button"
      title={props.label}
      aria-label={props.label}
      onClick={props.onClick}
      disabled={props.disabled}
      data-testid={`toolbar-${props.testId}`}
    >
      {props.children}
    </button>
  );
}

interface MenuItem {
  key: string;
  label: string;
  hint?: string;
  /** A heading shown above the first item of each section. */
  section?: string;
  onSelect: () => void;
}

function MenuList({ items, empty, label, onDone }: { items: MenuItem[]; empty?: string; label: string; onDone: () => void }): ReactElement {
  return (
    <div className="menu" role="menu" aria-label={label}>
      {items.length === 0 && <div className="menu-empty">{empty}</div>}
      {items.map((item, i) => [
        item.section !== undefined && item.section !== items[i - 1]?.section && (
          <div key={`section-${item.section}`} className="menu-section" role="presentation">
            {item.section}
          </div>
        ),
        <button
          key={item.key}
          type="button"
          role="menuitem"
          className="menu-item"
          data-menu-item={item.key}
          title={item.hint}
          onClick={() => {
            onDone();
            item.onSelect();
          }}
        >
          <span className="menu-label">{item.label}</span>
          {item.hint !== undefined && <span className="menu-hint">{item.hint}</span>}
        </button>,
      ])}
    </div>
  );
}

function Menu(props: { label: string; icon: ReactNode; disabled?: boolean | undefined; testId: string; items: MenuItem[] }): ReactElement {
  const [open, setOpen, ref] = useMenu();
  return (
    <div className="menu-anchor" ref={ref}>
      <button
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={props.label}
        title={props.label}
        disabled={props.disabled}
        data-testid={`toolbar-${props.testId}`}
        onClick={() => setOpen(!open)}
      >
        {props.icon}
        <span className="button-label">{props.label}</span>
        <ChevronDownIcon />
      </button>
      {open && <MenuList items={props.items} label={props.label} onDone={() => setOpen(false)} />}
    </div>
  );
}

function SplitMenu(props: {
  label: string;
  icon: ReactNode;
  onClick: () => void;
  disabled?: boolean | undefined;
  testId: string;
  menuLabel: string;
  items: MenuItem[];
  empty: string;
}): ReactElement {
  const [open, setOpen, ref] = useMenu();
  return (
    <div className="menu-anchor split" ref={ref}>
      <IconButton label={props.label} onClick={props.onClick} disabled={props.disabled} testId={props.testId}>
        {props.icon}
      </IconButton>
      <button
        type="button"
        className="icon-button split-arrow"
        aria-label={props.menuLabel}
        title={props.menuLabel}
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={props.disabled}
        onClick={() => setOpen(!open)}
        data-testid={`toolbar-${props.testId}-menu`}
      >
        <ChevronDownIcon />
      </button>
      {open && <MenuList items={props.items} empty={props.empty} label={props.menuLabel} onDone={() => setOpen(false)} />}
    </div>
  );
}
