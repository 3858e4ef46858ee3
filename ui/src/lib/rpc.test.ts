import { beforeEach, describe, expect, it, vi } from 'vitest';

/** What the fake `invoke` was called with, and what it answers. */
const calls: Array<[string, unknown]> = [];
let answer: () => Promise<unknown> = () => Promise.resolve(null);
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (cmd: string, args: unknown) => {
    calls.push([cmd, args]);
    return answer();
  },
}));

const { CommandError, call, failedWith } = await import('./rpc');

beforeEach(() => {
  calls.length = 0;
  answer = () => Promise.resolve(null);
});

describe('call', () => {
  it('sends the request under `request`, and null for a command that takes nothing', async () => {
    await call('open_document', { path: '/m/a.asl.json', discard: false });
    await call('undo');
    expect(calls).toEqual([
      ['open_document', { request: { path: '/m/a.asl.json', discard: false } }],
      ['undo', { request: null }],
    ]);
  });

  const rustError = { code: 'edit-refused', message: '/States/Nope: no such state', pointer: '/States/Nope' };
  it("turns Rust's {code, message, pointer} into a CommandError the UI branches on by code", async () => {
    answer = () => Promise.reject(rustError);
    const err: unknown = await call('apply_edit', { op: 'delete', pointers: ['/States/Nope'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(failedWith(err, 'edit-refused')).toBe(true);
    expect(failedWith(err, 'unsaved-edits')).toBe(false);
    expect(err instanceof CommandError ? [err.message, err.pointer] : null).toEqual(['/States/Nope: no such state', '/States/Nope']);
  });

  it('passes on a failure that is not a command error (Tauri itself refused)', async () => {
    answer = () => Promise.reject('command open_documnt not found');
    await expect(call('undo')).rejects.toBe('command open_documnt not found');
  });
});

/*
 * The contract at the type level: these lines are checked by `tsc --noEmit` (part of
 * `make test`). Each `@ts-expect-error` fails the compile if the line below it compiles, so
 * a misspelt or removed command, a wrong request or a missing one cannot pass unnoticed.
 */
export function typeChecks(): void {
  // @ts-expect-error: no command is called `open_documnt`.
  void call('open_documnt', { path: 'a', discard: false });
  // @ts-expect-error: `open_document` needs `discard` as well.
  void call('open_document', { path: 'a' });
  // @ts-expect-error: `undo` takes no request.
  void call('undo', { steps: 2 });
  // @ts-expect-error: `set_text` needs its text.
  void call('set_text');
  const reply: Promise<{ fileName: string } | null> = call('current_document');
  void reply;
  // @ts-expect-error: `recent_files` answers a list of paths, not a view.
  const wrong: Promise<{ fileName: string }> = call('recent_files');
  void wrong;
}
