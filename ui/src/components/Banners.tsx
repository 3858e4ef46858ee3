import { useEffect, useRef, type ReactElement } from 'react';
import type { ConflictChoice } from '../bindings/ConflictChoice';
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

/** Closing with unsaved edits: save, discard or stay. */
export function CloseDialog({
  fileName,
  onSave,
  onDiscard,
  onCancel,
}: {
  fileName: string;
  onSave: () => void;
  onDiscard: () => void;
  onCancel: () => void;
}): ReactElement {
  const ref = useRef<HTMLDialogElement | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d !== null && typeof d.showModal === 'function' && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="modal" aria-labelledby="close-title" onCancel={onCancel} data-testid="close-dialog">
      <h2 id="close-title">Save changes to {fileName}?</h2>
      <p>Your edits will be lost if you close without saving.</p>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onDiscard}>
          Don’t save
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={onSave}>
          Save
        </button>
      </div>
    </dialog>
  );
}
