import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef, type ReactElement } from 'react';
import { styleNonce } from '../code/nonce';
import { editorTheme } from '../code/theme';

export interface JsonEditorProps {
  value: string;
  onChange: (text: string) => void;
  dark: boolean;
  /** Ctrl/⌘+Enter. */
  onSubmit?: () => void;
  label: string;
  testId?: string;
  minLines?: number;
  maxHeight?: number;
  placeholder?: string;
}

/**
 * A small CodeMirror JSON editor (the run input, a paused state's input, a task's answer),
 * with parse errors marked as you type. Created once; a new `value` from outside replaces the
 * text only when it differs from what the editor holds, so typing never loses the cursor.
 * Its run-time styles carry the page's CSP nonce (see code/nonce.ts).
 */
export function JsonEditor({ value, onChange, dark, onSubmit, label, testId, minLines = 4, maxHeight = 320, placeholder }: JsonEditorProps): ReactElement {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorView | null>(null);
  const themes = useRef(new Compartment());
  const latest = useRef({ onChange, onSubmit });
  latest.current = { onChange, onSubmit };

  useEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    const nonce = styleNonce();
    const ed = new EditorView({
      parent,
      state: EditorState.create({
        doc: value,
        extensions: [
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                const submit = latest.current.onSubmit;
                if (submit === undefined) return false;
                submit();
                return true;
              },
            },
          ]),
          basicSetup,
          json(),
          // The side panel is narrow: long lines wrap rather than scroll away.
          EditorView.lineWrapping,
          linter(jsonParseLinter(), { delay: 250 }),
          themes.current.of(editorTheme(dark)),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.theme({
            '&': { maxHeight: `${maxHeight}px`, minHeight: `${minLines * 19 + 8}px` },
            '.cm-scroller': { overflow: 'auto' },
          }),
          ...(placeholder === undefined ? [] : [placeholderExt(placeholder)]),
          ...(nonce === null ? [] : [EditorView.cspNonce.of(nonce)]),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    editor.current = ed;
    return () => {
      ed.destroy();
      editor.current = null;
    };
    // Created once; value and theme changes are dispatched below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    editor.current?.dispatch({ effects: themes.current.reconfigure(editorTheme(dark)) });
  }, [dark]);

  useEffect(() => {
    const ed = editor.current;
    if (ed === null) return;
    const current = ed.state.doc.toString();
    if (current !== value) ed.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  return <div className="rp-json-editor" data-testid={testId} ref={host} />;
}

/** Whether a text is JSON; the parse error's message when it is not. */
export function jsonError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err: unknown) {
    return err instanceof Error ? err.message : String(err);
  }
}
