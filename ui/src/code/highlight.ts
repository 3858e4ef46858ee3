import { RangeSetBuilder, StateEffect, StateField, type EditorState } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

/** Sets (or with `null` clears) the span of the selected state. */
export const setStateHighlight = StateEffect.define<{ from: number; to: number } | null>();

const MAX_LINES = 5000;

const line = Decoration.line({ class: 'cm-state-highlight' });
const firstLine = Decoration.line({ class: 'cm-state-highlight cm-state-highlight-start' });

function build(state: EditorState, from: number, to: number): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const len = state.doc.length;
  const a = Math.max(0, Math.min(len, from));
  const b = Math.max(a, Math.min(len, to));
  const start = state.doc.lineAt(a);
  const end = state.doc.lineAt(b);
  const last = Math.min(end.number, start.number + MAX_LINES);
  for (let n = start.number; n <= last; n++) {
    builder.add(state.doc.line(n).from, state.doc.line(n).from, n === start.number ? firstLine : line);
  }
  return builder.finish();
}

/** Line backgrounds over the selected state's definition; mapped through edits. */
export const stateHighlight = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setStateHighlight)) next = e.value === null ? Decoration.none : build(tr.state, e.value.from, e.value.to);
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});
