import { useEffect, useRef, type ReactElement } from 'react';
import type { ProblemRow } from '../bindings/ProblemRow';
import type { StateRow } from '../bindings/StateRow';
import { compactPointer, countBySeverity, plural } from '../lib/problems';
import { ErrorIcon, PlayIcon, WarningIcon } from './icons';
import { StateBadge } from './StateBadge';

interface StateListProps {
  states: readonly StateRow[];
  startAt: string | null;
  problems: ReadonlyMap<string, readonly ProblemRow[]>;
  selected: string | null;
  onSelect: (pointer: string) => void;
}

export function StateList({ states, startAt, problems, selected, onSelect }: StateListProps): ReactElement {
  if (states.length === 0) {
    return <p className="panel-empty">This definition has no states.</p>;
  }
  return (
    <ul className="state-list" role="listbox" aria-label="States">
      {states.map((state) => (
        <StateItem
          key={state.pointer}
          state={state}
          isStart={state.depth === 0 && state.name === startAt}
          problems={problems.get(state.pointer) ?? []}
          selected={state.pointer === selected}
          onSelect={onSelect}
        />
      ))}
    </ul>
  );
}

interface StateItemProps {
  state: StateRow;
  isStart: boolean;
  problems: readonly ProblemRow[];
  selected: boolean;
  onSelect: (pointer: string) => void;
}

function StateItem({ state, isStart, problems, selected, onSelect }: StateItemProps): ReactElement {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  const { errors, warnings } = countBySeverity(problems);
  const classes = ['state-row'];
  if (selected) classes.push('is-selected');
  if (errors > 0) classes.push('has-errors');
  else if (warnings > 0) classes.push('has-warnings');
  return (
    <li
      ref={ref}
      className={classes.join(' ')}
      data-pointer={state.pointer}
      data-depth={state.depth}
      role="option"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      onClick={() => onSelect(state.pointer)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(state.pointer);
        }
      }}
    >
      {Array.from({ length: state.depth }, (_, i) => (
        <span key={i} className="indent-guide" aria-hidden="true" />
      ))}
      <StateBadge stateType={state.stateType} />
      <span className="state-name" title={state.name}>
        {state.name}
      </span>
      {isStart && (
        <span className="start-tag" title="StartAt">
          <PlayIcon />
          Start
        </span>
      )}
      <span className="state-spacer" />
      {errors > 0 && (
        <span className="state-problems state-problems--error" title={plural(errors, 'error')}>
          <ErrorIcon width={13} height={13} />
          {errors}
        </span>
      )}
      {warnings > 0 && (
        <span className="state-problems state-problems--warning" title={plural(warnings, 'warning')}>
          <WarningIcon width={13} height={13} />
          {warnings}
        </span>
      )}
      <code className="state-pointer" title={state.pointer}>
        {compactPointer(state.pointer)}
      </code>
    </li>
  );
}
