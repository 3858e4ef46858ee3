import { describe, expect, it } from 'vitest';
import { findEmbedded, textRange, tokenizeJsonata, type TokenKind } from './jsonata';

/** The tokens as `kind:text`, for tables. */
function tokens(src: string): string[] {
  return tokenizeJsonata(src).map((t) => `${t.kind}:${src.slice(t.from, t.to)}`);
}

describe('tokenizeJsonata', () => {
  const table: [string, string[]][] = [
    ['{% $states.input.orderId %}', ['delimiter:{%', 'variable:$states', 'operator:.', 'name:input', 'operator:.', 'name:orderId', 'delimiter:%}']],
    ["{% $count($order.items) = 0 %}", ['delimiter:{%', 'function:$count', 'variable:$order', 'operator:.', 'name:items', 'operator:=', 'number:0', 'delimiter:%}']],
    ["{% $x > 1000 and $t = 'new' %}", ['delimiter:{%', 'variable:$x', 'operator:>', 'number:1000', 'keyword:and', 'variable:$t', 'operator:=', "string:'new'", 'delimiter:%}']],
    ['{% a ? "b" : 1.5e3 %}', ['delimiter:{%', 'name:a', 'operator:?', 'string:"b"', 'operator::', 'number:1.5e3', 'delimiter:%}']],
    // A `%}` inside a string or comment does not close the expression.
    ["{% '%}' /* %} */ %}", ['delimiter:{%', "string:'%}'", 'comment:/* %} */', 'delimiter:%}']],
    // `/` after a value divides; after an operator or `(` it starts a regex.
    ['{% $a / 2 %}', ['delimiter:{%', 'variable:$a', 'operator:/', 'number:2', 'delimiter:%}']],
    ['{% $match(s, /a+b/i) %}', ['delimiter:{%', 'function:$match', 'name:s', 'regex:/a+b/i', 'delimiter:%}']],
    ['{% $v := `odd name`; true %}', ['delimiter:{%', 'variable:$v', 'operator::=', 'name:`odd name`', 'keyword:true', 'delimiter:%}']],
    // Unclosed: tokens up to the end, no closing delimiter.
    ['{% 1 + ', ['delimiter:{%', 'number:1', 'operator:+']],
    ['not an expression', []],
  ];
  it.each(table)('%s', (src, expected) => {
    expect(tokens(src)).toEqual(expected);
  });

  it('gives every token a known kind and ordered, non-overlapping ranges', () => {
    const kinds: TokenKind[] = ['delimiter', 'variable', 'function', 'string', 'number', 'keyword', 'operator', 'comment', 'regex', 'name'];
    const ts = tokenizeJsonata("{% $sum($r.reserved) & ' item(s)' ~> $uppercase() %}");
    ts.forEach((t, i) => {
      expect(kinds).toContain(t.kind);
      expect(t.to).toBeGreaterThan(t.from);
      if (i > 0) expect(t.from).toBeGreaterThanOrEqual(ts[i - 1]?.to ?? 0);
    });
  });
});

describe('findEmbedded', () => {
  it.each([
    // [text, expected decoded sources]
    ['{ "a": "{% $x %}", "b": "plain", "c": "x {% no %}" }', ['{% $x %}']],
    ['{ "s": "{% \\"q\\" & $y %}" }', ['{% "q" & $y %}']],
    ["a: '{% ''q'' & $y %}'", ["{% 'q' & $y %}"]],
    ['Output: {% $states.input %} # note', ['{% $states.input %}']],
    ['- "{% 1 %}"\n- "{% 2 %}"', ['{% 1 %}', '{% 2 %}']],
  ])('%s', (text, expected) => {
    expect(findEmbedded(text, 0, text.length).map((e) => e.source)).toEqual(expected);
  });

  it('maps decoded positions back through escapes', () => {
    const text = '{"s": "{% \\"ab\\" + %}"}';
    const [e] = findEmbedded(text, 0, text.length);
    if (e === undefined) throw new Error('not found');
    // The decoded `"ab"` is characters 3..7; in the text it is written `\"ab\"`.
    expect(text.slice(textRange(e, 3, 7).from, textRange(e, 3, 7).to)).toBe('\\"ab\\"');
    // The `+` after it.
    const plus = e.source.indexOf('+');
    expect(text.slice(textRange(e, plus, plus + 1).from, textRange(e, plus, plus + 1).to)).toBe('+');
  });
});
