import { forEachDiagnostic, type Diagnostic } from '@codemirror/lint';
import { EditorSelection } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentView } from '../bindings/DocumentView';
import { problemAt, SAMPLE, viewOf } from '../inspector/testing';
import { CodeView, TEXT_DEBOUNCE_MS } from './CodeView';
import { Text } from '@codemirror/state';
import { fitToFirstLine, minimalChange, stateAtOffset, toDiagnostics } from './diagnostics';

// jsdom has no layout: CodeMirror measures text through Range rects.
beforeAll(() => {
  const rect = (): DOMRect => ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON: () => ({}) }) as DOMRect;
  const list = (): DOMRectList => Object.assign([], { item: () => null }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = rect;
  Range.prototype.getClientRects = list;
});

function setup(view: DocumentView = viewOf(SAMPLE), selection: string[] = []) {
  const onText = vi.fn<(text: string) => void>();
  const onSelect = vi.fn<(pointers: string[]) => void>();
  const utils = render(<CodeView view={view} selection={selection} onText={onText} onSelect={onSelect} dark={false} />);
  const wrapper = screen.getByTestId('code-view');
  const content = wrapper.querySelector('.cm-content');
  const ed = content === null ? null : EditorView.findFromDOM(content as HTMLElement);
  if (ed === null) throw new Error('no editor');
  type Reveal = { from: number; to: number; seq: number } | null;
  const rerender = (next: Partial<{ view: DocumentView; selection: string[]; dark: boolean; reveal: Reveal }>): void =>
    utils.rerender(
      <CodeView
        view={next.view ?? view}
        selection={next.selection ?? selection}
        onText={onText}
        onSelect={onSelect}
        dark={next.dark ?? false}
        reveal={next.reveal ?? null}
      />,
    );
  return { ...utils, ed, onText, onSelect, rerender };
}

function diagnostics(ed: EditorView): Diagnostic[] {
  const out: Diagnostic[] = [];
  forEachDiagnostic(ed.state, (d, from, to) => out.push({ ...d, from, to }));
  return out;
}

function type(ed: EditorView, at: number, text: string): void {
  act(() => {
    ed.dispatch({ changes: { from: at, insert: text }, userEvent: 'input.type' });
  });
}

