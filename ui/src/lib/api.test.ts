import { describe, expect, it } from 'vitest';
import { view } from '../test/fixtures';
import { documentTitle, errorText } from './api';

describe('documentTitle', () => {
  it('names the open file', () => {
    expect(documentTitle(view())).toBe('Stepwise — order-processing.asl.json');
  });
  it('is just the app name with no file', () => {
    expect(documentTitle(null)).toBe('Stepwise');
  });
});

describe('errorText', () => {
  it('reads errors, strings and anything else', () => {
    expect(errorText(new Error('boom'))).toBe('boom');
    expect(errorText('command open_document not found')).toBe('command open_document not found');
    expect(errorText({ weird: true })).toBe('Something went wrong.');
  });
});
