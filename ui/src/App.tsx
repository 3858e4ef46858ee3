import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type { DocumentView } from './bindings/DocumentView';
import { DocumentScreen } from './components/DocumentScreen';
import { EmptyState } from './components/EmptyState';
import { Header } from './components/Header';
import { documentTitle, errorText, type DocumentApi } from './lib/api';

type Status = 'loading' | 'ready' | 'busy';

export function App({ api }: { api: DocumentApi }): ReactElement {
  const [view, setView] = useState<DocumentView | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      .currentDocument()
      .then((v) => live && setView(v))
      .catch((err: unknown) => live && setFailure(errorText(err)))
      .finally(() => live && setStatus('ready'));
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    document.title = documentTitle(view);
  }, [view]);

  const run = useCallback(async (action: () => Promise<DocumentView | null>) => {
    setStatus('busy');
    try {
      const next = await action();
      if (next !== null) setView(next);
      setFailure(null);
    } catch (err: unknown) {
      setFailure(errorText(err));
    } finally {
      setStatus('ready');
    }
  }, []);

  const onOpen = useCallback(() => {
    void run(async () => {
      const path = await api.pickFile();
      return path === null ? null : api.openDocument(path);
    });
  }, [api, run]);

  const onReload = useCallback(() => {
    void run(() => api.reloadDocument());
  }, [api, run]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        onOpen();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onOpen]);

  return (
    <div className="app" aria-busy={status !== 'ready'}>
      <Header view={view} busy={status !== 'ready'} onOpen={onOpen} onReload={onReload} />
      {failure !== null && (
        <div className="toast" role="alert">
          {failure}
        </div>
      )}
      {status === 'loading' ? (
        <main className="loading" aria-label="Loading" />
      ) : view === null ? (
        <EmptyState onOpen={onOpen} />
      ) : (
        <DocumentScreen key={view.path} view={view} />
      )}
    </div>
  );
}
