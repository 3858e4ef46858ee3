import { invoke } from '@tauri-apps/api/core';
import { open } from '@tauri-apps/plugin-dialog';
import type { DocumentView } from '../bindings/DocumentView';

/** What the UI asks of the Rust side. The App takes it as a prop so tests can fake it. */
export interface DocumentApi {
  currentDocument(): Promise<DocumentView | null>;
  openDocument(path: string): Promise<DocumentView>;
  reloadDocument(): Promise<DocumentView | null>;
  /** Asks the user for a file; `null` when the dialog is cancelled. */
  pickFile(): Promise<string | null>;
}

export const tauriApi: DocumentApi = {
  currentDocument: () => invoke<DocumentView | null>('current_document'),
  openDocument: (path) => invoke<DocumentView>('open_document', { path }),
  reloadDocument: () => invoke<DocumentView | null>('reload_document'),
  pickFile: async () => {
    const picked = await open({
      title: 'Open a state machine',
      multiple: false,
      directory: false,
      filters: [
        { name: 'State machines', extensions: ['json', 'yaml', 'yml'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    return typeof picked === 'string' ? picked : null;
  },
};

/** The window title for a document ("Stepwise — order.asl.json"), or just "Stepwise". */
export function documentTitle(view: DocumentView | null): string {
  return view === null ? 'Stepwise' : `Stepwise — ${view.fileName}`;
}

/** A thrown value as text for the UI. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  return 'Something went wrong.';
}
