import { EditorView } from '@codemirror/view';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import type { Comparison } from './bindings/Comparison';
import type { DocumentView } from './bindings/DocumentView';
import type { EditReply } from './bindings/EditReply';
import { installXyflowEnv } from './canvas/__fixtures__/xyflowEnv';
import type { DiffApi } from './diff/api';
import type { DocumentApi } from './lib/api';
import { CommandError } from './lib/rpc';
import { problem, state, view } from './test/fixtures';

beforeAll(() => {
  installXyflowEnv();
});

function fakeApi(initial: DocumentView | null, overrides: Partial<DocumentApi> = {}): DocumentApi {
  let pushed: ((v: DocumentView) => void) | null = null;
  const api: DocumentApi & { push: (v: DocumentView) => void } = {
    currentDocument: vi.fn(() => Promise.resolve(initial)),
    openDocument: vi.fn((path: string) => Promise.resolve({ kind: 'document' as const, view: view({ path, fileName: path.split('/').pop() ?? path }) })),
    openWithDialog: vi.fn(() => Promise.resolve(null)),
    newDocument: vi.fn(() => Promise.resolve(view({ path: null, fileName: 'Untitled.asl.json' }))),
    listExamples: vi.fn(() =>
      Promise.resolve([
        { id: 'order-processing.asl.json', title: 'Processes an order', summary: 'Charges, ships and confirms', comment: null, states: 12 },
      ]),
    ),
    openExample: vi.fn(() => Promise.resolve(view({ path: null, fileName: 'Untitled.asl.json', dirty: false }))),
    recentFiles: vi.fn(() => Promise.resolve(['/home/me/flows/refund.asl.json'])),
    applyEdit: vi.fn(
      (): Promise<EditReply> => Promise.resolve({ view: view({ revision: 2, dirty: true, canUndo: true }), select: [] }),
    ),
    setText: vi.fn(() => Promise.resolve(view({ revision: 2 }))),
    undo: vi.fn(() => Promise.resolve(view({ revision: 3 }))),
    redo: vi.fn(() => Promise.resolve(view({ revision: 4 }))),
    save: vi.fn(() => Promise.resolve(view({ revision: 5, dirty: false }))),
    saveAs: vi.fn(() => Promise.resolve(null)),
    exportAs: vi.fn(() => Promise.resolve('/home/me/flows/order.svg')),
    copyImage: vi.fn(() => Promise.resolve({ width: 1480, height: 2316 })),
    resolveConflict: vi.fn(() => Promise.resolve(view({ revision: 60 }))),
    copyStates: vi.fn(() => Promise.resolve({})),
    languageBlockers: vi.fn(() => Promise.resolve([])),
    onDocumentChanged: vi.fn((handler: (v: DocumentView) => void) => {
      pushed = handler;
      return Promise.resolve(() => undefined);
    }),
    onCloseRequested: vi.fn(() => Promise.resolve(() => undefined)),
    closeWindow: vi.fn(() => Promise.resolve()),
    requestClose: vi.fn(() => Promise.resolve()),
    listRecovered: vi.fn(() => Promise.resolve([])),
    restoreRecovered: vi.fn((id: string) => Promise.resolve(view({ revision: 70, dirty: true, fileName: `${id}.asl.json` }))),
    discardRecovered: vi.fn(() => Promise.resolve([])),
    push: (v) => pushed?.(v),
    ...overrides,
  };
  return api;
}

async function renderApp(api: DocumentApi): Promise<void> {
  render(<App api={api} />);
  await waitFor(() => expect(api.currentDocument).toHaveBeenCalled());
  await waitFor(() => expect(document.querySelector('.app')).toHaveAttribute('aria-busy', 'false'));
}

