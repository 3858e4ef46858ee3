import { useId, type ReactElement } from 'react';
import { useInspector } from './context';
import { ExpressionPreview } from './ExpressionPreview';
import { CommitInput, parseNumber, Row, TextField } from './fields';
import { JsonField } from './JsonField';
import { AddButton, ListItem } from './ListItem';
import { asArray, isJsonataExpression, moveItem, removeItem } from './model';
import { convertOperand, OPERATOR_GROUPS, OPERATORS, operator, operatorOf, type OperandKind } from './operators';
import { isObject, joinPointer } from './pointer';

/** Nesting deeper than this is edited as JSON. */
export const MAX_DEPTH = 3;

type ConditionKind = 'compare' | 'And' | 'Or' | 'Not';

/** The keys that make up a condition (everything else — Next, Comment, Assign, Output — is kept). */
function isConditionKey(key: string): boolean {
  return key === 'Variable' || key === 'And' || key === 'Or' || key === 'Not' || operator(key) !== undefined;
}

export function conditionKind(rule: Record<string, unknown>): ConditionKind {
  if ('And' in rule) return 'And';
  if ('Or' in rule) return 'Or';
  if ('Not' in rule) return 'Not';
  return 'compare';
}

/** The condition part of a rule (without Next and the other rule-level fields). */
function conditionPart(rule: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rule)) if (isConditionKey(k)) out[k] = v;
  return out;
}

export const DEFAULT_COMPARISON: Readonly<Record<string, unknown>> = { Variable: '$.value', StringEquals: '' };

/** The rule turned into a condition of another kind, keeping Next, Comment etc. and what it can of the old condition. */
export function changeKind(rule: Record<string, unknown>, kind: ConditionKind): Record<string, unknown> {
  const from = conditionKind(rule);
  const inner = conditionPart(rule);
  let condition: Record<string, unknown>;
  if (kind === 'compare') {
    const first = from === 'Not' ? rule['Not'] : asArray(rule[from]).find(isObject);
    condition = isObject(first) && conditionKind(first) === 'compare' ? conditionPart(first) : { ...DEFAULT_COMPARISON };
  } else if (kind === 'Not') {
    const first = from === 'compare' ? inner : from === 'Not' ? rule['Not'] : asArray(rule[from])[0];
    condition = { Not: isObject(first) ? first : { ...DEFAULT_COMPARISON } };
  } else if (from === 'And' || from === 'Or') {
    condition = { [kind]: rule[from] };
  } else {
    const first = from === 'Not' ? rule['Not'] : Object.keys(inner).length > 0 ? inner : { ...DEFAULT_COMPARISON };
    condition = { [kind]: [first] };
  }
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rule)) if (!isConditionKey(k)) rest[k] = v;
  return { ...condition, ...rest };
}

const KIND_LABELS: Record<ConditionKind, string> = {
  compare: 'Comparison',
  And: 'All of (And)',
  Or: 'Any of (Or)',
  Not: 'Not',
};

interface ConditionEditorProps {
  pointer: string;
  depth: number;
}

