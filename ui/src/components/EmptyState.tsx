import type { ReactElement } from 'react';
import { FolderIcon, LogoMark } from './icons';

export function EmptyState({ onOpen }: { onOpen: () => void }): ReactElement {
  return (
    <main className="empty-state">
      <div className="empty-card">
        <LogoMark width={56} height={56} />
        <h1>Open a file</h1>
        <p>
          Open an Amazon States Language definition (<code>.asl.json</code>, <code>.json</code> or <code>.yaml</code>)
          to see its states and problems.
        </p>
        <button type="button" className="button button--primary" onClick={onOpen}>
          <FolderIcon />
          Open…
        </button>
        <p className="empty-hint">
          or start Stepwise with a path: <code>stepwise-app machine.asl.json</code>
        </p>
      </div>
    </main>
  );
}
