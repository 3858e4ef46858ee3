import { describe, expect, it } from 'vitest';
import { COLUMNS, gridTemplate, neededWidth, visibleColumns } from './columns';

describe('visibleColumns', () => {
  it('shows every column when the table is wide', () => {
    expect(visibleColumns(1200)).toEqual(['id', 'type', 'step', 'resource', 'elapsed', 'date']);
  });

  it('drops the date first, then the resource, then the elapsed time and the ID', () => {
    const all = neededWidth(COLUMNS.map((c) => c.id));
    expect(visibleColumns(all - 1)).toEqual(['id', 'type', 'step', 'resource', 'elapsed']);
    expect(visibleColumns(neededWidth(['id', 'type', 'step', 'resource', 'elapsed']) - 1)).toEqual(['id', 'type', 'step', 'elapsed']);
    expect(visibleColumns(neededWidth(['id', 'type', 'step', 'elapsed']) - 1)).toEqual(['id', 'type', 'step']);
    expect(visibleColumns(neededWidth(['id', 'type', 'step']) - 1)).toEqual(['type', 'step']);
  });

  it('keeps the columns of a 1024 px window’s dock (about 520 px): type, step, ID and elapsed time', () => {
    expect(visibleColumns(520)).toEqual(['id', 'type', 'step', 'elapsed']);
  });

  it('always keeps the type and the step', () => {
    expect(visibleColumns(100)).toEqual(['type', 'step']);
  });

  it('never shows columns that need more than the width', () => {
    for (let w = neededWidth(['type', 'step']); w < 1000; w += 7) expect(neededWidth(visibleColumns(w))).toBeLessThanOrEqual(w);
  });
});

describe('gridTemplate', () => {
  it('has one track per shown column', () => {
    expect(gridTemplate(['type', 'step']).split(/ (?![^(]*\))/)).toHaveLength(2);
    expect(gridTemplate(['id', 'elapsed'])).toBe('64px 104px');
  });
});
