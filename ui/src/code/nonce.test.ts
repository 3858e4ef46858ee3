import { afterEach, describe, expect, it } from 'vitest';
import { styleNonce } from './nonce';

afterEach(() => document.getElementById('csp-nonce')?.remove());

describe('styleNonce', () => {
  it('reads the nonce Tauri put on the page style', () => {
    const tag = document.createElement('style');
    tag.id = 'csp-nonce';
    tag.setAttribute('nonce', '12345');
    document.head.append(tag);
    expect(styleNonce()).toBe('12345');
  });

  it('is null without the tag or without a nonce (the dev server, tests)', () => {
    expect(styleNonce()).toBeNull();
    const tag = document.createElement('style');
    tag.id = 'csp-nonce';
    document.head.append(tag);
    expect(styleNonce()).toBeNull();
  });
});
