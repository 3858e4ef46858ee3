/**
 * JSONata inside `{% %}` strings: a compact tokenizer (for colouring only, the parser in Rust
 * judges the syntax) and the scan that finds the expressions in a JSON or YAML text, mapping
 * positions inside the decoded string back to the text (escapes like `\"` take two characters
 * in the text but one in the expression).
 */

export type TokenKind = 'delimiter' | 'variable' | 'function' | 'string' | 'number' | 'keyword' | 'operator' | 'comment' | 'regex' | 'name';

export interface Token {
  kind: TokenKind;
  from: number;
  to: number;
}

const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);
const OPERATORS = [':=', '!=', '>=', '<=', '**', '..', '~>', '?:', '??', '.', '+', '-', '*', '/', '%', '=', '<', '>', '&', '?', ':', '!', '^', '|', '@', '#'];
const isIdentStart = (c: string): boolean => /[A-Za-z_\u0080-\uffff]/.test(c);
const isIdent = (c: string): boolean => /[A-Za-z0-9_\u0080-\uffff]/.test(c);

/**
 * The tokens of `src`, which starts with `{%`: the delimiters, then JSONata tokens up to the
 * closing `%}` (a `%}` inside a string literal or comment does not close). Unknown characters
 * and brackets get no token.
 */
export function tokenizeJsonata(src: string): Token[] {
  const out: Token[] = [];
  if (!src.startsWith('{%')) return out;
  out.push({ kind: 'delimiter', from: 0, to: 2 });
  let i = 2;
  // Whether a `/` here starts a regex (after an operator or an opening bracket) or divides.
  let valueBefore = false;
  const push = (kind: TokenKind, from: number, to: number): void => {
    out.push({ kind, from, to });
    i = to;
  };
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === '%' && src[i + 1] === '}') {
      push('delimiter', i, i + 2);
      return out;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      push('comment', i, end < 0 ? src.length : end + 2);
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      push('string', i, Math.min(src.length, j + 1));
      valueBefore = true;
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      push('name', i, end < 0 ? src.length : end + 1);
      valueBefore = true;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i));
      push('number', i, i + (m?.[0].length ?? 1));
      valueBefore = true;
      continue;
    }
    if (c === '$') {
      let j = i + 1;
      while (j < src.length && isIdent(src[j] ?? '')) j++;
      let k = j;
      while (k < src.length && /\s/.test(src[k] ?? '')) k++;
      push(src[k] === '(' ? 'function' : 'variable', i, j);
      valueBefore = true;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < src.length && isIdent(src[j] ?? '')) j++;
      const word = src.slice(i, j);
      push(KEYWORDS.has(word) ? 'keyword' : 'name', i, j);
      valueBefore = !(word === 'and' || word === 'or' || word === 'in');
      continue;
    }
    if (c === '/' && !valueBefore) {
      let j = i + 1;
      while (j < src.length && src[j] !== '/') j += src[j] === '\\' ? 2 : 1;
      j = Math.min(src.length, j + 1);
      while (j < src.length && /[im]/.test(src[j] ?? '')) j++;
      push('regex', i, j);
      valueBefore = true;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op !== undefined) {
      push('operator', i, i + op.length);
      valueBefore = false;
      continue;
    }
    valueBefore = c === ')' || c === ']' || c === '}';
    i++;
  }
  return out;
}

/** A `{% %}` string in a text: its decoded content and where each decoded character is. */
export interface Embedded {
  /** The decoded string value from `{%` (may run past `%}` up to the string's end). */
  source: string;
  /** `offsets[k]`: the text offset of decoded character `k`; `offsets[source.length]` is the end. */
  offsets: number[];
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

/** Decodes a double-quoted string body starting at `from` (after the quote), up to the closing quote. */
function decodeDouble(text: string, from: number, end: number): Embedded {
  let source = '';
  const offsets: number[] = [];
  let i = from;
  while (i < end && text[i] !== '"') {
    offsets.push(i);
    if (text[i] === '\\') {
      const e = text[i + 1] ?? '';
      if (e === 'u') {
        source += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16) || 0xfffd);
        i += 6;
      } else {
        source += SIMPLE_ESCAPES[e] ?? e;
        i += 2;
      }
    } else {
      source += text[i];
      i++;
    }
  }
  offsets.push(Math.min(i, end));
  return { source, offsets };
}

/** Decodes a YAML single-quoted body (`''` is one quote). */
function decodeSingle(text: string, from: number, end: number): Embedded {
  let source = '';
  const offsets: number[] = [];
  let i = from;
  while (i < end) {
    if (text[i] === "'") {
      if (text[i + 1] !== "'") break;
      offsets.push(i);
      source += "'";
      i += 2;
      continue;
    }
    offsets.push(i);
    source += text[i];
    i++;
  }
  offsets.push(i);
  return { source, offsets };
}

/**
 * The `{% %}` strings that start in `text[from, to)` (one line, or a few: JSON strings and YAML
 * flow scalars do not span lines here). A string counts when its value starts with `{%`.
 */
export function findEmbedded(text: string, from: number, to: number): Embedded[] {
  const out: Embedded[] = [];
  let i = text.indexOf('{%', from);
  while (i >= 0 && i < to) {
    const before = text[i - 1] ?? '';
    const lineEnd = text.indexOf('\n', i);
    const end = lineEnd < 0 ? text.length : lineEnd;
    let found: Embedded | null = null;
    if (before === '"') found = decodeDouble(text, i, end);
    else if (before === "'") found = decodeSingle(text, i, end);
    else if (/^\s*(-\s+)*([^\s"'#][^#]*:\s+)?$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i))) {
      // A YAML plain scalar: to the end of the line (or a ` #` comment).
      const hash = text.slice(i, end).search(/\s#/);
      const stop = hash < 0 ? end : i + hash;
      found = { source: text.slice(i, stop), offsets: Array.from({ length: stop - i + 1 }, (_, k) => i + k) };
    }
    if (found !== null && found.source.startsWith('{%')) out.push(found);
    const next = found === null ? i + 2 : (found.offsets[found.offsets.length - 1] ?? i + 2) + 1;
    i = text.indexOf('{%', Math.max(next, i + 2));
  }
  return out;
}

/** The text range of decoded characters `[a, b)` of an embedded string. */
export function textRange(e: Embedded, a: number, b: number): { from: number; to: number } {
  const at = (k: number): number => e.offsets[Math.max(0, Math.min(e.offsets.length - 1, k))] ?? 0;
  return { from: at(a), to: at(b) };
}
