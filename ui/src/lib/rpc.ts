import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { AppError } from '../bindings/AppError';
import type { Commands } from '../bindings/Commands';
import type { ErrorCode } from '../bindings/ErrorCode';
import type { Events } from '../bindings/Events';

/*
 * The typed client of the commands and events declared once in Rust
 * (`src-tauri/src/contract.rs`). Both tables are generated: a command or event that Rust
 * renames or removes makes every call of it fail `tsc`.
 */

export type CommandName = keyof Commands;
export type RequestOf<K extends CommandName> = Commands[K][0];
/** A command's reply; `void` for one that answers nothing (`null`). */
export type ReplyOf<K extends CommandName> = Commands[K][1] extends null ? void : Commands[K][1];
/** The arguments after the name: none when the command takes nothing (`null`). */
type RequestArgs<K extends CommandName> = RequestOf<K> extends null ? [] : [request: RequestOf<K>];

/** A command's failure as Rust sent it: branch on `code`, show `message`. */
export class CommandError extends Error {
  readonly code: ErrorCode;
  readonly pointer: string | null;

  constructor(reply: AppError) {
    super(reply.message);
    this.name = 'CommandError';
    this.code = reply.code;
    this.pointer = reply.pointer;
  }
}

function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** Calls a command; it rejects with a `CommandError` when Rust answers with an error. */
export async function call<K extends CommandName>(name: K, ...args: RequestArgs<K>): Promise<ReplyOf<K>> {
  const request = args.length === 0 ? null : args[0];
  try {
    return await invoke<ReplyOf<K>>(name, { request });
  } catch (err: unknown) {
    throw isAppError(err) ? new CommandError(err) : err;
  }
}

/** Whether `err` is a command's failure with this code. */
export function failedWith(err: unknown, code: ErrorCode): boolean {
  return err instanceof CommandError && err.code === code;
}

export type EventName = keyof Events;

/** Calls `handler` with every payload of an event Rust pushes; resolves to the unsubscriber. */
export function on<E extends EventName>(event: E, handler: (payload: Events[E]) => void): Promise<() => void> {
  return listen<Events[E]>(event, (e) => handler(e.payload));
}