describe('App with a document', () => {
  it('shows the file in the toolbar and the title, and draws the states', async () => {
    await renderApp(fakeApi(view()));
    expect(screen.getByTestId('file-name')).toHaveTextContent('order-processing.asl.json');
    expect(document.title).toBe('Stepwise — order-processing.asl.json');
    await waitFor(() => expect(screen.getAllByTestId('state-node').length).toBeGreaterThan(0));
    expect(screen.getByTestId('inspector')).toBeInTheDocument();
  });

  it('marks unsaved edits in the toolbar and the title', async () => {
    // The title is Rust's (`DocumentView.title`); the page shows it as it comes.
    await renderApp(fakeApi(view({ dirty: true, title: 'Stepwise — • order-processing.asl.json' })));
    expect(screen.getByTestId('dirty')).toBeInTheDocument();
    expect(document.title).toBe('Stepwise — • order-processing.asl.json');
  });

  it('lists problems and selects the state of a clicked one', async () => {
    const user = userEvent.setup();
    const owner = '/States/Fork/Branches/1/States/Ship';
    await renderApp(fakeApi(view({ problems: [problem(`${owner}/ItemProcessor`, 'missing-field', 'error', owner)] })));
    const list = screen.getByRole('list', { name: 'Problems' });
    const item = within(list).getByRole('button');
    expect(within(item).getByText('in Ship')).toBeInTheDocument();
    expect(within(screen.getByTestId('problems-toggle')).getByText('1 error')).toBeInTheDocument();
    await user.click(item);
    await waitFor(() => expect(screen.getByTestId('state-name-input')).toHaveValue('Ship'));
  });

  it('sends edits to Rust and shows the view it answers', async () => {
    const api = fakeApi(view());
    const user = userEvent.setup();
    await renderApp(api);
    const comment = document.querySelector<HTMLInputElement>('[data-testid="inspector"] [data-field="Comment"]');
    expect(comment).not.toBeNull();
    if (comment === null) return;
    await user.clear(comment);
    await user.type(comment, 'Ships orders{Enter}');
    await waitFor(() => expect(api.applyEdit).toHaveBeenCalled());
    expect(api.applyEdit).toHaveBeenCalledWith({ op: 'setValue', pointer: '/Comment', value: 'Ships orders' });
    await waitFor(() => expect(screen.getByTestId('dirty')).toBeInTheDocument());
    expect(screen.getByTestId('toolbar-undo')).toBeEnabled();
  });

  it('undoes, redoes and saves from the keyboard', async () => {
    const api = fakeApi(view({ canUndo: true, canRedo: true, dirty: true }));
    await renderApp(api);
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true }));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'y', ctrlKey: true }));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true }));
      await Promise.resolve();
    });
    await waitFor(() => expect(api.save).toHaveBeenCalled());
    expect(api.undo).toHaveBeenCalled();
    expect(api.redo).toHaveBeenCalled();
  });

  it('shows a pushed reload and a conflict the user settles', async () => {
    const api = fakeApi(view()) as DocumentApi & { push: (v: DocumentView) => void };
    const user = userEvent.setup();
    await renderApp(api);
    act(() => api.push(view({ revision: 10, comment: 'Reloaded' })));
    await waitFor(() => expect(screen.getByTestId('toast')).toHaveTextContent('changed on disk and was reloaded'));
    act(() => api.push(view({ revision: 11, conflict: true, dirty: true })));
    const banner = await screen.findByTestId('conflict-banner');
    await user.click(within(banner).getByTestId('conflict-theirs'));
    expect(api.resolveConflict).toHaveBeenCalledWith('theirs');
    await waitFor(() => expect(screen.queryByTestId('conflict-banner')).toBeNull());
  });

  it('ignores a pushed view older than the one shown', async () => {
    const api = fakeApi(view({ revision: 20, comment: 'Newest' })) as DocumentApi & { push: (v: DocumentView) => void };
    await renderApp(api);
    act(() => api.push(view({ revision: 19, fileName: 'order-processing.asl.json', dirty: true })));
    expect(screen.queryByTestId('dirty')).toBeNull();
  });

  it('exports through the menu and says where', async () => {
    const api = fakeApi(view());
    const user = userEvent.setup();
    await renderApp(api);
    await user.click(screen.getByTestId('toolbar-export'));
    await user.click(screen.getByRole('menuitem', { name: /Diagram as SVG/ }));
    expect(api.exportAs).toHaveBeenCalledWith('svg');
    await waitFor(() => expect(screen.getByTestId('toast')).toHaveTextContent('Exported to /home/me/flows/order.svg'));
  });

  it('copies the diagram as an image from the Export menu and says its size', async () => {
    const api = fakeApi(view());
    const user = userEvent.setup();
    await renderApp(api);
    await user.click(screen.getByTestId('toolbar-export'));
    await user.click(screen.getByRole('menuitem', { name: /Copy as image/ }));
    expect(api.copyImage).toHaveBeenCalledTimes(1);
    expect(api.exportAs).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByTestId('toast')).toHaveTextContent('Diagram copied as PNG, 1480×2316 px'));
  });

  it('says why when the clipboard refuses the image', async () => {
    const api = fakeApi(view(), {
      copyImage: vi.fn(() =>
        Promise.reject(new CommandError({ code: 'clipboard', message: 'could not put the image on the clipboard: no display', pointer: null })),
      ),
    });
    const user = userEvent.setup();
    await renderApp(api);
    await user.click(screen.getByTestId('toolbar-export'));
    await user.click(screen.getByRole('menuitem', { name: /Copy as image/ }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('could not put the image on the clipboard: no display'));
  });

  it('copies the diagram as an image with Ctrl+Shift+C, but not from a text field', async () => {
    const api = fakeApi(view());
    const user = userEvent.setup();
    await renderApp(api);
    await user.keyboard('{Control>}{Shift>}C{/Shift}{/Control}');
    await waitFor(() => expect(api.copyImage).toHaveBeenCalledTimes(1));
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    await user.keyboard('{Control>}{Shift>}C{/Shift}{/Control}');
    expect(api.copyImage).toHaveBeenCalledTimes(1);
    field.remove();
  });

  it('in compare mode, asks for the comparison again after an undo', async () => {
    const api = fakeApi(view({ revision: 2, dirty: true, canUndo: true }));
    const comparison = (states: string[]): Comparison => ({
      against: 'last saved',
      diff: {
        machine: [],
        changes: states.map((s) => ({ kind: 'changed' as const, state: s, pointer: `/States/${s}`, movedFrom: null, fields: [] })),
        edgesAdded: [],
        edgesRemoved: [],
      },
      view: view({ revision: 1000 }),
      sides: states.map(() => ({ before: {}, after: {} })),
      ghosts: [],
    });
    const compare = vi
      .fn<DiffApi['compare']>()
      .mockResolvedValueOnce(comparison(['Validate Order']))
      .mockResolvedValueOnce(comparison([]));
    const user = userEvent.setup();
    render(<App api={api} diffApi={{ compare }} />);
    await waitFor(() => expect(document.querySelector('.app')).toHaveAttribute('aria-busy', 'false'));
    await user.click(screen.getByTestId('toolbar-compare'));
    await user.click(screen.getByTestId('compare-saved'));
    await user.click(screen.getByTestId('compare-go'));
    await waitFor(() => expect(screen.getAllByTestId('diff-change').map((r) => r.dataset.state)).toEqual(['Validate Order']));
    await user.keyboard('{Control>}z{/Control}');
    expect(api.undo).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(compare).toHaveBeenCalledTimes(2));
    expect(compare).toHaveBeenLastCalledWith({ kind: 'saved' });
    await waitFor(() => expect(screen.getByTestId('diff-count')).toHaveTextContent('No state changed'));
    expect(screen.queryAllByTestId('diff-change')).toHaveLength(0);
  });

  it('lists a syntax error of the code view in the problems, counts it, and opens the code at it', async () => {
    const user = userEvent.setup();
    await renderApp(
      fakeApi(view({ textError: { message: 'EOF while parsing an object', line: 3, column: 9, offset: 40 } })),
    );
    const row = screen.getByTestId('syntax-error');
    expect(row).toHaveTextContent('EOF while parsing an object');
    expect(row).toHaveTextContent('Line 3, column 9');
    expect(within(screen.getByRole('list', { name: 'Problems' })).getAllByRole('button')[0]).toBe(row);
    expect(screen.getByTestId('problems-toggle')).toHaveTextContent('1 error');
    // Above the canvas, not over it.
    const notice = screen.getByTestId('canvas-notice');
    expect(notice).toHaveTextContent('line 3, column 9');
    expect(notice.closest('.workbench-canvas__body')).toBeNull();
    expect(screen.getByTestId('tab-code')).toHaveAttribute('aria-selected', 'false');
    // jsdom has no layout: CodeMirror measures text through Range rects.
    Range.prototype.getClientRects = (): DOMRectList => Object.assign([], { item: () => null }) as unknown as DOMRectList;
    await user.click(row);
    expect(screen.getByTestId('tab-code')).toHaveAttribute('aria-selected', 'true');
    const content = screen.getByTestId('code-view').querySelector<HTMLElement>('.cm-content');
    const editor = content === null ? null : EditorView.findFromDOM(content);
    await waitFor(() => expect(editor?.state.selection.main.head).toBe(40));
  }, 20_000);

  it('shows why a file could not be opened', async () => {
    await renderApp(fakeApi(view({ states: [], error: '/tmp/x.json: invalid JSON at line 1, column 2: oops' })));
    expect(screen.getByRole('alert')).toHaveTextContent('This file could not be opened');
    expect(screen.getByRole('alert')).toHaveTextContent('invalid JSON at line 1, column 2');
  });

  it('keeps the selection only while its states exist', async () => {
    const owner = '/States/Fork/Branches/1/States/Ship';
    const api = fakeApi(view({ problems: [problem(`${owner}/Next`, 'next-not-found', 'error', owner)] })) as DocumentApi & {
      push: (v: DocumentView) => void;
    };
    const user = userEvent.setup();
    await renderApp(api);
    await user.click(within(screen.getByRole('list', { name: 'Problems' })).getByRole('button'));
    await waitFor(() => expect(screen.getByTestId('state-name-input')).toHaveValue('Ship'));
    act(() => api.push(view({ revision: 30, states: [state('Done', 'Succeed')] })));
    await waitFor(() => expect(screen.queryByTestId('state-name-input')).toBeNull());
  });
});

