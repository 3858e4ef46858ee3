import { useId, type ReactElement } from 'react';
import { ConditionEditor, DEFAULT_COMPARISON, JsonataCondition } from './ConditionEditor';
import { useInspector } from './context';
import { Row, Section, TextField } from './fields';
import { JsonField } from './JsonField';
import { AddButton, ListItem } from './ListItem';
import { asArray, asString, moveItem, removeItem, stateNameOf, type QueryLanguage } from './model';
import { isObject, joinPointer } from './pointer';
import { TargetSelect, useSiblings } from './TransitionField';

/** Choices (the rules, in order) and Default of a Choice state. */
export function ChoiceRulesEditor({ statePointer, ql }: { statePointer: string; ql: QueryLanguage }): ReactElement {
  const { get, set } = useInspector();
  const pointer = joinPointer(statePointer, 'Choices');
  const items = asArray(get(pointer));
  const siblings = useSiblings(statePointer);
  const self = stateNameOf(statePointer);
  const defaultTarget = asString(get(joinPointer(statePointer, 'Default')));
  const defaultId = useId();

  const add = (): void => {
    const target = siblings.find((s) => s !== self && s !== defaultTarget) ?? defaultTarget ?? siblings[0] ?? self;
    const rule = ql === 'JSONata' ? { Condition: '{% true %}', Next: target } : { ...DEFAULT_COMPARISON, Next: target };
    set(pointer, [...items, rule]);
  };

  return (
    <>
      <Section title="Rules" aside={String(items.length)} pointer={pointer}>
        <div className="insp-list" data-testid="choice-rules">
          {items.map((item, i) => {
            const p = joinPointer(pointer, i);
            const next = isObject(item) ? asString(item['Next']) : undefined;
            return (
              <ListItem
                key={i}
                title={`Rule ${i + 1}${next !== undefined ? ` → ${next}` : ''}`}
                index={i}
                count={items.length}
                noun="rule"
                pointer={p}
                onMove={(from, to) => set(pointer, moveItem(items, from, to))}
                onRemove={(index) => set(pointer, removeItem(items, index))}
              >
                {ql === 'JSONata' ? <JsonataCondition pointer={joinPointer(p, 'Condition')} statePointer={statePointer} /> : <ConditionEditor pointer={p} depth={0} />}
                <RuleNext statePointer={statePointer} index={i} targets={siblings} value={next} />
                <details className="insp-more">
                  <summary>More</summary>
                  <TextField pointer={joinPointer(p, 'Comment')} label="Comment" />
                  {ql === 'JSONata' && <JsonField pointer={joinPointer(p, 'Output')} label="Output" expression preview={{ statePointer, withResult: false }} />}
                  <JsonField pointer={joinPointer(p, 'Assign')} label="Assign" />
                </details>
              </ListItem>
            );
          })}
          {items.length === 0 && <p className="insp-empty">A Choice state needs at least one rule.</p>}
          <AddButton onClick={add}>Add rule</AddButton>
        </div>
        <Row id={defaultId} label="Default" pointer={joinPointer(statePointer, 'Default')}>
          <TargetSelect
            id={defaultId}
            source={statePointer}
            slot={{ kind: 'default' }}
            targets={siblings}
            value={defaultTarget}
            field="Default"
            emptyLabel="— none (fails with States.NoChoiceMatched) —"
          />
        </Row>
      </Section>
    </>
  );
}

function RuleNext(props: { statePointer: string; index: number; targets: string[]; value: string | undefined }): ReactElement {
  const id = useId();
  return (
    <Row id={id} label="Next" pointer={joinPointer(props.statePointer, 'Choices', props.index, 'Next')}>
      <TargetSelect
        id={id}
        source={props.statePointer}
        slot={{ kind: 'choice', index: props.index }}
        targets={props.targets}
        value={props.value}
        field="Next"
      />
    </Row>
  );
}
