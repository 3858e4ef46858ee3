import type { Edit } from '../bindings/Edit';
import type { StateRow } from '../bindings/StateRow';
import { formatPointer, getAt, isObject, joinPointer, parsePointer, splitPointer } from './pointer';

export type QueryLanguage = 'JSONPath' | 'JSONata';

/** `{op: 'setValue'}`: sets `value` at `pointer`, or removes what is there when `value` is undefined. */
export function setValue(pointer: string, value: unknown): Edit {
  return value === undefined ? { op: 'setValue', pointer } : { op: 'setValue', pointer, value };
}

/**
 * The edit that makes the value at `pointer` in `root` equal `value` (`undefined` removes it),
 * or `null` when nothing would change.
 *
 * `setValue` treats a `null` value as "remove", and a pointer whose parent is missing may not
 * resolve, so in those cases the edit sets the nearest existing ancestor to a copy holding the
 * new value (JSON `null` survives inside an object, and the missing containers are created).
 */
export function fieldEdit(root: unknown, pointer: string, value: unknown): Edit | null {
  const current = getAt(root, pointer);
  if (value === undefined) {
    return current === undefined ? null : setValue(pointer, undefined);
  }
  if (current !== undefined && jsonEqual(current, value)) return null;
  const split = splitPointer(pointer);
  if (split === null) return setValue(pointer, value);
  const parent = getAt(root, split.parent);
  const settable =
    value !== null &&
    (isObject(parent) || (Array.isArray(parent) && /^\d+$/.test(split.last) && Number(split.last) < parent.length));
  if (settable) return setValue(pointer, value);
  return fieldEdit(root, split.parent, withChild(parent, split.last, value));
}

/** A copy of `container` (an object, an array, or nothing yet) with `key` set to `value`. */
function withChild(container: unknown, key: string, value: unknown): unknown {
  if (Array.isArray(container) && /^\d+$/.test(key)) {
    const copy: unknown[] = [...container];
    copy[Number(key)] = value;
    return copy;
  }
  const base = isObject(container) ? container : {};
  return { ...base, [key]: value };
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * A copy of `obj` where `oldKey` is replaced by `newKey: value` in the same position (appended
 * when `oldKey` is absent). `oldKey === null` only sets `newKey`.
 */
export function replaceKey(
  obj: Record<string, unknown>,
  oldKey: string | null,
  newKey: string,
  value: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const [k, v] of Object.entries(obj)) {
    if (k === oldKey || k === newKey) {
      if (!placed) {
        out[newKey] = value;
        placed = true;
      }
      continue;
    }
    out[k] = v;
  }
  if (!placed) out[newKey] = value;
  return out;
}

/** A copy of `obj` without the given keys. */
export function withoutKeys(obj: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/** The array with item `from` moved to index `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}

/** The array without item `index`. */
export function removeItem<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** The scope pointer of a state pointer: `/States/A` → `""`, `/States/P/Branches/0/States/B` → `/States/P/Branches/0`. */
export function scopeOf(statePointer: string): string {
  const tokens = parsePointer(statePointer);
  return formatPointer(tokens.slice(0, -2));
}

/** The name of the state at a state pointer (its last token). */
export function stateNameOf(statePointer: string): string {
  return splitPointer(statePointer)?.last ?? '';
}

/** The names of the states in a scope, in document order (from the definition, else the view's rows). */
export function statesInScope(root: unknown, scope: string, rows: readonly StateRow[] = []): string[] {
  const states = getAt(root, joinPointer(scope, 'States'));
  if (isObject(states)) return Object.keys(states);
  const prefix = joinPointer(scope, 'States');
  return rows
    .filter((r) => r.pointer.startsWith(`${prefix}/`) && splitPointer(r.pointer)?.parent === prefix)
    .map((r) => r.name);
}

/** The machine's query language (JSONPath unless it says JSONata). */
export function machineQueryLanguage(root: unknown): QueryLanguage {
  return isObject(root) && root['QueryLanguage'] === 'JSONata' ? 'JSONata' : 'JSONPath';
}

/** A state's own QueryLanguage, else the machine's (as the validator resolves it). */
export function stateQueryLanguage(root: unknown, statePointer: string): QueryLanguage {
  const own = getAt(root, joinPointer(statePointer, 'QueryLanguage'));
  if (own === 'JSONata' || own === 'JSONPath') return own;
  return machineQueryLanguage(root);
}

/** `value` when it is a string, else `undefined`. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `value` when it is an array, else `[]`. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** True when a string is a JSONata expression (`{% ... %}`). */
export function isJsonataExpression(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const t = value.trim();
  return t.startsWith('{%') && t.endsWith('%}');
}
