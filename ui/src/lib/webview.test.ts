import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { closeMenu, currentMenu, setFallbackMenu } from '../menu/store';
import { navigatesPage, useWebviewGuards } from './webview';

afterEach(() => closeMenu());

describe('webview guards', () => {
  it('knows the keys that reload or navigate', () => {
    const k = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) =>
      navigatesPage({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });
    expect(k('F5')).toBe(true);
    expect(k('r', { ctrlKey: true })).toBe(true);
    expect(k('R', { ctrlKey: true })).toBe(true);
    expect(k('ArrowLeft', { altKey: true })).toBe(true);
    expect(k('r')).toBe(false);
    expect(k('ArrowLeft')).toBe(false);
    expect(k('s', { ctrlKey: true })).toBe(false);
  });

  it('stops reload keys and still lets the app see them', () => {
    renderHook(() => useWebviewGuards());
    let seen = false;
    const onKey = (): void => {
      seen = true;
    };
    window.addEventListener('keydown', onKey);
    const f5 = new KeyboardEvent('keydown', { key: 'F5', cancelable: true, bubbles: true });
    document.body.dispatchEvent(f5);
    window.removeEventListener('keydown', onKey);
    expect(f5.defaultPrevented).toBe(true);
    expect(seen).toBe(true);
    const typing = new KeyboardEvent('keydown', { key: 'a', cancelable: true, bubbles: true });
    document.body.dispatchEvent(typing);
    expect(typing.defaultPrevented).toBe(false);
  });

  it("answers a right-click on a panel with Stepwise's menu, and leaves text fields theirs", () => {
    renderHook(() => useWebviewGuards());
    const unset = setFallbackMenu(() => [{ kind: 'item', id: 'save', label: 'Save', onSelect: () => undefined }]);
    const panel = document.createElement('div');
    const field = document.createElement('input');
    document.body.append(panel, field);
    const onPanel = new MouseEvent('contextmenu', { cancelable: true, bubbles: true, clientX: 30, clientY: 40 });
    act(() => void panel.dispatchEvent(onPanel));
    expect(onPanel.defaultPrevented).toBe(true);
    expect(currentMenu()).toMatchObject({ x: 30, y: 40, label: 'Panel' });
    act(() => closeMenu());
    const onField = new MouseEvent('contextmenu', { cancelable: true, bubbles: true });
    act(() => void field.dispatchEvent(onField));
    expect(onField.defaultPrevented).toBe(false);
    expect(currentMenu()).toBeNull();
    unset();
    panel.remove();
    field.remove();
  });
});