/** A JSONPath Choice condition: a comparison, or And / Or / Not groups of conditions. */
export function ConditionEditor({ pointer, depth }: ConditionEditorProps): ReactElement {
  const { get, set } = useInspector();
  const id = useId();
  const raw = get(pointer);
  if (!isObject(raw) || depth >= MAX_DEPTH) {
    return <JsonField pointer={pointer} label="Condition (JSON)" field="Condition" />;
  }
  const rule = raw;
  const kind = conditionKind(rule);
  return (
    <div className={`insp-condition insp-condition--${kind}`} data-depth={depth}>
      <Row id={id} label="Condition">
        <select
          id={id}
          className="insp-select"
          data-field="ConditionKind"
          value={kind}
          onChange={(e) => set(pointer, changeKind(rule, e.target.value as ConditionKind))}
        >
          {(Object.keys(KIND_LABELS) as ConditionKind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </Row>
      {kind === 'compare' && <Comparison pointer={pointer} rule={rule} />}
      {(kind === 'And' || kind === 'Or') && <ConditionGroup pointer={joinPointer(pointer, kind)} depth={depth} />}
      {kind === 'Not' && (
        <div className="insp-group">
          <ConditionEditor pointer={joinPointer(pointer, 'Not')} depth={depth + 1} />
        </div>
      )}
    </div>
  );
}

function ConditionGroup({ pointer, depth }: { pointer: string; depth: number }): ReactElement {
  const { get, set } = useInspector();
  const items = asArray(get(pointer));
  return (
    <div className="insp-group insp-list">
      {items.map((_, i) => (
        <ListItem
          key={i}
          title={`Condition ${i + 1}`}
          pointer={joinPointer(pointer, i)}
          index={i}
          count={items.length}
          noun="condition"
          onMove={(from, to) => set(pointer, moveItem(items, from, to))}
          onRemove={(index) => set(pointer, removeItem(items, index))}
        >
          <ConditionEditor pointer={joinPointer(pointer, i)} depth={depth + 1} />
        </ListItem>
      ))}
      <AddButton onClick={() => set(pointer, [...items, { ...DEFAULT_COMPARISON }])}>Add condition</AddButton>
    </div>
  );
}

function Comparison({ pointer, rule }: { pointer: string; rule: Record<string, unknown> }): ReactElement {
  const { set } = useInspector();
  const id = useId();
  const op = operatorOf(rule);
  return (
    <>
      <TextField pointer={joinPointer(pointer, 'Variable')} label="Variable" placeholder="$.field" mono />
      <Row id={id} label="Operator">
        <select
          id={id}
          className="insp-select"
          data-field="Operator"
          value={op?.name ?? ''}
          onChange={(e) => {
            const next = operator(e.target.value);
            if (next === undefined || next.name === op?.name) return;
            const value = convertOperand(op === undefined ? undefined : rule[op.name], next.kind);
            set(pointer, replaceOperator(rule, op?.name ?? null, next.name, value));
          }}
        >
          {op === undefined && <option value="">— choose —</option>}
          {OPERATOR_GROUPS.map((group) => (
            <optgroup key={group} label={group}>
              {OPERATORS.filter((o) => o.group === group).map((o) => (
                <option key={o.name} value={o.name}>
                  {o.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Row>
      {op !== undefined && <OperandField pointer={joinPointer(pointer, op.name)} kind={op.kind} />}
    </>
  );
}

/** The rule with operator `oldOp` replaced by `newOp` (in place), or added after Variable. */
function replaceOperator(rule: Record<string, unknown>, oldOp: string | null, newOp: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const [k, v] of Object.entries(rule)) {
    if (k === oldOp) {
      out[newOp] = value;
      placed = true;
    } else out[k] = v;
    if (k === 'Variable' && oldOp === null) {
      out[newOp] = value;
      placed = true;
    }
  }
  if (!placed) out[newOp] = value;
  return out;
}

function OperandField({ pointer, kind }: { pointer: string; kind: OperandKind }): ReactElement {
  const { get, set } = useInspector();
  const id = useId();
  const value = get(pointer);
  if (kind === 'boolean' || kind === 'typeTest') {
    return (
      <Row id={id} label="Value">
        <select
          id={id}
          className="insp-select"
          data-field="Value"
          value={value === false ? 'false' : 'true'}
          onChange={(e) => set(pointer, e.target.value === 'true')}
        >
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      </Row>
    );
  }
  const external = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  if (kind === 'number') {
    return (
      <CommitInput
        pointer={pointer}
        label="Value"
        field="Value"
        external={external}
        inputMode="decimal"
        parse={(text) => {
          const r = parseNumber(text, {});
          return 'value' in r && r.value === undefined ? { error: 'Enter a number' } : r;
        }}
      />
    );
  }
  const placeholder = kind === 'path' ? '$.other' : kind === 'timestamp' ? '2024-01-01T00:00:00Z' : '';
  return (
    <CommitInput
      pointer={pointer}
      label={kind === 'path' ? 'Path' : 'Value'}
      field="Value"
      external={external}
      placeholder={placeholder}
      mono={kind !== 'string'}
      parse={(text) => {
        if (kind === 'path' && !text.trim().startsWith('$')) return { error: 'A path starts with $' };
        return { value: kind === 'string' ? text : text.trim() };
      }}
    />
  );
}

/** A JSONata Condition: `{% expression %}`, or `true` / `false`. */
export function JsonataCondition({ pointer, statePointer }: { pointer: string; statePointer?: string }): ReactElement {
  const { get } = useInspector();
  const value = get(pointer);
  const external = typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : '';
  return (
    <CommitInput
      pointer={pointer}
      label="Condition"
      external={external}
      placeholder="{% $states.input.ok %}"
      mono
      below={statePointer === undefined ? undefined : (text) => <ExpressionPreview text={text} scope={{ statePointer, withResult: false }} />}
      parse={(text) => {
        const t = text.trim();
        if (t === 'true' || t === 'false') return { value: t === 'true' };
        if (t === '') return { error: 'A rule needs a condition' };
        if (!isJsonataExpression(t)) return { error: 'Write a JSONata expression: {% ... %}' };
        return { value: t };
      }}
    />
  );
}
