/** The bottom dock's smallest height. */
export const DOCK_MIN = 140;
/** Its height on big screens. */
export const DOCK_MAX_DEFAULT = 260;

/** The dock's first height: about a quarter of the window, at most 260 px. In an 800 px
 * window the canvas keeps most of the height, so a diagram fitted into it stays legible. */
export function defaultDockHeight(windowHeight: number = typeof window === 'undefined' ? 800 : window.innerHeight): number {
  return Math.round(Math.min(DOCK_MAX_DEFAULT, Math.max(DOCK_MIN, windowHeight * 0.26)));
}