describe('CodeView', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the text in one editor', () => {
    const view = viewOf(SAMPLE);
    const { ed } = setup(view);
    expect(ed.state.doc.toString()).toBe(view.text);
    expect(screen.getByTestId('code-view').querySelectorAll('.cm-editor')).toHaveLength(1);
    expect(screen.getByTestId('code-view').querySelector('.cm-lineNumbers')).not.toBeNull();
  });

  it('colours JSONata inside {% %} strings, over the JSON string colour', () => {
    const { ed } = setup(viewOf({ StartAt: 'A', States: { A: { Type: 'Pass', Output: '{% $count($states.input.items) > 0 %}', End: true } } }));
    const fn = ed.contentDOM.querySelector('.cm-jsonata-function');
    expect(fn?.textContent).toBe('$count');
    expect([...ed.contentDOM.querySelectorAll('.cm-jsonata-variable')].map((e) => e.textContent)).toEqual(['$states']);
    expect(ed.contentDOM.querySelector('.cm-jsonata-number')?.textContent).toBe('0');
    expect(fn?.closest('.cm-jsonata')).not.toBeNull();
    // Strings that are not expressions get no marks.
    expect([...ed.contentDOM.querySelectorAll('.cm-jsonata')].map((e) => e.textContent).join('')).not.toContain('Pass');
  });

  it('sends typed text once typing has paused', () => {
    const view = viewOf(SAMPLE);
    const { ed, onText } = setup(view);
    type(ed, 1, ' ');
    act(() => vi.advanceTimersByTime(TEXT_DEBOUNCE_MS - 100));
    type(ed, 1, ' ');
    act(() => vi.advanceTimersByTime(TEXT_DEBOUNCE_MS - 1));
    expect(onText).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(onText).toHaveBeenCalledTimes(1);
    expect(onText).toHaveBeenCalledWith(`{  ${view.text.slice(1)}`);
  });

  it('replaces the content when view.text changes, keeping the cursor', () => {
    const view = viewOf(SAMPLE);
    const { ed, rerender, onText } = setup(view);
    const end = view.text.length - 2;
    act(() => ed.dispatch({ selection: EditorSelection.cursor(end) }));
    const changed = { ...SAMPLE, Comment: 'A longer comment' };
    const next = viewOf(changed);
    rerender({ view: next });
    expect(ed.state.doc.toString()).toBe(next.text);
    expect(ed.state.selection.main.head).toBe(end + (next.text.length - view.text.length));
    act(() => vi.advanceTimersByTime(TEXT_DEBOUNCE_MS * 2));
    expect(onText).not.toHaveBeenCalled();
  });

  it('does not overwrite typing with the echo of older text', () => {
    const view = viewOf(SAMPLE);
    const { ed, rerender, onText } = setup(view);
    type(ed, 1, 'a');
    act(() => vi.advanceTimersByTime(TEXT_DEBOUNCE_MS));
    const sent = onText.mock.lastCall?.[0] ?? '';
    type(ed, 2, 'b'); // keeps typing while the first text travels
    rerender({ view: { ...view, text: sent, revision: 2 } });
    expect(ed.state.doc.toString()).toBe(`{ab${view.text.slice(1)}`);
    // Once "ab" is sent, a view still showing the text from before that send is stale, too.
    act(() => vi.advanceTimersByTime(TEXT_DEBOUNCE_MS));
    expect(onText).toHaveBeenLastCalledWith(`{ab${view.text.slice(1)}`);
    rerender({ view: { ...view, text: sent, problems: [], revision: 3 } });
    expect(ed.state.doc.toString()).toBe(`{ab${view.text.slice(1)}`);
  });

  it('sends pending text when it unmounts', () => {
    const view = viewOf(SAMPLE);
    const { ed, onText, unmount } = setup(view);
    type(ed, 1, 'x');
    expect(onText).not.toHaveBeenCalled();
    unmount();
    expect(onText).toHaveBeenCalledTimes(1);
    expect(onText).toHaveBeenCalledWith(`{x${view.text.slice(1)}`);
  });

  it('sets lint diagnostics from the problems and the syntax error', () => {
    const base = viewOf(SAMPLE);
    const view = {
      ...base,
      problems: [
        problemAt(base, '/States/Validate/Next', '/States/Validate', 'next-not-found', 'error'),
        problemAt(base, '/States/Hold', '/States/Hold', 'unreachable', 'warning'),
        { ...problemAt(base, '', null, 'no-location'), from: null, to: null },
      ],
    };
    const { ed, rerender } = setup(view);
    const found = diagnostics(ed);
    expect(found).toHaveLength(2);
    const next = base.text.indexOf('"Route"', base.text.indexOf('"Next"'));
    expect(found[0]).toMatchObject({ severity: 'error', from: next, to: next + '"Route"'.length });
    expect(found[0]?.message).toContain('next-not-found');
    expect(found[1]?.severity).toBe('warning');

    const broken = '{"States": ';
    rerender({ view: { ...base, text: broken, problems: [], textError: { message: 'EOF while parsing', line: 1, column: 12, offset: 11 } } });
    expect(ed.state.doc.toString()).toBe(broken);
    expect(diagnostics(ed)).toEqual([expect.objectContaining({ severity: 'error', from: 11, to: 11 })]);
  });

  it('scrolls to and highlights a state selected elsewhere', () => {
    const view = viewOf(SAMPLE);
    const { ed, rerender, onSelect } = setup(view);
    rerender({ selection: ['/States/Hold'] });
    const hold = view.states.find((s) => s.pointer === '/States/Hold');
    expect(ed.state.selection.main.head).toBe(hold?.from);
    const lines = screen.getByTestId('code-view').querySelectorAll('.cm-state-highlight');
    expect(lines.length).toBeGreaterThan(0);
    expect(onSelect).not.toHaveBeenCalled();
    rerender({ selection: [] });
    expect(screen.getByTestId('code-view').querySelectorAll('.cm-state-highlight')).toHaveLength(0);
  });

  it('selects the location of a clicked problem, after scrolling to its state', () => {
    const view = viewOf(SAMPLE);
    const { ed, rerender } = setup(view);
    const hold = view.states.find((s) => s.pointer === '/States/Hold');
    const from = (hold?.from ?? 0) + 5;
    rerender({ selection: ['/States/Hold'], reveal: { from, to: from + 4, seq: 1 } });
    expect(ed.state.selection.main.from).toBe(from);
    expect(ed.state.selection.main.to).toBe(from + 4);
    // The same reveal again (a re-render) does not move the cursor the user has since moved.
    act(() => ed.dispatch({ selection: EditorSelection.cursor(0) }));
    rerender({ selection: ['/States/Hold'], reveal: { from, to: from + 4, seq: 1 } });
    expect(ed.state.selection.main.head).toBe(0);
    rerender({ selection: ['/States/Hold'], reveal: { from, to: from + 4, seq: 2 } });
    expect(ed.state.selection.main.from).toBe(from);
  });

  it('selects the state the cursor moves into', () => {
    const view = viewOf(SAMPLE);
    const { ed, onSelect, rerender } = setup(view);
    const inner = view.states.find((s) => s.pointer === '/States/Fork/Branches/1/States/B');
    act(() => ed.dispatch({ selection: EditorSelection.cursor((inner?.from ?? 0) + 3), userEvent: 'select.pointer' }));
    expect(onSelect).toHaveBeenCalledWith(['/States/Fork/Branches/1/States/B']);
    // The selection coming back does not move the cursor.
    const head = ed.state.selection.main.head;
    rerender({ selection: ['/States/Fork/Branches/1/States/B'] });
    expect(ed.state.selection.main.head).toBe(head);
  });

  it('switches to the dark theme', () => {
    const { ed, rerender } = setup();
    expect(ed.state.facet(EditorView.darkTheme)).toBe(false);
    rerender({ dark: true });
    expect(ed.state.facet(EditorView.darkTheme)).toBe(true);
  });

  it('keeps a large document responsive', () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 1000; i++) {
      states[`State${i}`] = {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { 'Payload.$': '$', FunctionName: `fn-${i}` },
        Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
        Next: `State${i + 1}`,
      };
    }
    const big = viewOf({ StartAt: 'State0', States: states });
    expect(big.text.length).toBeGreaterThan(200_000);
    const { ed, rerender, onText } = setup(big);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) type(ed, 1, ' ');
    const perKey = (performance.now() - t0) / 20;
    expect(perKey).toBeLessThan(50);
    act(() => vi.advanceTimersByTime(TEXT_DEBOUNCE_MS));
    expect(onText).toHaveBeenCalledTimes(1);
    const echoed = onText.mock.lastCall?.[0] ?? '';
    const t1 = performance.now();
    rerender({ view: { ...big, text: echoed } });
    rerender({ view: viewOf({ StartAt: 'State1', States: states }) });
    expect(performance.now() - t1).toBeLessThan(1000);
  });
});

