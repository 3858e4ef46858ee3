import { describe, expect, it } from 'vitest';
import { STATE_TYPES, badgeLabel, badgeTone, isStateType } from './stateTypes';

describe('state types', () => {
  it('knows the eight ASL state types', () => {
    expect(STATE_TYPES).toEqual(['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);
    for (const t of STATE_TYPES) expect(isStateType(t)).toBe(true);
  });

  it('is case sensitive, like AWS', () => {
    expect(isStateType('task')).toBe(false);
    expect(isStateType('Lambda')).toBe(false);
  });

  it('gives each type its own tone and unknown types a neutral one', () => {
    expect(new Set(STATE_TYPES.map(badgeTone)).size).toBe(8);
    expect(badgeTone('Parallel')).toBe('parallel');
    expect(badgeTone('Bogus')).toBe('unknown');
    expect(badgeTone('')).toBe('unknown');
  });

  it('labels a missing type', () => {
    expect(badgeLabel('')).toBe('No type');
    expect(badgeLabel('Bogus')).toBe('Bogus');
  });
});
