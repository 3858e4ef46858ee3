import { useId, type ReactElement } from 'react';
import { useInspector } from './context';
import { ErrorList } from './ErrorList';
import { PathField, Row, Section, TextField } from './fields';
import { JsonField } from './JsonField';
import { AddButton, ListItem } from './ListItem';
import { asArray, asString, moveItem, removeItem, stateNameOf, type QueryLanguage } from './model';
import { joinPointer } from './pointer';
import { insertIndex, newErrors } from './RetryEditor';
import { TargetSelect, useSiblings } from './TransitionField';

/** The Catch field: a list of catchers, each with its fallback state. */
export function CatchEditor({ statePointer, ql }: { statePointer: string; ql: QueryLanguage }): ReactElement {
  const { get, set } = useInspector();
  const pointer = joinPointer(statePointer, 'Catch');
  const items = asArray(get(pointer));
  const siblings = useSiblings(statePointer);
  const self = stateNameOf(statePointer);
  const update = (next: unknown[]): void => set(pointer, next.length === 0 ? undefined : next);
  const add = (): void => {
    const copy = [...items];
    const target = siblings.find((s) => s !== self) ?? self;
    copy.splice(insertIndex(items), 0, { ErrorEquals: newErrors(items), Next: target });
    update(copy);
  };
  return (
    <Section title="Catch" aside={items.length > 0 ? String(items.length) : undefined} pointer={pointer}>
      <div className="insp-list" data-testid="catch-editor">
        {items.map((_, i) => {
          const p = joinPointer(pointer, i);
          return (
            <ListItem
              key={i}
              title={`Catcher ${i + 1}`}
              index={i}
              count={items.length}
              noun="catcher"
              pointer={p}
              onMove={(from, to) => update(moveItem(items, from, to))}
              onRemove={(index) => update(removeItem(items, index))}
            >
              <ErrorList pointer={joinPointer(p, 'ErrorEquals')} />
              <CatchNext statePointer={statePointer} index={i} targets={siblings} value={asString(get(joinPointer(p, 'Next')))} />
              {ql === 'JSONPath' ? (
                <PathField pointer={joinPointer(p, 'ResultPath')} label="ResultPath" nullTitle="discard the error output" />
              ) : (
                <JsonField pointer={joinPointer(p, 'Output')} label="Output" expression />
              )}
              <JsonField pointer={joinPointer(p, 'Assign')} label="Assign" />
              <TextField pointer={joinPointer(p, 'Comment')} label="Comment" />
            </ListItem>
          );
        })}
        {items.length === 0 && <p className="insp-empty">No catchers: an error fails the execution.</p>}
        <AddButton onClick={add}>Add catcher</AddButton>
      </div>
    </Section>
  );
}

function CatchNext(props: { statePointer: string; index: number; targets: string[]; value: string | undefined }): ReactElement {
  const id = useId();
  return (
    <Row id={id} label="Next" pointer={joinPointer(props.statePointer, 'Catch', props.index, 'Next')}>
      <TargetSelect
        id={id}
        source={props.statePointer}
        slot={{ kind: 'catch', index: props.index }}
        targets={props.targets}
        value={props.value}
        field="Next"
      />
    </Row>
  );
}