describe('App with unsaved edits', () => {
  function ctrl(key: string): void {
    window.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey: true }));
  }

  it('asks before Ctrl+N replaces them, and Cancel keeps the document', async () => {
    const api = fakeApi(view({ dirty: true }));
    const user = userEvent.setup();
    await renderApp(api);
    act(() => ctrl('n'));
    const dialog = await screen.findByTestId('unsaved-dialog');
    expect(dialog).toHaveAttribute('data-reason', 'new');
    expect(dialog.querySelector('h2')).toHaveTextContent('Save changes to order-processing.asl.json?');
    // A second Ctrl+N while asking does not stack another question.
    act(() => ctrl('n'));
    expect(screen.getAllByTestId('unsaved-dialog')).toHaveLength(1);
    await user.click(screen.getByTestId('unsaved-cancel'));
    await waitFor(() => expect(screen.queryByTestId('unsaved-dialog')).toBeNull());
    expect(api.newDocument).not.toHaveBeenCalled();
    expect(api.save).not.toHaveBeenCalled();
    expect(screen.getByTestId('file-name')).toHaveTextContent('order-processing.asl.json');
  });

  it("Don't save tells Rust to discard them", async () => {
    const api = fakeApi(view({ dirty: true }));
    const user = userEvent.setup();
    await renderApp(api);
    act(() => ctrl('n'));
    await user.click(await screen.findByTestId('unsaved-discard'));
    await waitFor(() => expect(api.newDocument).toHaveBeenCalledWith(true));
    expect(api.save).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByTestId('file-name')).toHaveTextContent('Untitled.asl.json'));
  });

  it('asks when Rust refuses for unsaved edits the window had not seen yet, by its code', async () => {
    // The window shows no unsaved edits, but Rust holds some (an edit answered late).
    const refused = new CommandError({ code: 'unsaved-edits', message: 'any wording', pointer: null });
    const newDocument = vi.fn((discard: boolean) =>
      discard ? Promise.resolve(view({ path: null, fileName: 'Untitled.asl.json' })) : Promise.reject(refused),
    );
    const api = fakeApi(view({ dirty: false }), { newDocument });
    const user = userEvent.setup();
    await renderApp(api);
    act(() => ctrl('n'));
    await user.click(await screen.findByTestId('unsaved-discard'));
    await waitFor(() => expect(screen.getByTestId('file-name')).toHaveTextContent('Untitled.asl.json'));
    expect(newDocument).toHaveBeenLastCalledWith(true);
  });

  it('offers the edits a killed session left, and restores or discards each', async () => {
    const left = [
      { id: 'file-1', path: '/m/refund.asl.json', fileName: 'refund.asl.json', savedAtMs: 1_700_000_000_000 },
      { id: 'file-2', path: '/m/orders.asl.json', fileName: 'orders.asl.json', savedAtMs: 1_690_000_000_000 },
    ];
    const api = fakeApi(null, {
      listRecovered: vi.fn(() => Promise.resolve(left)),
      discardRecovered: vi.fn(() => Promise.resolve(left.slice(0, 1))),
    });
    const user = userEvent.setup();
    await renderApp(api);
    const rows = await screen.findAllByTestId('recovered-document');
    expect(rows.map((r) => r.dataset.file)).toEqual(['refund.asl.json', 'orders.asl.json']);
    await user.click(within(rows[1] as HTMLElement).getByTestId('recovery-discard'));
    expect(api.discardRecovered).toHaveBeenCalledWith('file-2');
    await waitFor(() => expect(screen.getAllByTestId('recovered-document')).toHaveLength(1));
    await user.click(screen.getByTestId('recovery-restore'));
    await waitFor(() => expect(api.restoreRecovered).toHaveBeenCalledWith('file-1', false));
    await waitFor(() => expect(screen.queryByTestId('recovery-banner')).toBeNull());
    expect(screen.getByTestId('file-name')).toHaveTextContent('file-1.asl.json');
    expect(screen.getByTestId('dirty')).toBeInTheDocument();
  });

  it('Save saves first, then opens the recent file', async () => {
    const api = fakeApi(view({ dirty: true }));
    const user = userEvent.setup();
    await renderApp(api);
    await user.click(screen.getByTestId('toolbar-open-menu'));
    await user.click(screen.getByText('refund.asl.json'));
    const dialog = await screen.findByTestId('unsaved-dialog');
    expect(dialog).toHaveAttribute('data-reason', 'open');
    await user.click(screen.getByTestId('unsaved-save'));
    await waitFor(() => expect(api.openDocument).toHaveBeenCalledWith('/home/me/flows/refund.asl.json', false));
    expect(api.save).toHaveBeenCalledTimes(1);
  });

  it('an example opened from the Open menu asks first', async () => {
    const api = fakeApi(view({ dirty: true }));
    const user = userEvent.setup();
    await renderApp(api);
    await user.click(screen.getByTestId('toolbar-open-menu'));
    expect(screen.getByText('Examples')).toBeInTheDocument();
    await user.click(screen.getByText('Processes an order'));
    expect(await screen.findByTestId('unsaved-dialog')).toHaveAttribute('data-reason', 'example');
    await user.click(screen.getByTestId('unsaved-discard'));
    await waitFor(() => expect(api.openExample).toHaveBeenCalledWith('order-processing.asl.json', true));
  });

  it('a cancelled Save As keeps the document', async () => {
    const api = fakeApi(view({ dirty: true, path: null, fileName: 'Untitled.asl.json' }), { save: vi.fn(() => Promise.resolve(null)) });
    const user = userEvent.setup();
    await renderApp(api);
    act(() => ctrl('o'));
    await user.click(await screen.findByTestId('unsaved-save'));
    await waitFor(() => expect(api.save).toHaveBeenCalled());
    await waitFor(() => expect(screen.queryByTestId('unsaved-dialog')).toBeNull());
    expect(api.openWithDialog).not.toHaveBeenCalled();
  });

  it('asks when the window is closed, and closes after Save', async () => {
    let close: (() => void) | null = null;
    const api = fakeApi(view({ dirty: true }), {
      onCloseRequested: vi.fn((handler: () => void) => {
        close = handler;
        return Promise.resolve(() => undefined);
      }),
    });
    const user = userEvent.setup();
    await renderApp(api);
    await waitFor(() => expect(close).not.toBeNull());
    act(() => close?.());
    expect(await screen.findByTestId('unsaved-dialog')).toHaveAttribute('data-reason', 'close');
    await user.click(screen.getByTestId('unsaved-save'));
    await waitFor(() => expect(api.closeWindow).toHaveBeenCalled());
    expect(api.save).toHaveBeenCalled();
  });

  it('asks nothing when nothing is unsaved', async () => {
    const api = fakeApi(view({ dirty: false }));
    await renderApp(api);
    act(() => ctrl('n'));
    await waitFor(() => expect(api.newDocument).toHaveBeenCalledWith(false));
    expect(screen.queryByTestId('unsaved-dialog')).toBeNull();
  });
});

