import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { oneDarkHighlightStyle } from '@codemirror/theme-one-dark';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/** Editor chrome from the app's CSS variables, so it follows the light and dark themes. */
function chrome(dark: boolean): Extension {
  return EditorView.theme(
    {
      '&': {
        height: '100%',
        color: 'var(--text)',
        backgroundColor: 'var(--surface)',
        fontSize: '12.5px',
      },
      '.cm-scroller': {
        fontFamily: 'var(--font-mono)',
        lineHeight: '1.55',
      },
      '.cm-content': { caretColor: 'var(--accent)' },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--accent)' },
      '&.cm-focused': { outline: 'none' },
      '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
        backgroundColor: 'var(--selected) !important',
      },
      '.cm-gutters': {
        backgroundColor: 'var(--surface-2)',
        color: 'var(--text-3)',
        borderRight: '1px solid var(--border-soft)',
      },
      '.cm-activeLine': { backgroundColor: dark ? 'rgb(255 255 255 / 0.03)' : 'rgb(20 26 46 / 0.025)' },
      '.cm-activeLineGutter': { backgroundColor: 'var(--surface-hover)', color: 'var(--text-2)' },
      '.cm-foldPlaceholder': {
        backgroundColor: 'var(--accent-soft)',
        border: 'none',
        color: 'var(--accent-text)',
        padding: '0 4px',
      },
      '&.cm-focused .cm-matchingBracket': {
        backgroundColor: 'var(--accent-soft)',
        outline: '1px solid var(--selected-border)',
      },
      '.cm-searchMatch': { backgroundColor: 'var(--warning-soft)', outline: '1px solid var(--warning)' },
      '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--accent-soft)' },
      '.cm-panels': { backgroundColor: 'var(--surface-2)', color: 'var(--text)' },
      '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--border)' },
      '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
      '.cm-textfield': {
        backgroundColor: 'var(--surface)',
        color: 'var(--text)',
        border: '1px solid var(--border)',
        borderRadius: '4px',
      },
      '.cm-button': {
        backgroundImage: 'none',
        backgroundColor: 'var(--surface)',
        color: 'var(--text)',
        border: '1px solid var(--border)',
        borderRadius: '4px',
      },
      '.cm-tooltip': {
        backgroundColor: 'var(--surface)',
        color: 'var(--text)',
        border: '1px solid var(--border)',
        borderRadius: '6px',
        boxShadow: 'var(--shadow)',
      },
      '.cm-tooltip-lint': { fontFamily: 'var(--font-sans)', fontSize: '12px' },
      '.cm-diagnostic-error': { borderLeftColor: 'var(--error)' },
      '.cm-diagnostic-warning': { borderLeftColor: 'var(--warning)' },
      '.cm-lintRange-error': {
        backgroundImage: 'none',
        textDecoration: 'underline wavy var(--error)',
        textDecorationSkipInk: 'none',
        textUnderlineOffset: '3px',
      },
      '.cm-lintRange-warning': {
        backgroundImage: 'none',
        textDecoration: 'underline wavy var(--warning)',
        textDecorationSkipInk: 'none',
        textUnderlineOffset: '3px',
      },
      '.cm-state-highlight': { backgroundColor: dark ? 'rgb(139 128 255 / 0.10)' : 'rgb(91 78 230 / 0.06)' },
      '.cm-state-highlight-start': { boxShadow: 'inset 2px 0 0 var(--accent)' },
      // JSONata inside `{% %}`: a faint wash marks the expression, tokens get their own colours
      // (also on the JSON string's highlight span, which CodeMirror always puts innermost).
      '.cm-jsonata': { backgroundColor: dark ? 'rgb(97 175 239 / 0.08)' : 'rgb(29 95 214 / 0.05)', borderRadius: '2px' },
      '.cm-jsonata-delimiter, .cm-jsonata-delimiter *': { color: dark ? '#7f848e' : '#8a93a8', fontWeight: '600' },
      '.cm-jsonata-variable, .cm-jsonata-variable *': { color: dark ? '#e5c07b' : '#8a4b00' },
      '.cm-jsonata-function, .cm-jsonata-function *': { color: dark ? '#61afef' : '#1d5fd6' },
      '.cm-jsonata-string, .cm-jsonata-string *': { color: dark ? '#98c379' : '#0f7b3f' },
      '.cm-jsonata-number, .cm-jsonata-number *': { color: dark ? '#d19a66' : '#b45309' },
      '.cm-jsonata-keyword, .cm-jsonata-keyword *': { color: dark ? '#c678dd' : '#8e24aa' },
      '.cm-jsonata-operator, .cm-jsonata-operator *': { color: dark ? '#56b6c2' : '#0e7490' },
      '.cm-jsonata-comment, .cm-jsonata-comment *': { color: dark ? '#7f848e' : '#8a93a8', fontStyle: 'italic' },
      '.cm-jsonata-regex, .cm-jsonata-regex *': { color: dark ? '#e06c75' : '#be1d6b' },
      '.cm-jsonata-name, .cm-jsonata-name *': { color: 'var(--text)' },
    },
    { dark },
  );
}

const lightHighlight = HighlightStyle.define([
  { tag: t.propertyName, color: '#1d5fd6' },
  { tag: t.string, color: '#0f7b3f' },
  { tag: t.number, color: '#b45309' },
  { tag: [t.bool, t.null], color: '#be1d6b' },
  { tag: [t.brace, t.squareBracket, t.separator, t.punctuation], color: '#7b849c' },
]);

/** The editor's theme: chrome from CSS variables, JSON colours (One Dark's in the dark theme). */
export function editorTheme(dark: boolean): Extension {
  return [chrome(dark), syntaxHighlighting(dark ? oneDarkHighlightStyle : lightHighlight)];
}
