import { useState, type ReactElement } from 'react';
import { ModalDialog } from '../components/ModalDialog';
import type { CompareWith } from '../bindings/CompareWith';

type Choice = CompareWith['kind'];

/** "Compare…": with the last saved file, a git revision of it, or another file (a dialog). */
export function CompareDialog({ canUseFile, onCompare, onCancel }: { canUseFile: boolean; onCompare: (with_: CompareWith) => void; onCancel: () => void }): ReactElement {
  const [choice, setChoice] = useState<Choice>(canUseFile ? 'revision' : 'file');
  const [rev, setRev] = useState('HEAD');
  const submit = (): void => {
    if (choice === 'saved') onCompare({ kind: 'saved' });
    else if (choice === 'revision') onCompare({ kind: 'revision', rev: rev.trim() === '' ? 'HEAD' : rev.trim() });
    else onCompare({ kind: 'file', path: null });
  };
  const option = (value: Choice, label: string, hint: string, disabled = false): ReactElement => (
    <label className="compare-option" data-disabled={disabled ? 'true' : undefined} title={disabled ? 'The document has no file yet: save it first' : hint}>
      <input type="radio" name="compare-with" value={value} checked={choice === value} disabled={disabled} onChange={() => setChoice(value)} data-testid={`compare-${value}`} />
      <span className="compare-option__label">{label}</span>
      <span className="compare-option__hint">{hint}</span>
    </label>
  );
  return (
    <ModalDialog
      className="modal compare-dialog"
      aria-labelledby="compare-title"
      onCancel={onCancel}
      data-testid="compare-dialog"
    >
      <h2 id="compare-title">Compare with…</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {option('saved', 'Last saved', 'The file as it is on disk', !canUseFile)}
        {option('revision', 'Git revision…', 'HEAD, a branch, a tag or a commit', !canUseFile)}
        {choice === 'revision' && (
          <input
            className="compare-rev"
            aria-label="Git revision"
            value={rev}
            onChange={(e) => setRev(e.target.value)}
            spellCheck={false}
            autoFocus
            data-testid="compare-rev"
          />
        )}
        {option('file', 'Another file…', 'A definition or a project, picked in a dialog')}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" data-testid="compare-go">
            Compare
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
