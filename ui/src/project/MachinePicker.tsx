import type { ReactElement } from 'react';
import { ModalDialog } from '../components/ModalDialog';
import type { MachineInfo } from '../bindings/MachineInfo';
import type { ProjectInfo } from '../bindings/ProjectInfo';

/** One line under a machine's name: its type, its deployed name, where its definition is. */
export function machineFacts(m: MachineInfo): string[] {
  const facts: string[] = [];
  if (m.machineType !== null) facts.push(m.machineType);
  if (m.name !== null && m.name !== m.id) facts.push(`deployed as ${m.name}`);
  facts.push(m.location);
  return facts;
}

/** The state machines of a project: the user opens one (a machine with no definition here cannot be). */
export function MachinePicker({
  project,
  current,
  onPick,
  onCancel,
}: {
  project: ProjectInfo;
  /** The machine open now, marked in the list. */
  current?: string | undefined;
  onPick: (path: string, machine: string) => void;
  onCancel: () => void;
}): ReactElement {
  return (
    <ModalDialog
      className="modal machine-picker"
      aria-labelledby="machine-picker-title"
      data-testid="machine-picker"
      onCancel={onCancel}
    >
      <h2 id="machine-picker-title">Open a state machine of {project.fileName}</h2>
      <p>
        {project.kind} · {project.machines.length === 0 ? 'no state machines' : `${project.machines.length} state machines`}
      </p>
      <ul className="machine-list">
        {project.machines.map((m) => (
          <li key={m.id}>
            <button
              type="button"
              className="machine-item"
              data-testid="machine-item"
              data-machine={m.id}
              aria-current={m.id === current ? 'true' : undefined}
              disabled={m.unavailable !== null}
              title={m.unavailable ?? `${m.resourceType} · ${m.file}${m.line > 0 ? `:${m.line}` : ''}`}
              onClick={() => onPick(project.path, m.id)}
            >
              <span className="machine-item__name">{m.id}</span>
              <span className="machine-item__facts">{machineFacts(m).join(' · ')}</span>
              {m.readOnly !== null && <span className="machine-item__note">Read-only: {m.readOnly}</span>}
              {m.unavailable !== null && <span className="machine-item__note">{m.unavailable}</span>}
            </button>
          </li>
        ))}
      </ul>
      <div className="modal-actions">
        <span className="spacer" />
        <button type="button" className="button" data-testid="machine-picker-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
