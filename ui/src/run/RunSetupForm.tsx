import { useId, useMemo, useState, type ReactElement } from 'react';
import type { RunFile } from '../bindings/RunFile';
import type { SubstitutionRow } from '../bindings/SubstitutionRow';
import { PlaceholderValues } from '../project/PlaceholderValues';
import type { RunFileKind } from '../bindings/RunFileKind';
import type { TaskSource } from '../bindings/TaskSource';
import { JsonEditor, jsonError } from './JsonEditor';
import { fileName } from './labels';
import type { RunSession } from './session';

const CHOOSE = '\u0000choose';

/** Before a run: its input (and saved inputs), how Tasks are answered, breakpoints; Run. */
export function RunSetupForm({
  session,
  dark,
  placeholders,
}: {
  session: RunSession;
  dark: boolean;
  placeholders?: readonly SubstitutionRow[] | undefined;
}): ReactElement {
  // Parsed once per text, not on every render (the input can be a big file).
  const error = useMemo(() => jsonError(session.input), [session.input]);
  const canRun = !session.active && !session.starting && error === null;
  return (
    <div className="rp-setup" data-testid="run-setup">
      <div className="rp-field">
        <div className="rp-field__head">
          <span className="rp-label" id="run-input-label">
            Input
          </span>
          <SavedInputs session={session} />
        </div>
        <JsonEditor
          value={session.input}
          onChange={session.setInput}
          dark={dark}
          label="Execution input"
          testId="run-input"
          onSubmit={() => canRun && session.start()}
          minLines={5}
          maxHeight={260}
        />
        {error !== null && session.input.trim() !== '' && (
          <p className="rp-error" role="alert" data-testid="run-input-error">
            Not valid JSON: {error}
          </p>
        )}
      </div>

      {placeholders !== undefined && placeholders.length > 0 && (
        <PlaceholderValues rows={placeholders} values={session.substitutions} onChange={session.setSubstitution} />
      )}

      <TaskSourcePicker session={session} />

      <div className="rp-field">
        <div className="rp-field__head">
          <span className="rp-label">Breakpoints</span>
          {session.breakpoints.size > 0 && (
            <button type="button" className="rp-link" onClick={session.clearBreakpoints} data-testid="breakpoints-clear">
              Clear all
            </button>
          )}
        </div>
        {session.breakpoints.size === 0 ? (
          <p className="rp-hint">None. Click the dot on a state’s left edge, or select it and press F9, to pause before it.</p>
        ) : (
          <ul className="rp-chips" data-testid="breakpoint-list">
            {[...session.breakpoints].map((name) => (
              <li key={name} className="rp-chip">
                <span className="rp-chip__dot" aria-hidden="true" />
                <span className="rp-chip__text">{name}</span>
                <button type="button" className="rp-chip__remove" aria-label={`Remove breakpoint on ${name}`} onClick={() => session.toggleBreakpoint(name)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <label className="rp-check">
          <input
            type="checkbox"
            checked={session.pauseAtStart}
            onChange={(e) => session.setPauseAtStart(e.target.checked)}
            data-testid="run-pause-at-start"
          />
          Pause before the first state
        </label>
      </div>

      <div className="rp-actions">
        <button type="button" className="button button--primary rp-run" disabled={!canRun} onClick={() => session.start()} data-testid="run-start">
          <PlayIcon /> Run
          <kbd>F5</kbd>
        </button>
        <button
          type="button"
          className="button"
          disabled={!canRun}
          onClick={() => session.start({ pauseAtStart: true })}
          title="Start paused before the first state, then step"
          data-testid="run-step-start"
        >
          Step from start
        </button>
      </div>
    </div>
  );
}

function SavedInputs({ session }: { session: RunSession }): ReactElement {
  const [naming, setNaming] = useState<string | null>(null);
  const [picked, setPicked] = useState('');
  const id = useId();
  const current = session.savedInputs.find((s) => s.name === picked);
  if (naming !== null) {
    const save = (): void => {
      const name = naming.trim();
      if (name === '') return;
      session.saveInput(name);
      setPicked(name);
      setNaming(null);
    };
    return (
      <form
        className="rp-saved"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <input
          className="insp-input rp-saved__name"
          // Focus on open: the user just asked to type a name.
          autoFocus
          placeholder="Name this input"
          aria-label="Name of the saved input"
          value={naming}
          onChange={(e) => setNaming(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setNaming(null)}
          data-testid="saved-input-name"
        />
        <button type="submit" className="button rp-small" disabled={naming.trim() === ''} data-testid="saved-input-confirm">
          Save
        </button>
        <button type="button" className="rp-link" onClick={() => setNaming(null)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <div className="rp-saved">
      <select
        id={id}
        className="insp-select rp-saved__select"
        aria-label="Saved inputs"
        value={current === undefined ? '' : picked}
        disabled={session.savedInputs.length === 0}
        onChange={(e) => {
          setPicked(e.target.value);
          const s = session.savedInputs.find((x) => x.name === e.target.value);
          if (s !== undefined) session.setInput(s.input);
        }}
        data-testid="saved-inputs"
      >
        <option value="">{session.savedInputs.length === 0 ? 'No saved inputs' : 'Saved inputs…'}</option>
        {session.savedInputs.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name}
          </option>
        ))}
      </select>
      <button type="button" className="rp-link" onClick={() => setNaming(current?.name ?? '')} data-testid="saved-input-save">
        Save as…
      </button>
      {current !== undefined && (
        <button
          type="button"
          className="rp-link rp-link--danger"
          onClick={() => {
            session.deleteInput(current.name);
            setPicked('');
          }}
          data-testid="saved-input-delete"
        >
          Delete
        </button>
      )}
    </div>
  );
}

const KINDS: ReadonlyArray<{ kind: TaskSource['kind']; label: string; hint: string }> = [
  { kind: 'mocks', label: 'Mock config', hint: 'Step Functions Local mock responses, one test case' },
  { kind: 'handlers', label: 'Handlers', hint: 'Local commands or a Lambda emulator' },
  { kind: 'ask', label: 'Ask me', hint: 'Pause at each Task; you type its result or error' },
];

function TaskSourcePicker({ session }: { session: RunSession }): ReactElement {
  const { tasks, setTasks, files } = session;
  const switchTo = (kind: TaskSource['kind']): void => {
    if (kind === tasks.kind) return;
    if (kind === 'ask') setTasks({ kind: 'ask' });
    else {
      const f = files.find((x) => x.kind === kind && x.error === null);
      if (kind === 'mocks') setTasks({ kind: 'mocks', path: f?.path ?? '', testCase: f?.testCases[0] ?? '' });
      else setTasks({ kind: 'handlers', path: f?.path ?? '' });
    }
  };
  return (
    <fieldset className="rp-field rp-tasks">
      <legend className="rp-label">Tasks answered by</legend>
      <div className="rp-segment" role="radiogroup" aria-label="Tasks answered by" data-testid="task-source">
        {KINDS.map((k) => (
          <button
            key={k.kind}
            type="button"
            role="radio"
            aria-checked={tasks.kind === k.kind}
            className="rp-segment__item"
            title={k.hint}
            data-kind={k.kind}
            onClick={() => switchTo(k.kind)}
          >
            {k.label}
          </button>
        ))}
      </div>
      {tasks.kind === 'mocks' && (
        <>
          <FileSelect kind="mocks" session={session} path={tasks.path} onPick={(f) => setTasks({ kind: 'mocks', path: f.path, testCase: f.testCases[0] ?? '' })} />
          <MockTestCase session={session} path={tasks.path} testCase={tasks.testCase} />
        </>
      )}
      {tasks.kind === 'handlers' && (
        <FileSelect kind="handlers" session={session} path={tasks.path} onPick={(f) => setTasks({ kind: 'handlers', path: f.path })} />
      )}
      {tasks.kind === 'ask' && <p className="rp-hint">Each Task pauses the run and asks you for its result, or an error to throw.</p>}
    </fieldset>
  );
}

function FileSelect({ kind, session, path, onPick }: { kind: RunFileKind; session: RunSession; path: string; onPick: (file: RunFile) => void }): ReactElement {
  const options = session.files.filter((f) => f.kind === kind);
  const current = options.find((f) => f.path === path);
  return (
    <div className="rp-row">
      <label className="rp-row__label" htmlFor={`run-file-${kind}`}>
        {kind === 'mocks' ? 'File' : 'File'}
      </label>
      <select
        id={`run-file-${kind}`}
        className="insp-select"
        value={current === undefined ? '' : path}
        onChange={(e) => {
          if (e.target.value === CHOOSE) {
            void session.pickFile(kind).then((f) => f !== null && onPick(f));
            return;
          }
          const f = options.find((x) => x.path === e.target.value);
          if (f !== undefined) onPick(f);
        }}
        data-testid={`run-file-${kind}`}
        title={path}
      >
        {current === undefined && <option value="">{options.length === 0 ? 'None found next to this file' : 'Choose…'}</option>}
        {options.map((f) => (
          <option key={f.path} value={f.path} disabled={f.error !== null}>
            {fileName(f.path)}
            {f.error !== null ? ` (${f.error})` : ''}
          </option>
        ))}
        <option value={CHOOSE}>Choose file…</option>
      </select>
      {current?.error != null && <p className="rp-error">{current.error}</p>}
    </div>
  );
}

function MockTestCase({ session, path, testCase }: { session: RunSession; path: string; testCase: string }): ReactElement | null {
  const file = session.files.find((f) => f.path === path);
  if (file === undefined) return null;
  return (
    <div className="rp-row">
      <label className="rp-row__label" htmlFor="run-test-case">
        Test case
      </label>
      <select
        id="run-test-case"
        className="insp-select"
        value={testCase}
        onChange={(e) => session.setTasks({ kind: 'mocks', path, testCase: e.target.value })}
        data-testid="run-test-case"
      >
        {!file.testCases.includes(testCase) && <option value={testCase}>{testCase === '' ? '—' : `${testCase} (not found)`}</option>}
        {file.testCases.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </div>
  );
}

export function PlayIcon(): ReactElement {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      <path d="M3 1.8v8.4a.6.6 0 0 0 .9.5l6.8-4.2a.6.6 0 0 0 0-1L3.9 1.3a.6.6 0 0 0-.9.5Z" fill="currentColor" />
    </svg>
  );
}
