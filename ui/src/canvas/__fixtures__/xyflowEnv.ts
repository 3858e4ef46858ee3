/**
 * What xyflow needs from a browser that jsdom lacks (after xyflow's testing guide):
 * ResizeObserver, DOMMatrixReadOnly, element sizes and SVG bounding boxes.
 */
import { vi } from 'vitest';

class ResizeObserverStub {
  private readonly callback: ResizeObserverCallback;
  constructor(callback: ResizeObserverCallback) {
    this.callback = callback;
  }
  observe(target: Element): void {
    this.callback([{ target } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve(): void {}
  disconnect(): void {}
}

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([1-9.])\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}

let installed = false;

export function installXyflowEnv(width = 1200, height = 900): void {
  if (installed) return;
  installed = true;
  vi.stubGlobal('ResizeObserver', ResizeObserverStub);
  vi.stubGlobal('DOMMatrixReadOnly', DOMMatrixReadOnlyStub);
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: {
      configurable: true,
      get(this: HTMLElement) {
        return this.style.height.endsWith('px') ? parseFloat(this.style.height) : height;
      },
    },
    offsetWidth: {
      configurable: true,
      get(this: HTMLElement) {
        return this.style.width.endsWith('px') ? parseFloat(this.style.width) : width;
      },
    },
  });
  (SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () =>
    ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
}
