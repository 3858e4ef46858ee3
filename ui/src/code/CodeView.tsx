import { json } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Annotation, Compartment, EditorSelection, EditorState, Prec, Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef, type ReactElement } from 'react';
import type { DocumentView } from '../bindings/DocumentView';
import { fitToFirstLine, minimalChange, stateAtOffset, toDiagnostics } from './diagnostics';
import { setStateHighlight, stateHighlight } from './highlight';
import { jsonataHighlight } from './jsonataHighlight';
import { styleNonce } from './nonce';
import { editorTheme } from './theme';
import './code.css';

export interface CodeViewProps {
  view: DocumentView;
  selection: string[];
  /** The edited text, debounced ~400 ms after typing stops. */
  onText: (text: string) => void;
  /** The cursor moved into a state. */
  onSelect: (pointers: string[]) => void;
  dark: boolean;
  /** A location to scroll to and select (a clicked problem); each new `seq` is shown once. */
  reveal?: { from: number; to: number; seq: number } | null;
}

/** How long typing must pause before the text goes to Rust. */
export const TEXT_DEBOUNCE_MS = 400;

/** Marks transactions that bring the document's text in (not typed by the user). */
const external = Annotation.define<boolean>();

/**
 * The definition as JSON in CodeMirror 6, kept in sync both ways: typing sends the text
 * (debounced); a new `view.text` (an edit elsewhere, undo, a reload) replaces the content with
 * the smallest change, so the cursor and scroll stay. The EditorView is created once.
 */
export function CodeView({ view, selection, onText, onSelect, dark, reveal = null }: CodeViewProps): ReactElement {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorView | null>(null);
  const themes = useRef(new Compartment());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The latest props, for the editor's listeners (created once).
  const latest = useRef({ view, selection, onText, onSelect });
  latest.current = { view, selection, onText, onSelect };
  // The selection this view reported itself (not to be scrolled to again).
  const reported = useRef<string | null>(null);
  // The view text when the last typed text was sent, until a view with other text comes back:
  // a view still showing it predates the send and must not overwrite what was typed.
  const sentFrom = useRef<string | null>(null);
  // The selection the editor last showed (scrolled to).
  const shownKey = useRef<string | null>(null);

  // Create the editor once.
  useEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    const flush = (): void => {
      if (timer.current === null) return;
      clearTimeout(timer.current);
      timer.current = null;
      const ed = editor.current;
      if (ed === null) return;
      sentFrom.current = latest.current.view.text;
      latest.current.onText(ed.state.doc.toString());
    };
    const listener = EditorView.updateListener.of((update) => {
      const typed = update.docChanged && update.transactions.some((tr) => tr.annotation(external) !== true);
      if (typed) {
        if (timer.current !== null) clearTimeout(timer.current);
        timer.current = setTimeout(flush, TEXT_DEBOUNCE_MS);
      }
      if (update.selectionSet && update.transactions.some((tr) => tr.isUserEvent('select'))) {
        reportCursor(update.state);
      }
    });
    const reportCursor = (state: EditorState): void => {
      const { view: v, selection: sel } = latest.current;
      if (timer.current !== null || state.doc.length !== v.text.length) return;
      const row = stateAtOffset(v.states, state.selection.main.head);
      if (row === undefined || (sel.length === 1 && sel[0] === row.pointer)) return;
      reported.current = row.pointer;
      latest.current.onSelect([row.pointer]);
    };
    const nonce = styleNonce();
    const ed = new EditorView({
      parent,
      state: EditorState.create({
        doc: latest.current.view.text,
        extensions: [
          basicSetup,
          json(),
          Prec.lowest(jsonataHighlight),
          lintGutter(),
          stateHighlight,
          themes.current.of(editorTheme(dark)),
          EditorView.contentAttributes.of({ 'aria-label': 'Definition JSON' }),
          ...(nonce === null ? [] : [EditorView.cspNonce.of(nonce)]),
          listener,
        ],
      }),
    });
    editor.current = ed;
    shownKey.current = null; // a new editor has not shown the selection yet
    return () => {
      flush();
      ed.destroy();
      editor.current = null;
    };
    // The editor is created once; later prop changes are dispatched by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Theme.
  useEffect(() => {
    editor.current?.dispatch({ effects: themes.current.reconfigure(editorTheme(dark)) });
  }, [dark]);

  // The document's text and diagnostics. While the user is typing (a send is pending), a view
  // is not applied: the pending text goes to Rust next and its echo brings fresh diagnostics.
  useEffect(() => {
    const ed = editor.current;
    if (ed === null || timer.current !== null) return;
    if (sentFrom.current !== null) {
      if (view.text === sentFrom.current) return;
      sentFrom.current = null;
    }
    const change = minimalChange(ed.state.doc.toString(), view.text);
    if (change !== null) {
      // An edit made elsewhere is not undone by the editor's own history.
      ed.dispatch({ changes: change, annotations: [external.of(true), Transaction.addToHistory.of(false)] });
    }
    const diagnostics = toDiagnostics(view.problems, view.textError, ed.state.doc.length);
    ed.dispatch(setDiagnostics(ed.state, fitToFirstLine(diagnostics, ed.state.doc)));
  }, [view.text, view.problems, view.textError]);

  // The selection: highlight the selected state's span; scroll to it (and put the cursor there)
  // when the selection changed elsewhere.
  const selectedKey = selection.length === 1 ? (selection[0] ?? '') : '';
  useEffect(() => {
    const ed = editor.current;
    if (ed === null) return;
    const changed = shownKey.current !== selectedKey;
    shownKey.current = selectedKey;
    const row = selectedKey === '' ? undefined : view.states.find((s) => s.pointer === selectedKey);
    const inSync = timer.current === null && ed.state.doc.length === view.text.length;
    if (row === undefined || row.from === null || row.to === null || !inSync) {
      if (row === undefined || changed) ed.dispatch({ effects: setStateHighlight.of(null) });
      return;
    }
    const from = Math.min(row.from, ed.state.doc.length);
    const to = Math.min(row.to, ed.state.doc.length);
    const fromHere = reported.current === selectedKey;
    if (changed) reported.current = null;
    if (!changed || fromHere) {
      ed.dispatch({ effects: setStateHighlight.of({ from, to }) });
    } else {
      ed.dispatch({
        effects: [setStateHighlight.of({ from, to }), EditorView.scrollIntoView(from, { y: 'start', yMargin: 48 })],
        selection: EditorSelection.cursor(from),
      });
    }
  }, [selectedKey, view.states, view.text.length]);

  // A clicked problem: after the selection's own scroll (this effect runs later), so it wins.
  const revealSeq = reveal?.seq ?? 0;
  const shownReveal = useRef(0);
  useEffect(() => {
    const ed = editor.current;
    if (ed === null || reveal === null || shownReveal.current === revealSeq) return;
    if (timer.current !== null || ed.state.doc.length !== view.text.length) return;
    shownReveal.current = revealSeq;
    const len = ed.state.doc.length;
    const from = Math.min(reveal.from, len);
    const to = Math.min(Math.max(reveal.to, reveal.from), len);
    ed.dispatch({
      selection: EditorSelection.range(from, to),
      effects: EditorView.scrollIntoView(from, { y: 'center' }),
    });
    // The values are read through `reveal`; only a new seq (or text) asks for a new scroll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealSeq, view.text.length, selectedKey]);

  return <div className="code-view" data-testid="code-view" ref={host} />;
}
