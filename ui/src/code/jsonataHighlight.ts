import { RangeSetBuilder } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { findEmbedded, textRange, tokenizeJsonata, type TokenKind } from './jsonata';

const MARKS: Record<TokenKind, Decoration> = {
  delimiter: Decoration.mark({ class: 'cm-jsonata-delimiter' }),
  variable: Decoration.mark({ class: 'cm-jsonata-variable' }),
  function: Decoration.mark({ class: 'cm-jsonata-function' }),
  string: Decoration.mark({ class: 'cm-jsonata-string' }),
  number: Decoration.mark({ class: 'cm-jsonata-number' }),
  keyword: Decoration.mark({ class: 'cm-jsonata-keyword' }),
  operator: Decoration.mark({ class: 'cm-jsonata-operator' }),
  comment: Decoration.mark({ class: 'cm-jsonata-comment' }),
  regex: Decoration.mark({ class: 'cm-jsonata-regex' }),
  name: Decoration.mark({ class: 'cm-jsonata-name' }),
};
const EXPRESSION = Decoration.mark({ class: 'cm-jsonata' });

/** Marks for the JSONata in `{% %}` strings of the visible lines. */
export function jsonataDecorations(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const doc = view.state.doc;
  for (const { from, to } of view.visibleRanges) {
    const a = doc.lineAt(from).from;
    const b = doc.lineAt(to).to;
    const text = doc.sliceString(a, b);
    for (const e of findEmbedded(text, 0, text.length)) {
      const tokens = tokenizeJsonata(e.source);
      const last = tokens[tokens.length - 1];
      const whole = textRange(e, 0, last?.to ?? e.source.length);
      // The expression's background first: RangeSetBuilder takes ranges in order of `from`.
      builder.add(a + whole.from, a + whole.to, EXPRESSION);
      for (const t of tokens) {
        const r = textRange(e, t.from, t.to);
        if (r.to > r.from) builder.add(a + r.from, a + r.to, MARKS[t.kind]);
      }
    }
  }
  return builder.finish();
}

/** Colours JSONata inside `{% %}` strings (JSON and YAML), over the JSON highlighting. */
export const jsonataHighlight = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = jsonataDecorations(view);
    }
    update(u: ViewUpdate): void {
      if (u.docChanged || u.viewportChanged) this.decorations = jsonataDecorations(u.view);
    }
  },
  { decorations: (v) => v.decorations },
);
