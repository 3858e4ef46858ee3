import type { ReactElement } from 'react';
import type { DocumentView } from '../bindings/DocumentView';
import { FolderIcon, LogoMark, ReloadIcon } from './icons';

interface HeaderProps {
  view: DocumentView | null;
  busy: boolean;
  onOpen: () => void;
  onReload: () => void;
}

export function Header({ view, busy, onOpen, onReload }: HeaderProps): ReactElement {
  return (
    <header className="topbar">
      <div className={view === null ? 'brand brand--alone' : 'brand'}>
        <LogoMark />
        <span>Stepwise</span>
      </div>
      {view !== null && (
        <div className="doc-title">
          <div className="doc-title-line">
            <h1 data-testid="file-name">{view.fileName}</h1>
            {view.format !== null && <span className="format-chip">{view.format.toUpperCase()}</span>}
          </div>
          <span className="doc-path" title={view.path}>
            {view.path}
          </span>
        </div>
      )}
      <div className="topbar-actions">
        {view !== null && (
          <button type="button" className="button" onClick={onReload} disabled={busy} title="Read the file again">
            <ReloadIcon />
            Reload
          </button>
        )}
        <button type="button" className="button" onClick={onOpen} disabled={busy} title="Open a file (Ctrl+O)">
          <FolderIcon />
          Open…
        </button>
      </div>
    </header>
  );
}
