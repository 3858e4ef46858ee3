/**
 * The app's tooltips: every element with a `title` gets one drawn by the page instead of the
 * webview's native tooltip, which WebKitGTK places by the pointer, partly outside the window
 * near its edges, and over the menu the button just opened. These stay inside the window
 * (placed with @floating-ui/dom: below the element, flipped above, shifted sideways), never cover
 * an open menu, and hide while the element's own menu is open.
 *
 * It works by delegation, so the components keep writing plain `title` attributes: while an
 * element's tooltip shows, its `title` is moved aside (or the native one would show too) and
 * put back when it hides.
 */
import './tooltips.css';
import { computePosition, flip, offset, shift, type Placement } from '@floating-ui/dom';

/** How long the pointer rests on an element before its tooltip shows. */
export const SHOW_DELAY_MS = 450;
/** Moving on to another element within this long shows its tooltip at once. */
const WARM_MS = 300;
/** Kept this far from the window's edges. */
const EDGE = 6;

interface Shown {
  el: Element;
  text: string;
}

/** Whether `el`'s own menu is open: its tooltip would sit on it. */
function menuOpenAt(el: Element): boolean {
  if (el.getAttribute('aria-expanded') === 'true' && el.hasAttribute('aria-haspopup')) return true;
  const anchor = el.closest('.menu-anchor');
  return anchor !== null && anchor.querySelector('[role="menu"]') !== null;
}

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Installs the tooltips on `doc`; returns the function that removes them. */
export function installTooltips(doc: Document = document): () => void {
  const win = doc.defaultView;
  if (win === null) return () => undefined;
  const tip = doc.createElement('div');
  tip.className = 'tooltip';
  tip.id = 'app-tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.dataset.testid = 'tooltip';
  tip.hidden = true;
  doc.body.appendChild(tip);

  let shown: Shown | null = null;
  let pending: { el: Element; timer: ReturnType<typeof setTimeout> } | null = null;
  let lastHidden = 0;
  // Each show gets a number; a position computed for an older show is dropped.
  let generation = 0;

  const cancel = (): void => {
    if (pending !== null) clearTimeout(pending.timer);
    pending = null;
  };

  const hide = (): void => {
    cancel();
    if (shown === null) return;
    const { el, text } = shown;
    // Put the title back, unless the component set a new one meanwhile.
    if (!el.hasAttribute('title')) el.setAttribute('title', text);
    if (el.getAttribute('aria-describedby') === tip.id) el.removeAttribute('aria-describedby');
    shown = null;
    generation += 1;
    tip.hidden = true;
    lastHidden = Date.now();
  };

  const show = (el: Element): void => {
    cancel();
    const text = el.getAttribute('title') ?? '';
    if (text.trim() === '' || !el.isConnected || menuOpenAt(el)) return;
    if (shown !== null) hide();
    el.removeAttribute('title');
    if (!el.hasAttribute('aria-describedby')) el.setAttribute('aria-describedby', tip.id);
    shown = { el, text };
    tip.textContent = text;
    tip.hidden = false;
    tip.style.visibility = 'hidden';
    const mine = ++generation;
    // In a menu, beside the item, so the menu's other items stay readable.
    const inMenu = el.closest('[role="menu"]') !== null;
    const placement: Placement = inMenu ? 'left' : 'bottom';
    void computePosition(el, tip, {
      strategy: 'fixed',
      placement,
      middleware: [offset(6), flip({ padding: EDGE, crossAxis: false, fallbackAxisSideDirection: 'start' }), shift({ padding: EDGE })],
    }).then(({ x, y }) => {
      if (mine !== generation) return;
      tip.style.left = `${Math.round(x)}px`;
      tip.style.top = `${Math.round(y)}px`;
      const box = tip.getBoundingClientRect();
      const menus = [...doc.querySelectorAll('[role="menu"]')].filter((m) => !m.contains(el));
      if (menus.some((m) => overlaps(box, m.getBoundingClientRect()))) {
        hide();
        return;
      }
      tip.style.visibility = '';
    });
  };

  const titled = (target: EventTarget | null): Element | null => {
    if (!(target instanceof win.Element)) return null;
    if (shown !== null && shown.el.contains(target)) return shown.el;
    return target.closest('[title]');
  };

  const onOver = (e: PointerEvent): void => {
    if (e.pointerType === 'touch' || e.buttons !== 0) return;
    const el = titled(e.target);
    if (el === null) {
      if (shown !== null) hide();
      else cancel();
      return;
    }
    if (shown?.el === el || pending?.el === el) return;
    if (shown !== null || Date.now() - lastHidden < WARM_MS) {
      show(el);
      return;
    }
    cancel();
    pending = { el, timer: setTimeout(() => show(el), SHOW_DELAY_MS) };
  };

  const onOut = (e: PointerEvent): void => {
    const current = shown?.el ?? pending?.el ?? null;
    if (current === null) return;
    const to = e.relatedTarget;
    if (to instanceof win.Node && current.contains(to)) return;
    hide();
  };

  const onMove = (): void => {
    // A component changed the title while it showed: follow it (and keep the native one away).
    if (shown === null) return;
    const fresh = shown.el.getAttribute('title');
    if (fresh !== null) {
      shown.el.removeAttribute('title');
      shown = { el: shown.el, text: fresh };
      tip.textContent = fresh;
    }
  };

  const onFocus = (e: FocusEvent): void => {
    const el = titled(e.target);
    if (el === null || !(e.target instanceof win.Element)) return;
    let keyboard = false;
    try {
      keyboard = e.target.matches(':focus-visible');
    } catch {
      keyboard = false;
    }
    if (keyboard) show(el);
  };

  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') hide();
  };

  /** Something scrolled: the tooltip goes if its element moved with it. */
  const onScroll = (e: Event): void => {
    const el = shown?.el ?? pending?.el;
    if (el === undefined) return;
    const t = e.target;
    if (t === doc || t === win || (t instanceof win.Node && t.contains(el))) hide();
  };

  doc.addEventListener('pointerover', onOver, true);
  doc.addEventListener('pointerout', onOut, true);
  doc.addEventListener('pointermove', onMove, true);
  doc.addEventListener('pointerdown', hide, true);
  doc.addEventListener('focusin', onFocus, true);
  doc.addEventListener('focusout', hide, true);
  doc.addEventListener('keydown', onKey, true);
  doc.addEventListener('scroll', onScroll, true);
  doc.addEventListener('wheel', hide, { capture: true, passive: true });
  win.addEventListener('blur', hide);
  win.addEventListener('resize', hide);
  return () => {
    hide();
    doc.removeEventListener('pointerover', onOver, true);
    doc.removeEventListener('pointerout', onOut, true);
    doc.removeEventListener('pointermove', onMove, true);
    doc.removeEventListener('pointerdown', hide, true);
    doc.removeEventListener('focusin', onFocus, true);
    doc.removeEventListener('focusout', hide, true);
    doc.removeEventListener('keydown', onKey, true);
    doc.removeEventListener('scroll', onScroll, true);
    doc.removeEventListener('wheel', hide, true);
    win.removeEventListener('blur', hide);
    win.removeEventListener('resize', hide);
    tip.remove();
  };
}
