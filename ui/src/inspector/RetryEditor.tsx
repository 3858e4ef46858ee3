import type { ReactElement } from 'react';
import { useInspector } from './context';
import { ErrorList } from './ErrorList';
import { NumberField, SelectField, Section, TextField } from './fields';
import { AddButton, ListItem } from './ListItem';
import { asArray, moveItem, removeItem } from './model';
import { isObject, joinPointer } from './pointer';

/** Index where a new handler goes: before a `States.ALL` one (which must come last), else at the end. */
export function insertIndex(items: readonly unknown[]): number {
  const all = items.findIndex((it) => isObject(it) && Array.isArray(it['ErrorEquals']) && it['ErrorEquals'].includes('States.ALL'));
  return all === -1 ? items.length : all;
}

/** The ErrorEquals a new handler starts with. */
export function newErrors(items: readonly unknown[]): string[] {
  return insertIndex(items) === items.length ? ['States.ALL'] : ['States.TaskFailed'];
}

/** The Retry field: a list of retriers. */
export function RetryEditor({ statePointer }: { statePointer: string }): ReactElement {
  const { get, set } = useInspector();
  const pointer = joinPointer(statePointer, 'Retry');
  const items = asArray(get(pointer));
  const update = (next: unknown[]): void => set(pointer, next.length === 0 ? undefined : next);
  const add = (): void => {
    const copy = [...items];
    copy.splice(insertIndex(items), 0, { ErrorEquals: newErrors(items), IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 });
    update(copy);
  };
  return (
    <Section title="Retry" aside={items.length > 0 ? String(items.length) : undefined} pointer={pointer}>
      <div className="insp-list" data-testid="retry-editor">
        {items.map((_, i) => {
          const p = joinPointer(pointer, i);
          return (
            <ListItem
              key={i}
              title={`Retrier ${i + 1}`}
              index={i}
              count={items.length}
              noun="retrier"
              pointer={p}
              onMove={(from, to) => update(moveItem(items, from, to))}
              onRemove={(index) => update(removeItem(items, index))}
            >
              <ErrorList pointer={joinPointer(p, 'ErrorEquals')} />
              <NumberField pointer={joinPointer(p, 'IntervalSeconds')} label="Interval (s)" integer min={1} placeholder="1" />
              <NumberField pointer={joinPointer(p, 'MaxAttempts')} label="Max attempts" integer min={0} placeholder="3" />
              <NumberField pointer={joinPointer(p, 'BackoffRate')} label="Backoff rate" min={1} placeholder="2.0" />
              <NumberField pointer={joinPointer(p, 'MaxDelaySeconds')} label="Max delay (s)" integer min={1} placeholder="none" />
              <SelectField
                pointer={joinPointer(p, 'JitterStrategy')}
                label="Jitter"
                emptyLabel="Default (NONE)"
                options={[{ value: 'FULL' }, { value: 'NONE' }]}
              />
              <TextField pointer={joinPointer(p, 'Comment')} label="Comment" />
            </ListItem>
          );
        })}
        {items.length === 0 && <p className="insp-empty">No retriers: errors are not retried.</p>}
        <AddButton onClick={add}>Add retrier</AddButton>
      </div>
    </Section>
  );
}
