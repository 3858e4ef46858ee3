import { useId, type ReactElement } from 'react';
import type { Slot } from '../bindings/Slot';
import { useInspector } from './context';
import { Row, Select } from './fields';
import { asString, scopeOf, statesInScope } from './model';
import { joinPointer } from './pointer';

const END = 'end';
const STATE = (name: string): string => `s:${name}`;

/** The names of the states a state can transition to (the states of its scope). */
export function useSiblings(statePointer: string): string[] {
  const { root, rows } = useInspector();
  return statesInScope(root, scopeOf(statePointer), rows);
}

interface TargetSelectProps {
  /** The state (or, for `start`, the scope) whose slot this is. */
  source: string;
  slot: Slot;
  /** The states to offer. */
  targets: readonly string[];
  /** The current target name, or `undefined`. */
  value: string | undefined;
  field: string;
  ariaLabel?: string;
  id?: string;
  /** Label of the empty choice, which disconnects the slot (`Default`); omit when it cannot be empty. */
  emptyLabel?: string;
}

/** A select of target states that connects a slot (`{op: 'connect'}`) on change. */
export function TargetSelect({ source, slot, targets, value, field, ariaLabel, id, emptyLabel }: TargetSelectProps): ReactElement {
  const { send } = useInspector();
  return (
    <Select
      {...(id !== undefined ? { id } : {})}
      {...(ariaLabel !== undefined ? { ariaLabel } : {})}
      field={field}
      value={value ?? ''}
      emptyLabel={emptyLabel}
      options={targets.map((t) => ({ value: t }))}
      onChange={(target) => {
        if (target === '') send({ op: 'disconnect', source, slot });
        else if (target !== value) send({ op: 'connect', source, slot, target });
      }}
    />
  );
}

/** Next / End of a state: a select of its sibling states plus "End". */
export function TransitionField({ statePointer }: { statePointer: string }): ReactElement {
  const { get, send } = useInspector();
  const id = useId();
  const siblings = useSiblings(statePointer);
  const next = asString(get(joinPointer(statePointer, 'Next')));
  const end = get(joinPointer(statePointer, 'End')) === true;
  const value = next !== undefined ? STATE(next) : end ? END : '';
  const known = next === undefined || siblings.includes(next);
  return (
    <Row
      id={id}
      label="Next"
      claims={[
        { pointer: joinPointer(statePointer, 'Next'), label: 'Next' },
        { pointer: joinPointer(statePointer, 'End'), label: 'Next' },
        // Reported on the state, but about Next and End.
        { pointer: statePointer, codes: ['missing-transition', 'next-and-end'], label: 'Next' },
      ]}
    >
      <select
        id={id}
        className="insp-select"
        data-field="Next"
        value={value}
        onChange={(e) => {
          const choice = e.target.value;
          if (choice === value || choice === '') return;
          if (choice === END) send({ op: 'disconnect', source: statePointer, slot: { kind: 'next' } });
          else send({ op: 'connect', source: statePointer, slot: { kind: 'next' }, target: choice.slice(2) });
        }}
      >
        {value === '' && <option value="">— not set —</option>}
        {!known && <option value={value}>{next} (not found)</option>}
        {siblings.map((s) => (
          <option key={s} value={STATE(s)}>
            {s}
          </option>
        ))}
        <option value={END}>End (finish here)</option>
      </select>
    </Row>
  );
}
