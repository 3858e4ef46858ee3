import { useId, type ReactElement } from 'react';
import { FieldProblems, useFieldProblems } from './FieldProblems';
import { useInspector } from './context';
import { CommitInput, parseNumber } from './fields';
import { replaceKey, withoutKeys, type QueryLanguage } from './model';
import { isObject, joinPointer } from './pointer';

type WaitMode = 'Seconds' | 'Timestamp' | 'SecondsPath' | 'TimestampPath';
const MODES: readonly WaitMode[] = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'];

const LABELS: Record<WaitMode, string> = {
  Seconds: 'Seconds',
  Timestamp: 'Timestamp',
  SecondsPath: 'Seconds path',
  TimestampPath: 'Timestamp path',
};

function initialValue(mode: WaitMode, ql: QueryLanguage): unknown {
  switch (mode) {
    case 'Seconds':
      return 10;
    case 'Timestamp':
      return ql === 'JSONata' ? '{% $states.input.until %}' : '2024-01-01T00:00:00Z';
    case 'SecondsPath':
      return '$.seconds';
    case 'TimestampPath':
      return '$.timestamp';
  }
}

/** How long a Wait state waits: one of Seconds, Timestamp, SecondsPath, TimestampPath. */
export function WaitEditor({ statePointer, ql }: { statePointer: string; ql: QueryLanguage }): ReactElement {
  const { get, set } = useInspector();
  const name = useId();
  const state = get(statePointer);
  const obj = isObject(state) ? state : {};
  const modes = ql === 'JSONata' ? MODES.filter((m) => m === 'Seconds' || m === 'Timestamp') : MODES;
  const current = MODES.find((m) => m in obj);

  const choose = (mode: WaitMode): void => {
    if (mode === current) return;
    // One edit: the state with the old field replaced by the new one, in the same place.
    const others = MODES.filter((m) => m !== current && m !== mode);
    set(statePointer, replaceKey(withoutKeys(obj, others), current ?? null, mode, initialValue(mode, ql)));
  };

  const timing = useFieldProblems([{ pointer: statePointer, codes: ['wait-timing'], label: 'Wait for' }]);
  const pointer = current === undefined ? null : joinPointer(statePointer, current);
  const value = pointer === null ? undefined : get(pointer);
  const external = typeof value === 'string' || typeof value === 'number' ? String(value) : value === undefined ? '' : JSON.stringify(value);

  return (
    <div className="insp-wait" data-testid="wait-editor">
      <div className="insp-row insp-row--stack" role="radiogroup" aria-labelledby={`${name}-label`}>
        <span className="insp-label" id={`${name}-label`}>
          Wait for
        </span>
        <div className="insp-radios">
          {modes.map((mode) => (
            <label key={mode} className="insp-radio" title={mode}>
              <input type="radio" name={name} value={mode} data-field="WaitMode" checked={current === mode} onChange={() => choose(mode)} />
              <span>{LABELS[mode]}</span>
            </label>
          ))}
        </div>
        <FieldProblems problems={timing} />
      </div>
      {current !== undefined && pointer !== null && (
        <CommitInput
          key={current}
          pointer={pointer}
          label={LABELS[current]}
          external={external}
          inputMode={current === 'Seconds' && ql === 'JSONPath' ? 'numeric' : undefined}
          mono={current !== 'Seconds'}
          placeholder={String(initialValue(current, ql))}
          parse={(text) => parseWait(current, text, ql)}
        />
      )}
    </div>
  );
}

function parseWait(mode: WaitMode, text: string, ql: QueryLanguage): { value: unknown } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: `Enter ${LABELS[mode].toLowerCase()}` };
  switch (mode) {
    case 'Seconds':
      return parseNumber(t, { integer: true, min: 0, expression: ql === 'JSONata' });
    case 'Timestamp':
      return { value: t };
    case 'SecondsPath':
    case 'TimestampPath':
      return t.startsWith('$') ? { value: t } : { error: 'A path starts with $' };
  }
}
