import type { ReactElement } from 'react';
import type { ExampleInfo } from '../bindings/ExampleInfo';
import { FolderIcon, LogoMark, NewFileIcon } from './icons';

interface EmptyStateProps {
  examples: ExampleInfo[];
  recent: string[];
  onOpen: () => void;
  onNew: () => void;
  onExample: (id: string) => void;
  onOpenPath: (path: string) => void;
}

/** What a first start shows: open a file, start blank, or start from an example. */
export function EmptyState({ examples, recent, onOpen, onNew, onExample, onOpenPath }: EmptyStateProps): ReactElement {
  return (
    <main className="empty-state" data-testid="empty-state">
      <div className="empty-card">
        <LogoMark width={52} height={52} />
        <h1>Design, run and debug Step Functions</h1>
        <p>
          Open an Amazon States Language definition (<code>.asl.json</code>, <code>.json</code>, <code>.yaml</code>), start a
          new one, or explore an example.
        </p>
        <div className="empty-actions">
          <button type="button" className="button button--primary" onClick={onOpen} data-testid="empty-open">
            <FolderIcon />
            Open a file…
          </button>
          <button type="button" className="button button--large" onClick={onNew} data-testid="empty-new">
            <NewFileIcon />
            New state machine
          </button>
        </div>
        {recent.length > 0 && (
          <section className="empty-section" aria-labelledby="recent-heading">
            <h2 id="recent-heading">Recent</h2>
            <ul className="recent-list">
              {recent.slice(0, 5).map((p) => (
                <li key={p}>
                  <button type="button" className="link-row" onClick={() => onOpenPath(p)} title={p}>
                    <span className="link-row-title">{p.split(/[\\/]/).pop()}</span>
                    <span className="link-row-hint">{p}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        {examples.length > 0 && (
          <section className="empty-section" aria-labelledby="examples-heading">
            <h2 id="examples-heading">Start from an example</h2>
            <ul className="example-grid">
              {examples.map((e) => (
                <li key={e.id}>
                  <button
                    type="button"
                    className="example-card"
                    data-example={e.id}
                    title={e.comment ?? undefined}
                    onClick={() => onExample(e.id)}
                  >
                    <span className="example-title">{e.title}</span>
                    <span className="example-summary">{e.summary}</span>
                    <span className="example-meta">
                      {e.id} · {e.states} states
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </main>
  );
}
