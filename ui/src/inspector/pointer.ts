/** RFC 6901 JSON Pointer helpers. */

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Unescapes one reference token (`~1` → `/`, then `~0` → `~`). */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The tokens of a pointer: `""` → `[]`, `/States/a~1b` → `['States', 'a/b']`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`Not a JSON Pointer: ${pointer}`);
  return pointer.slice(1).split('/').map(unescapeToken);
}

/** The pointer of tokens. */
export function formatPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${escapeToken(String(t))}`).join('');
}

/** `base` extended by tokens: `join('/States', 'A/B', 0)` → `/States/A~1B/0`. */
export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + formatPointer(tokens);
}

/** The parent pointer and last token; `null` for the root. */
export function splitPointer(pointer: string): { parent: string; last: string } | null {
  const tokens = parsePointer(pointer);
  const last = tokens.pop();
  if (last === undefined) return null;
  return { parent: formatPointer(tokens), last };
}

function isArrayIndex(token: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(token);
}

/** The value at `pointer` in `root`, or `undefined` when there is none. */
export function getAt(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(current)) {
      if (!isArrayIndex(token)) return undefined;
      current = current[Number(token)];
    } else if (isObject(current)) {
      if (!Object.prototype.hasOwnProperty.call(current, token)) return undefined;
      current = current[token];
    } else {
      return undefined;
    }
  }
  return current;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
