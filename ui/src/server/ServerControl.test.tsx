import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ServerStatus } from '../bindings/ServerStatus';
import { CommandError } from '../lib/rpc';
import type { ServerApi } from './api';
import { ServerControl } from './ServerControl';
import { useServer } from './useServer';

const OFF: ServerStatus = { mode: 'off', url: null, port: null, executions: 0, error: null };
const SERVING: ServerStatus = { mode: 'serving', url: 'http://127.0.0.1:8083', port: 8083, executions: 0, error: null };

function fakeApi(): { api: ServerApi; push: (s: ServerStatus) => void } {
  const handlers = new Set<(s: ServerStatus) => void>();
  const api: ServerApi = {
    status: vi.fn(() => Promise.resolve(OFF)),
    start: vi.fn(() => Promise.resolve(SERVING)),
    attach: vi.fn(() => Promise.reject(new CommandError({ code: 'server', message: 'http://nowhere:1 does not answer', pointer: null }))),
    stop: vi.fn(() => Promise.resolve(OFF)),
    onChanged: (h) => {
      handlers.add(h);
      return Promise.resolve(() => handlers.delete(h));
    },
  };
  return { api, push: (s) => handlers.forEach((h) => h(s)) };
}

function Harness({ api, notify, arrived }: { api: ServerApi; notify: (t: string) => void; arrived: () => void }): ReactElement | null {
  const server = useServer(api, notify, arrived);
  return server === null ? null : <ServerControl server={server} mockConfig="bundled:order-processing.mocks.json" />;
}

describe('the toolbar server control', () => {
  it('serves with the run panel mock config, counts arrivals and stops', async () => {
    const user = userEvent.setup();
    const { api, push } = fakeApi();
    const arrived = vi.fn();
    render(<Harness api={api} notify={vi.fn()} arrived={arrived} />);
    const button = await screen.findByTestId('toolbar-server');
    expect(button.dataset.mode).toBe('off');
    await user.click(button);
    expect(screen.getByTestId('server-popover').textContent).toContain('order-processing.mocks.json');
    await user.click(screen.getByTestId('server-start'));
    expect(api.start).toHaveBeenCalledWith({ port: null, mockConfig: 'bundled:order-processing.mocks.json' });
    expect(await screen.findByText(':8083')).toBeTruthy();
    expect(screen.queryByTestId('server-popover')).toBeNull();

    act(() => push({ ...SERVING, executions: 2 }));
    expect(screen.getByTestId('server-count').textContent).toBe('2');
    expect(arrived).toHaveBeenCalledTimes(1);
    act(() => push({ ...SERVING, executions: 2 }));
    expect(arrived).toHaveBeenCalledTimes(1);

    await user.click(screen.getByTestId('toolbar-server'));
    expect(screen.getByTestId('server-url-shown').textContent).toBe('http://127.0.0.1:8083');
    await user.click(screen.getByTestId('server-stop'));
    expect(api.stop).toHaveBeenCalled();
    expect((await screen.findByTestId('toolbar-server')).dataset.mode).toBe('off');
  });

  it("says why a server to attach to does not answer", async () => {
    const user = userEvent.setup();
    const { api } = fakeApi();
    const notify = vi.fn();
    render(<Harness api={api} notify={notify} arrived={vi.fn()} />);
    await user.click(await screen.findByTestId('toolbar-server'));
    const url = screen.getByTestId('server-url');
    await user.clear(url);
    await user.type(url, 'nowhere:1');
    await user.click(screen.getByTestId('server-attach'));
    expect(api.attach).toHaveBeenCalledWith('nowhere:1');
    await vi.waitFor(() => expect(notify).toHaveBeenCalledWith('http://nowhere:1 does not answer'));
    expect(screen.getByTestId('toolbar-server').dataset.mode).toBe('off');
  });
});
