import { useEffect, useRef, type ReactElement } from 'react';
import type { ConflictChoice } from '../bindings/ConflictChoice';
import type { RecoveredDocument } from '../bindings/RecoveredDocument';
import { ModalDialog } from './ModalDialog';
import { UNSAVED_CONSEQUENCE, type UnsavedChoice, type UnsavedQuestion } from '../lib/unsaved';
import { WarningIcon } from './icons';

/** The file changed on disk while the window holds unsaved edits: the user chooses. */
export function ConflictBanner({
  fileName,
  onResolve,
}: {
  fileName: string;
  onResolve: (choice: ConflictChoice) => void;
}): ReactElement {
  return (
    <div className="banner banner--warning" role="alert" data-testid="conflict-banner">
      <WarningIcon width={18} height={18} />
      <p>
        <strong>{fileName} changed on disk</strong> while you have unsaved edits here. Which version do you want to
        keep?
      </p>
      <button type="button" className="button" data-testid="conflict-mine" onClick={() => onResolve('mine')}>
        Keep mine
      </button>
      <button type="button" className="button button--primary" data-testid="conflict-theirs" onClick={() => onResolve('theirs')}>
        Take theirs
      </button>
      <span className="banner-hint">Taking theirs keeps your version in Undo.</span>
    </div>
  );
}

/** Edits an earlier session did not save (it was killed or crashed): restore or drop each. */
export function RecoveryBanner({
  documents,
  onRestore,
  onDiscard,
}: {
  documents: readonly RecoveredDocument[];
  onRestore: (id: string) => void;
  onDiscard: (id: string) => void;
}): ReactElement {
  return (
    <div className="banner banner--warning banner--stack" role="alert" data-testid="recovery-banner">
      {documents.map((d) => (
        <div key={d.id} className="banner-row" data-testid="recovered-document" data-file={d.fileName}>
          <WarningIcon width={18} height={18} />
          <p>
            <strong>Unsaved edits to {d.fileName}</strong> were kept when Stepwise last closed without saving them (
            {new Date(d.savedAtMs).toLocaleString()}).
          </p>
          <button type="button" className="button" data-testid="recovery-discard" onClick={() => onDiscard(d.id)}>
            Discard
          </button>
          <button type="button" className="button button--primary" data-testid="recovery-restore" onClick={() => onRestore(d.id)}>
            Restore
          </button>
        </div>
      ))}
    </div>
  );
}

/** The document has unsaved edits and the user is about to replace it or close the window. */
export function UnsavedDialog({
  question,
  onAnswer,
}: {
  question: UnsavedQuestion;
  onAnswer: (choice: UnsavedChoice) => void;
}): ReactElement {
  const save = useRef<HTMLButtonElement | null>(null);
  // After the dialog's own effect (a child's runs first) has shown it.
  useEffect(() => save.current?.focus(), []);
  return (
    <ModalDialog
      className="modal"
      aria-labelledby="unsaved-title"
      aria-describedby="unsaved-text"
      onCancel={() => onAnswer('cancel')}
      data-testid="unsaved-dialog"
      data-reason={question.reason}
    >
      <h2 id="unsaved-title">Save changes to {question.fileName}?</h2>
      <p id="unsaved-text">Your edits will be lost if you {UNSAVED_CONSEQUENCE[question.reason]} without saving.</p>
      <div className="modal-actions">
        <button type="button" className="button" data-testid="unsaved-discard" onClick={() => onAnswer('discard')}>
          Don’t save
        </button>
        <span className="spacer" />
        <button type="button" className="button" data-testid="unsaved-cancel" onClick={() => onAnswer('cancel')}>
          Cancel
        </button>
        <button ref={save} type="button" className="button button--primary" data-testid="unsaved-save" onClick={() => onAnswer('save')}>
          Save
        </button>
      </div>
    </ModalDialog>
  );
}
