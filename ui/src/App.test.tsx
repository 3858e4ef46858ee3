import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from './App';
import type { DocumentView } from './bindings/DocumentView';
import type { DocumentApi } from './lib/api';
import { problem, view } from './test/fixtures';

function fakeApi(initial: DocumentView | null, overrides: Partial<DocumentApi> = {}): DocumentApi {
  return {
    currentDocument: vi.fn(() => Promise.resolve(initial)),
    openDocument: vi.fn((path: string) => Promise.resolve(view({ path, fileName: path.split('/').pop() ?? path }))),
    reloadDocument: vi.fn(() => Promise.resolve(initial)),
    pickFile: vi.fn(() => Promise.resolve(null)),
    ...overrides,
  };
}

async function renderApp(api: DocumentApi): Promise<void> {
  render(<App api={api} />);
  await waitFor(() => expect(api.currentDocument).toHaveBeenCalled());
  await waitFor(() => expect(document.querySelector('.app')).toHaveAttribute('aria-busy', 'false'));
}

function stateRows(): HTMLElement[] {
  return within(screen.getByRole('listbox', { name: 'States' })).getAllByRole('option');
}

describe('App with a document', () => {
  it('shows the file name in the header and the document title', async () => {
    await renderApp(fakeApi(view()));
    expect(screen.getByTestId('file-name')).toHaveTextContent('order-processing.asl.json');
    expect(screen.getByText('/home/me/machines/order-processing.asl.json')).toBeInTheDocument();
    expect(document.title).toBe('Stepwise — order-processing.asl.json');
  });

  it('lists every state in order with its type badge and depth', async () => {
    await renderApp(fakeApi(view()));
    const rows = stateRows();
    expect(rows.map((r) => r.querySelector('.state-name')?.textContent)).toEqual([
      'Validate',
      'Fork',
      'Charge',
      'Ship',
      'Pack',
      'Done',
    ]);
    expect(rows.map((r) => within(r).getByTestId('state-badge').textContent)).toEqual([
      'Task',
      'Parallel',
      'Task',
      'Map',
      'Pass',
      'Succeed',
    ]);
    expect(rows.map((r) => r.dataset.depth)).toEqual(['0', '0', '1', '1', '2', '0']);
    expect(rows[4]?.querySelectorAll('.indent-guide')).toHaveLength(2);
    expect(within(rows[1] as HTMLElement).getByTestId('state-badge')).toHaveClass('badge--parallel');
  });

  it('marks the start state', async () => {
    await renderApp(fakeApi(view()));
    const [first, second] = stateRows();
    expect(within(first as HTMLElement).getByText('Start')).toBeInTheDocument();
    expect(within(second as HTMLElement).queryByText('Start')).toBeNull();
  });

  it('says "No problems" when the validator found none', async () => {
    await renderApp(fakeApi(view()));
    expect(screen.getByRole('status')).toHaveTextContent('No problems');
    expect(screen.getByText('Valid')).toBeInTheDocument();
  });

  it('lists problems with severity, code, message and pointer, and flags their state', async () => {
    const problems = [
      problem('/States/Fork/Branches/0/States/Charge/Next', 'next-not-found', 'error'),
      problem('', 'definition-too-large', 'warning'),
    ];
    await renderApp(fakeApi(view({ problems })));
    const list = screen.getByRole('list', { name: 'Problems' });
    const items = within(list).getAllByRole('button');
    expect(items).toHaveLength(2);
    const first = items[0] as HTMLElement;
    expect(first).toHaveAttribute('data-pointer', '/States/Fork/Branches/0/States/Charge/Next');
    expect(within(first).getByLabelText('error')).toBeInTheDocument();
    expect(within(first).getByText('next-not-found')).toBeInTheDocument();
    expect(within(first).getByText('in Charge')).toBeInTheDocument();
    expect(within(first).getByText('next-not-found at /States/Fork/Branches/0/States/Charge/Next')).toBeInTheDocument();
    const second = items[1] as HTMLElement;
    expect(within(second).getByLabelText('warning')).toBeInTheDocument();
    expect(within(second).getByText('/')).toBeInTheDocument();
    expect(screen.getByText('1 error')).toBeInTheDocument();
    expect(screen.getByText('1 warning')).toBeInTheDocument();
    expect(screen.queryByText('No problems')).toBeNull();

    const charge = stateRows()[2] as HTMLElement;
    expect(charge).toHaveClass('has-errors');
    expect(within(charge).getByTitle('1 error')).toHaveTextContent('1');
  });

  it('selects the state of a problem when the problem is clicked', async () => {
    const user = userEvent.setup();
    await renderApp(fakeApi(view({ problems: [problem('/States/Fork/Branches/1/States/Ship/ItemProcessor')] })));
    await user.click(within(screen.getByRole('list', { name: 'Problems' })).getByRole('button'));
    const selected = stateRows().filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected.map((r) => r.dataset.pointer)).toEqual(['/States/Fork/Branches/1/States/Ship']);
  });

  it('shows why a file could not be opened', async () => {
    await renderApp(
      fakeApi(view({ states: [], format: null, error: '/tmp/x.json: invalid JSON at line 1, column 2: oops' })),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('This file could not be opened');
    expect(screen.getByRole('alert')).toHaveTextContent('invalid JSON at line 1, column 2');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('reloads the document from disk', async () => {
    const reloaded = view({ states: [view().states[0]!], comment: null });
    const api = fakeApi(view(), { reloadDocument: vi.fn(() => Promise.resolve(reloaded)) });
    const user = userEvent.setup();
    await renderApp(api);
    await user.click(screen.getByRole('button', { name: /Reload/ }));
    await waitFor(() => expect(stateRows()).toHaveLength(1));
  });
});

describe('App without a document', () => {
  it('shows the empty state and no header file name', async () => {
    await renderApp(fakeApi(null));
    expect(screen.getByRole('heading', { name: 'Open a file' })).toBeInTheDocument();
    expect(screen.queryByTestId('file-name')).toBeNull();
    expect(document.title).toBe('Stepwise');
  });

  it('opens the file picked in the dialog', async () => {
    const api = fakeApi(null, { pickFile: vi.fn(() => Promise.resolve('/work/flows/refund.asl.json')) });
    const user = userEvent.setup();
    await renderApp(api);
    const card = screen.getByRole('main');
    await user.click(within(card).getByRole('button', { name: /Open/ }));
    await waitFor(() => expect(screen.getByTestId('file-name')).toHaveTextContent('refund.asl.json'));
    expect(api.openDocument).toHaveBeenCalledWith('/work/flows/refund.asl.json');
  });

  it('stays empty when the dialog is cancelled', async () => {
    const api = fakeApi(null);
    const user = userEvent.setup();
    await renderApp(api);
    await user.click(within(screen.getByRole('main')).getByRole('button', { name: /Open/ }));
    await waitFor(() => expect(api.pickFile).toHaveBeenCalled());
    expect(api.openDocument).not.toHaveBeenCalled();
    expect(screen.getByRole('heading', { name: 'Open a file' })).toBeInTheDocument();
  });

  it('opens with Ctrl+O', async () => {
    const api = fakeApi(null);
    await renderApp(api);
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'o', ctrlKey: true }));
      await Promise.resolve();
    });
    expect(api.pickFile).toHaveBeenCalled();
  });

  it('reports a failing backend instead of crashing', async () => {
    const api = fakeApi(null, { currentDocument: vi.fn(() => Promise.reject(new Error('IPC is down'))) });
    await renderApp(api);
    expect(screen.getByRole('alert')).toHaveTextContent('IPC is down');
  });
});
