/** The comparison operators of JSONPath Choice rules, with the kind of operand each takes. */

export type OperandKind = 'string' | 'number' | 'boolean' | 'timestamp' | 'path' | 'typeTest';

export interface Operator {
  name: string;
  kind: OperandKind;
  group: 'String' | 'Numeric' | 'Boolean' | 'Timestamp' | 'Type test';
}

function family(prefix: 'String' | 'Numeric' | 'Timestamp', kind: OperandKind): Operator[] {
  const group = prefix;
  const out: Operator[] = [];
  for (const cmp of ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals']) {
    out.push({ name: `${prefix}${cmp}`, kind, group }, { name: `${prefix}${cmp}Path`, kind: 'path', group });
  }
  return out;
}

export const OPERATORS: readonly Operator[] = [
  ...family('String', 'string'),
  { name: 'StringMatches', kind: 'string', group: 'String' },
  ...family('Numeric', 'number'),
  { name: 'BooleanEquals', kind: 'boolean', group: 'Boolean' },
  { name: 'BooleanEqualsPath', kind: 'path', group: 'Boolean' },
  ...family('Timestamp', 'timestamp'),
  ...['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'].map(
    (name): Operator => ({ name, kind: 'typeTest', group: 'Type test' }),
  ),
];

export const OPERATOR_GROUPS = ['String', 'Numeric', 'Boolean', 'Timestamp', 'Type test'] as const;

const BY_NAME = new Map(OPERATORS.map((o) => [o.name, o]));

export function operator(name: string): Operator | undefined {
  return BY_NAME.get(name);
}

/** The operator key of a comparison object, if it has one. */
export function operatorOf(rule: Record<string, unknown>): Operator | undefined {
  for (const key of Object.keys(rule)) {
    const op = BY_NAME.get(key);
    if (op !== undefined) return op;
  }
  return undefined;
}

/** The operand to keep (or start with) when a rule switches to an operator of `kind`. */
export function convertOperand(value: unknown, kind: OperandKind): unknown {
  switch (kind) {
    case 'string':
      return typeof value === 'string' && !value.startsWith('$') ? value : typeof value === 'number' ? String(value) : '';
    case 'timestamp':
      return typeof value === 'string' && /^\d{4}-/.test(value) ? value : '2024-01-01T00:00:00Z';
    case 'number': {
      const n = typeof value === 'string' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) && !(typeof value === 'string' && value.trim() === '') ? n : 0;
    }
    case 'boolean':
    case 'typeTest':
      return typeof value === 'boolean' ? value : true;
    case 'path':
      return typeof value === 'string' && value.startsWith('$') ? value : '$.other';
  }
}
