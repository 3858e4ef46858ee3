import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SHOW_DELAY_MS, installTooltips } from './tooltips';

/** Gives `el` a box on screen (jsdom lays nothing out). */
function place(el: Element, left: number, top: number, width: number, height: number): void {
  el.getBoundingClientRect = () => new DOMRect(left, top, width, height);
}

function hover(el: Element): void {
  el.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, pointerType: 'mouse' }));
}

function leave(el: Element): void {
  el.dispatchEvent(new PointerEvent('pointerout', { bubbles: true, pointerType: 'mouse', relatedTarget: document.body }));
}

const tip = (): HTMLElement => {
  const t = document.querySelector<HTMLElement>('[data-testid="tooltip"]');
  if (t === null) throw new Error('no tooltip element');
  return t;
};

/** Lets the delay pass and floating-ui's promise settle. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(SHOW_DELAY_MS + 10);
  await vi.advanceTimersByTimeAsync(0);
}

describe('tooltips', () => {
  let uninstall: () => void = () => undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    Object.defineProperty(window, 'innerWidth', { configurable: true, value: 1024 });
    Object.defineProperty(window, 'innerHeight', { configurable: true, value: 700 });
    document.body.innerHTML = '';
    // floating-ui takes the viewport's size from the root element, which jsdom leaves at 0.
    Object.defineProperty(document.documentElement, 'clientWidth', { configurable: true, value: 1024 });
    Object.defineProperty(document.documentElement, 'clientHeight', { configurable: true, value: 700 });
    uninstall = installTooltips(document);
    // The tooltip's box: 120 × 24 where its style puts it.
    tip().getBoundingClientRect = () => new DOMRect(parseFloat(tip().style.left) || 0, parseFloat(tip().style.top) || 0, 120, 24);
    // floating-ui measures the tooltip with offsetWidth/offsetHeight too.
    Object.defineProperty(tip(), 'offsetWidth', { configurable: true, value: 120 });
    Object.defineProperty(tip(), 'offsetHeight', { configurable: true, value: 24 });
  });
  afterEach(() => {
    uninstall();
    vi.useRealTimers();
  });

  it('shows an element’s title after a rest, instead of the native tooltip, and puts it back', async () => {
    document.body.insertAdjacentHTML('beforeend', '<button title="Save (Ctrl+S)">S</button>');
    const button = document.querySelector('button') as HTMLButtonElement;
    place(button, 100, 10, 32, 32);
    hover(button);
    expect(tip().hidden).toBe(true);
    await settle();
    expect(tip().hidden).toBe(false);
    expect(tip().textContent).toBe('Save (Ctrl+S)');
    expect(button.hasAttribute('title')).toBe(false);
    expect(button.getAttribute('aria-describedby')).toBe(tip().id);
    leave(button);
    expect(tip().hidden).toBe(true);
    expect(button.getAttribute('title')).toBe('Save (Ctrl+S)');
    expect(button.hasAttribute('aria-describedby')).toBe(false);
  });

  it('stays inside the window next to its right edge', async () => {
    document.body.insertAdjacentHTML('beforeend', '<button title="Theme: as the system">T</button>');
    const button = document.querySelector('button') as HTMLButtonElement;
    place(button, 1000, 10, 24, 24);
    hover(button);
    await settle();
    const left = parseFloat(tip().style.left);
    expect(left + 120).toBeLessThanOrEqual(1024 - 6);
    // Below the button.
    expect(parseFloat(tip().style.top)).toBeGreaterThanOrEqual(34);
  });

  it('flips above an element at the bottom of the window', async () => {
    document.body.insertAdjacentHTML('beforeend', '<button title="Hide the bottom panel">v</button>');
    const button = document.querySelector('button') as HTMLButtonElement;
    place(button, 400, 680, 20, 20);
    hover(button);
    await settle();
    expect(parseFloat(tip().style.top) + 24).toBeLessThanOrEqual(680);
  });

  it('does not show on a button whose menu is open', async () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div class="menu-anchor"><button title="Recent files" aria-haspopup="menu" aria-expanded="true">v</button><div role="menu"></div></div>',
    );
    const button = document.querySelector('button') as HTMLButtonElement;
    place(button, 100, 10, 20, 32);
    hover(button);
    await settle();
    expect(tip().hidden).toBe(true);
    expect(button.getAttribute('title')).toBe('Recent files');
  });

  it('never covers an open menu', async () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<button id="b" title="Theme: light">T</button><div role="menu" id="m"></div>',
    );
    const button = document.getElementById('b') as HTMLButtonElement;
    const menu = document.getElementById('m') as HTMLElement;
    place(button, 900, 10, 32, 32);
    // A menu right under the button, as wide as the window's corner.
    place(menu, 700, 44, 320, 300);
    hover(button);
    await settle();
    expect(tip().hidden).toBe(true);
  });

  it('stays when something else scrolls, and goes when its own panel scrolls', async () => {
    document.body.insertAdjacentHTML('beforeend', '<div id="panel"><button title="Zoom in">+</button></div><div id="other"></div>');
    const button = document.querySelector('button') as HTMLButtonElement;
    place(button, 100, 10, 32, 32);
    hover(button);
    await settle();
    document.getElementById('other')?.dispatchEvent(new Event('scroll'));
    expect(tip().hidden).toBe(false);
    document.getElementById('panel')?.dispatchEvent(new Event('scroll'));
    expect(tip().hidden).toBe(true);
  });

  it('hides when the element is pressed', async () => {
    document.body.insertAdjacentHTML('beforeend', '<button title="Export">E</button>');
    const button = document.querySelector('button') as HTMLButtonElement;
    place(button, 100, 10, 60, 32);
    hover(button);
    await settle();
    expect(tip().hidden).toBe(false);
    button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    expect(tip().hidden).toBe(true);
    expect(button.getAttribute('title')).toBe('Export');
  });
});
