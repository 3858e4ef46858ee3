import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Blocker } from '../bindings/Blocker';
import type { ConflictChoice } from '../bindings/ConflictChoice';
import type { DocumentView } from '../bindings/DocumentView';
import type { Edit } from '../bindings/Edit';
import type { EditReply } from '../bindings/EditReply';
import type { ExampleInfo } from '../bindings/ExampleInfo';
import type { ExportKind } from '../bindings/ExportKind';

/**
 * What the UI asks of the Rust side, which holds the document. The App takes it as a prop so
 * tests can fake it. Every method that changes the document answers with the new view.
 */
/** The two query languages, as `QueryLanguage` spells them. */
export type QueryLanguageName = 'JSONPath' | 'JSONata';

export interface DocumentApi {
  currentDocument(): Promise<DocumentView | null>;
  /**
   * The four calls that replace the open document refuse while it has unsaved edits, unless
   * `discard` says the user chose to drop them (the window asks first).
   */
  openDocument(path: string, discard?: boolean): Promise<DocumentView>;
  /** Shows the native Open dialog; `null` when it is cancelled. */
  openWithDialog(discard?: boolean): Promise<DocumentView | null>;
  newDocument(discard?: boolean): Promise<DocumentView>;
  listExamples(): Promise<ExampleInfo[]>;
  /** Opens a bundled example as a new document (nothing unsaved until it is edited). */
  openExample(id: string, discard?: boolean): Promise<DocumentView>;
  recentFiles(): Promise<string[]>;
  applyEdit(edit: Edit): Promise<EditReply>;
  /** The code view's text; Rust parses it and answers with the new view. */
  setText(text: string): Promise<DocumentView>;
  undo(): Promise<DocumentView>;
  redo(): Promise<DocumentView>;
  /** Saves to the file (asking where for a new document); `null` when cancelled. */
  save(): Promise<DocumentView | null>;
  saveAs(): Promise<DocumentView | null>;
  /** Exports through a Save dialog; the path written, or `null` when cancelled. */
  exportAs(kind: ExportKind): Promise<string | null>;
  resolveConflict(choice: ConflictChoice): Promise<DocumentView>;
  /** The states at these pointers as `name -> definition`, for the clipboard. */
  copyStates(pointers: string[]): Promise<Record<string, unknown>>;
  /** What stops switching the machine to `language` exactly (empty: the switch is exact). */
  languageBlockers(language: QueryLanguageName): Promise<Blocker[]>;
  /** Calls `handler` with every view Rust pushes on its own (the file changed on disk). */
  onDocumentChanged(handler: (view: DocumentView) => void): Promise<() => void>;
  /** Calls `handler` when the window is closed with unsaved edits (the close was held). */
  onCloseRequested(handler: () => void): Promise<() => void>;
  /** Closes the window for good (after the user chose to discard or saved). */
  closeWindow(): Promise<void>;
  /** Closes the window as its close button does: with unsaved edits, the window asks first. */
  requestClose(): Promise<void>;
}

export const tauriApi: DocumentApi = {
  currentDocument: () => invoke<DocumentView | null>('current_document'),
  openDocument: (path, discard = false) => invoke<DocumentView>('open_document', { path, discard }),
  openWithDialog: (discard = false) => invoke<DocumentView | null>('open_with_dialog', { discard }),
  newDocument: (discard = false) => invoke<DocumentView>('new_document', { discard }),
  listExamples: () => invoke<ExampleInfo[]>('list_examples'),
  openExample: (id, discard = false) => invoke<DocumentView>('open_example', { id, discard }),
  recentFiles: () => invoke<string[]>('recent_files'),
  applyEdit: (edit) => invoke<EditReply>('apply_edit', { edit }),
  setText: (text) => invoke<DocumentView>('set_text', { text }),
  undo: () => invoke<DocumentView>('undo'),
  redo: () => invoke<DocumentView>('redo'),
  save: () => invoke<DocumentView | null>('save'),
  saveAs: () => invoke<DocumentView | null>('save_as'),
  exportAs: (kind) => invoke<string | null>('export_as', { kind }),
  resolveConflict: (choice) => invoke<DocumentView>('resolve_conflict', { choice }),
  copyStates: (pointers) => invoke<Record<string, unknown>>('copy_states', { pointers }),
  languageBlockers: (language) => invoke<Blocker[]>('language_blockers', { language }),
  onDocumentChanged: (handler) =>
    listen<DocumentView>('document-changed', (event) => handler(event.payload)),
  onCloseRequested: (handler) => listen('close-requested', () => handler()),
  closeWindow: () => invoke<void>('close_window'),
  requestClose: () => invoke<void>('request_close'),
};

/** The window title for a document ("Stepwise — order.asl.json"), or just "Stepwise". */
export function documentTitle(view: DocumentView | null): string {
  if (view === null) return 'Stepwise';
  return view.dirty ? `Stepwise — • ${view.fileName}` : `Stepwise — ${view.fileName}`;
}

/** A thrown value as text for the UI. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  return 'Something went wrong.';
}
