import type { Blocker } from '../bindings/Blocker';
import type { ConflictChoice } from '../bindings/ConflictChoice';
import type { CopiedImage } from '../bindings/CopiedImage';
import type { DocumentView } from '../bindings/DocumentView';
import type { Edit } from '../bindings/Edit';
import type { EditReply } from '../bindings/EditReply';
import type { ExampleInfo } from '../bindings/ExampleInfo';
import type { ExportKind } from '../bindings/ExportKind';
import type { Opened } from '../bindings/Opened';
import type { QueryLanguage } from '../bindings/QueryLanguage';
import type { RecoveredDocument } from '../bindings/RecoveredDocument';
import { call, on } from './rpc';

/**
 * What the UI asks of the Rust side, which holds the document. The App takes it as a prop so
 * tests can fake it. Every method that changes the document answers with the new view. The
 * commands behind it are declared in Rust (`src-tauri/src/contract.rs`) and called through
 * the generated table (`./rpc`); a failure rejects with a `CommandError`.
 */
export interface DocumentApi {
  currentDocument(): Promise<DocumentView | null>;
  /**
   * The four calls that replace the open document refuse while it has unsaved edits, unless
   * `discard` says the user chose to drop them (the window asks first).
   */
  /**
   * Opens a definition file, or a project's machine (`machine`, or its only one). A project
   * with several machines and none chosen answers `choose` with the list, replacing nothing.
   */
  openDocument(path: string, discard?: boolean, machine?: string): Promise<Opened>;
  /** Shows the native Open dialog; `null` when it is cancelled. */
  openWithDialog(discard?: boolean): Promise<Opened | null>;
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
  /** Puts the diagram on the system clipboard as an image (Export → PNG's drawing); its size. */
  copyImage(): Promise<CopiedImage>;
  resolveConflict(choice: ConflictChoice): Promise<DocumentView>;
  /** The states at these pointers as `name -> definition`, for the clipboard. */
  copyStates(pointers: string[]): Promise<Record<string, unknown>>;
  /** What stops switching the machine to `language` exactly (empty: the switch is exact). */
  languageBlockers(language: QueryLanguage): Promise<Blocker[]>;
  /** Calls `handler` with every view Rust pushes on its own (the file changed on disk). */
  onDocumentChanged(handler: (view: DocumentView) => void): Promise<() => void>;
  /** Calls `handler` when the window is closed with unsaved edits (the close was held). */
  onCloseRequested(handler: () => void): Promise<() => void>;
  /** Closes the window for good (after the user chose to discard or saved). */
  closeWindow(): Promise<void>;
  /** Closes the window as its close button does: with unsaved edits, the window asks first. */
  requestClose(): Promise<void>;
  /** What an earlier session left with unsaved edits (killed, crashed), newest first. */
  listRecovered(): Promise<RecoveredDocument[]>;
  /** Opens a recovered document with its edits, unsaved (replaces the open one, as Open). */
  restoreRecovered(id: string, discard?: boolean): Promise<DocumentView>;
  /** Drops a recovered document's edits; what is left to offer. */
  discardRecovered(id: string): Promise<RecoveredDocument[]>;
}

export const tauriApi: DocumentApi = {
  currentDocument: () => call('current_document'),
  openDocument: (path, discard = false, machine) => call('open_document', machine === undefined ? { path, discard } : { path, discard, machine }),
  openWithDialog: (discard = false) => call('open_with_dialog', { discard }),
  newDocument: (discard = false) => call('new_document', { discard }),
  listExamples: () => call('list_examples'),
  openExample: (id, discard = false) => call('open_example', { id, discard }),
  recentFiles: () => call('recent_files'),
  applyEdit: (edit) => call('apply_edit', edit),
  setText: (text) => call('set_text', text),
  undo: () => call('undo'),
  redo: () => call('redo'),
  save: () => call('save'),
  saveAs: () => call('save_as'),
  exportAs: (kind) => call('export_as', kind),
  copyImage: () => call('copy_image'),
  resolveConflict: (choice) => call('resolve_conflict', choice),
  copyStates: (pointers) => call('copy_states', pointers),
  languageBlockers: (language) => call('language_blockers', language),
  onDocumentChanged: (handler) => on('document-changed', handler),
  onCloseRequested: (handler) => on('close-requested', () => handler()),
  closeWindow: () => call('close_window'),
  requestClose: () => call('request_close'),
  listRecovered: () => call('list_recovered'),
  restoreRecovered: (id, discard = false) => call('restore_recovered', { id, discard }),
  discardRecovered: (id) => call('discard_recovered', id),
};

/** A thrown value as text for the UI (a command's failure carries its own sentence). */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  return 'Something went wrong.';
}
