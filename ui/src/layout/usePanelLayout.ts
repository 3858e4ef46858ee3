import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react';
import {
  LAYOUT_KEY,
  loadRequest,
  resizeTo,
  resolveLayout,
  saveRequest,
  setCollapsed,
  sizeRange,
  type Box,
  type DockKind,
  type PanelId,
  type PanelLayout,
  type PanelRequest,
} from './panels';

export interface PanelControls {
  layout: PanelLayout;
  /** CSS custom properties the workbench grid reads: --palette-w, --side-w, --dock-h. */
  style: CSSProperties;
  collapsed: (panel: PanelId) => boolean;
  setOpen: (panel: PanelId, open: boolean) => void;
  toggle: (panel: PanelId) => void;
  /** What a `Splitter` for `panel` needs: its size, range and handlers. */
  splitter: (panel: PanelId) => {
    size: number;
    min: number;
    max: number;
    collapsed: boolean;
    onResize: (size: number) => void;
    onCommit: () => void;
    onToggle: () => void;
  };
}

function windowBox(): Box {
  return typeof window === 'undefined' ? { width: 1200, height: 700 } : { width: window.innerWidth, height: window.innerHeight - 52 };
}

/**
 * The panel sizes of the element `ref` points at (the workbench): remembered per user, drawn
 * clamped to the element's current size, which a ResizeObserver follows.
 */
export function usePanelLayout(ref: RefObject<HTMLElement | null>, dockKind: DockKind): PanelControls {
  const [request, setRequest] = useState<PanelRequest>(() => loadRequest());
  const [box, setBox] = useState<Box>(windowBox);
  const latest = useRef({ box, dockKind });
  latest.current = { box, dockKind };

  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const measure = (): void => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      setBox((b) => (b.width === r.width && b.height === r.height ? b : { width: r.width, height: r.height }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);

  const update = useCallback((next: (r: PanelRequest) => PanelRequest, save: boolean) => {
    setRequest((r) => {
      const n = next(r);
      if (save && n !== r) saveRequest(n);
      return n;
    });
  }, []);

  // Folding and unfolding is remembered at once; a drag when it ends.
  const setOpen = useCallback((panel: PanelId, open: boolean) => update((r) => setCollapsed(r, panel, !open), true), [update]);
  const layout = useMemo(() => resolveLayout(request, box, dockKind), [request, box, dockKind]);
  const drawn = useRef(layout);
  drawn.current = layout;
  // Toggles what is drawn: a palette folded only because the window is too narrow stays so.
  const toggle = useCallback((panel: PanelId) => update((r) => setCollapsed(r, panel, !drawn.current.collapsed[panel]), true), [update]);
  // Saved from the state updater: a key press resizes and commits in one event, before a render.
  const commit = useCallback(
    () =>
      setRequest((r) => {
        saveRequest(r);
        return r;
      }),
    [],
  );

  useEffect(() => {
    // Another window of the app changed the layout: follow it.
    const onStorage = (e: StorageEvent): void => {
      if (e.key === null || e.key === LAYOUT_KEY) setRequest(loadRequest());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const splitter = (panel: PanelId): ReturnType<PanelControls['splitter']> => {
    const range = sizeRange(panel, layout, box, dockKind);
    return {
      size: layout[panel],
      min: range.min,
      max: range.max,
      collapsed: layout.collapsed[panel],
      onResize: (size) => update((r) => resizeTo(r, panel, size, latest.current.box, latest.current.dockKind), false),
      onCommit: commit,
      onToggle: () => toggle(panel),
    };
  };

  const style = {
    '--palette-w': `${layout.palette}px`,
    '--side-w': `${layout.side}px`,
    '--dock-h': `${layout.dock}px`,
  } as CSSProperties;

  return { layout, style, collapsed: (p) => layout.collapsed[p], setOpen, toggle, splitter };
}
