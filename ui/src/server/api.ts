import type { ServerStatus } from '../bindings/ServerStatus';
import type { StartServer } from '../bindings/StartServer';
import { call, on } from '../lib/rpc';

/**
 * The Step Functions API server the studio serves or follows. Passed in, like `RunApi`, so
 * tests can fake it.
 */
export interface ServerApi {
  status(): Promise<ServerStatus>;
  /** Serves the API on 127.0.0.1 (`port` null: 8083, Step Functions Local's). */
  start(request: StartServer): Promise<ServerStatus>;
  /** Follows the executions of a server running elsewhere. */
  attach(url: string): Promise<ServerStatus>;
  stop(): Promise<ServerStatus>;
  /** Started, stopped, an execution arrived, or the attached server stopped answering. */
  onChanged(handler: (status: ServerStatus) => void): Promise<() => void>;
}

export const tauriServerApi: ServerApi = {
  status: () => call('server_status'),
  start: (request) => call('start_server', request),
  attach: (url) => call('attach_server', url),
  stop: () => call('stop_server'),
  onChanged: (handler) => on('server-changed', handler),
};
