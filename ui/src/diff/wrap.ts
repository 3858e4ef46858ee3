/**
 * The side-by-side JSON wraps long lines inside its column. A wrapped line hangs under its own
 * text (its indent is kept as CSS `--indent`), and its leading spaces are non-breaking, so a
 * line is never broken between its indent and its text (which would leave an empty first row).
 * Copying gives the plain spaces back.
 */

const NBSP = '\u00a0';

/** The line as shown, and its indent (the count of leading spaces). */
export function wrapLine(text: string): { indent: number; shown: string } {
  const rest = text.trimStart();
  const indent = text.length - rest.length;
  return { indent, shown: NBSP.repeat(indent) + rest };
}

/** Selected text of the panel as it is to be pasted: the JSON's own spaces. */
export function copiedText(selected: string): string {
  return selected.replaceAll(NBSP, ' ');
}
