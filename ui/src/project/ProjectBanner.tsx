import type { ReactElement } from 'react';
import type { ProjectSource } from '../bindings/ProjectSource';
import { machineFacts } from './MachinePicker';

/**
 * Where the open machine lives (its project, where its definition is written), a way to open
 * another machine of the project, and why it cannot be edited when it cannot.
 */
export function ProjectBanner({
  source,
  readOnly,
  onSwitch,
}: {
  source: ProjectSource;
  readOnly: string | null;
  onSwitch: () => void;
}): ReactElement {
  const { project, machine } = source;
  return (
    <div className={readOnly === null ? 'banner banner--project' : 'banner banner--project banner--readonly'} data-testid="project-banner">
      <p>
        <strong data-testid="project-machine">{machine.id}</strong>
        <span className="banner-hint">
          {' '}
          · {project.kind} {project.fileName} · {machineFacts(machine).join(' · ')}
        </span>
        {readOnly !== null && (
          <span className="project-readonly" data-testid="read-only" role="note">
            Read-only: {readOnly}
          </span>
        )}
      </p>
      {project.machines.length > 1 && (
        <button type="button" className="button" data-testid="switch-machine" onClick={onSwitch}>
          Other machines ({project.machines.length - 1})
        </button>
      )}
    </div>
  );
}