describe('code helpers', () => {
  it('computes the minimal change', () => {
    expect(minimalChange('abcdef', 'abXYef')).toEqual({ from: 2, to: 4, insert: 'XY' });
    expect(minimalChange('aaa', 'aaaa')).toEqual({ from: 3, to: 3, insert: 'a' });
    expect(minimalChange('same', 'same')).toBeNull();
  });

  it('finds the innermost state at an offset', () => {
    const view = viewOf(SAMPLE);
    const b = view.states.find((s) => s.name === 'B');
    expect(stateAtOffset(view.states, (b?.from ?? 0) + 1)?.pointer).toBe('/States/Fork/Branches/1/States/B');
    expect(stateAtOffset(view.states, 0)).toBeUndefined();
  });

  it('underlines only the first line of a diagnostic over several lines', () => {
    const doc = Text.of(['{', '  "A": {', '    "Type": "Pass"', '  }', '}']);
    const from = doc.line(2).from + 7; // the "{" after "A":
    const [d] = fitToFirstLine([{ from, to: doc.line(4).to, severity: 'warning', message: 'm' }], doc);
    expect(d).toMatchObject({ from: doc.line(2).from + 2, to: doc.line(2).to });
    const single = { from: 2, to: 3, severity: 'error' as const, message: 'm' };
    expect(fitToFirstLine([single], doc)).toEqual([single]);
  });

  it('clamps diagnostics into the document', () => {
    const d = toDiagnostics([{ severity: 'warning', code: 'c', message: 'm', pointer: '', state: null, from: 5, to: 99 }], null, 10);
    expect(d).toEqual([expect.objectContaining({ from: 5, to: 10, message: 'm (c)' })]);
  });
});
