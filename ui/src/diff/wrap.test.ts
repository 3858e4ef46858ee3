import { describe, expect, it } from 'vitest';
import { copiedText, wrapLine } from './wrap';

describe('wrapLine', () => {
  it('keeps the indent as a count and as non-breaking spaces', () => {
    expect(wrapLine('    "Lambda.ServiceException",')).toEqual({ indent: 4, shown: '\u00a0\u00a0\u00a0\u00a0"Lambda.ServiceException",' });
  });
  it('leaves the spaces inside the text breakable', () => {
    const { indent, shown } = wrapLine('  "Comment": "Checks the order"');
    expect(indent).toBe(2);
    expect(shown.slice(2)).toBe('"Comment": "Checks the order"');
  });
  it('gives the JSON back, spaces and all, when copied', () => {
    const lines = ['{', '  "Type": "Pass"', '}'].map((l) => wrapLine(l).shown).join('\n');
    expect(JSON.parse(copiedText(lines))).toEqual({ Type: 'Pass' });
    expect(copiedText(lines)).toBe('{\n  "Type": "Pass"\n}');
  });
});