describe('App without a document', () => {
  it('invites to open a file, start blank or start from an example', async () => {
    const api = fakeApi(null);
    const user = userEvent.setup();
    await renderApp(api);
    expect(screen.getByTestId('empty-state')).toBeInTheDocument();
    expect(screen.queryByTestId('file-name')).toBeNull();
    // No file's title: the page's own (index.html's, empty in the test's page).
    expect(document.title).toBe('');
    expect(screen.getByText('refund.asl.json')).toBeInTheDocument();
    expect(screen.getByText('Charges, ships and confirms')).toBeInTheDocument();
    await user.click(screen.getByText('Processes an order'));
    expect(api.openExample).toHaveBeenCalledWith('order-processing.asl.json', false);
    await waitFor(() => expect(screen.getByTestId('file-name')).toHaveTextContent('Untitled.asl.json'));
  });

  it('opens a recent file', async () => {
    const api = fakeApi(null);
    const user = userEvent.setup();
    await renderApp(api);
    await user.click(screen.getByText('refund.asl.json'));
    expect(api.openDocument).toHaveBeenCalledWith('/home/me/flows/refund.asl.json', false);
    await waitFor(() => expect(screen.getByTestId('file-name')).toHaveTextContent('refund.asl.json'));
  });

  it('opens the dialog with Ctrl+O and stays empty when it is cancelled', async () => {
    const api = fakeApi(null);
    await renderApp(api);
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'o', ctrlKey: true }));
      await Promise.resolve();
    });
    expect(api.openWithDialog).toHaveBeenCalled();
    expect(screen.getByTestId('empty-state')).toBeInTheDocument();
  });

  it('starts a new document', async () => {
    const api = fakeApi(null);
    const user = userEvent.setup();
    await renderApp(api);
    await user.click(screen.getByTestId('empty-new'));
    await waitFor(() => expect(screen.getByTestId('file-name')).toHaveTextContent('Untitled.asl.json'));
  });

  it('reports a failing backend instead of crashing', async () => {
    const api = fakeApi(null, { currentDocument: vi.fn(() => Promise.reject(new Error('IPC is down'))) });
    await renderApp(api);
    expect(screen.getByRole('alert')).toHaveTextContent('IPC is down');
  });
});
