import { describe, expect, it } from 'vitest';
import { errorText } from './api';

describe('errorText', () => {
  it('reads errors, strings and anything else', () => {
    expect(errorText(new Error('boom'))).toBe('boom');
    expect(errorText('command open_document not found')).toBe('command open_document not found');
    expect(errorText({ weird: true })).toBe('Something went wrong.');
  });
});
