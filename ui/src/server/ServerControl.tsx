import { useState, type ReactElement } from 'react';
import { usePopover } from '../components/usePopover';
import type { ServerControl as Control } from './useServer';
import './server.css';

/** Where Step Functions Local listens, and so where suites and compose files point. */
const DEFAULT_URL = 'http://localhost:8083';

/**
 * The toolbar's Step Functions API control: serve the API from the studio, or follow a server
 * running elsewhere; the button shows where and how many executions came in.
 */
export function ServerControl({ server, mockConfig }: { server: Control; mockConfig: string | null }): ReactElement {
  const [open, setOpen, ref] = usePopover();
  const { status } = server;
  const on = status.mode !== 'off';
  const where = status.mode === 'serving' ? `:${status.port ?? ''}` : status.mode === 'attached' ? shortUrl(status.url) : 'API';
  const title =
    status.mode === 'serving'
      ? `Serving the Step Functions API on ${status.url ?? ''}`
      : status.mode === 'attached'
        ? `Following ${status.url ?? ''}${status.error !== null ? `: ${status.error}` : ''}`
        : 'Serve the Step Functions API for test suites and the AWS CLI';
  return (
    <div className="menu-anchor server-anchor" ref={ref}>
      <button
        type="button"
        className={`button server-button${on ? ' server-button--on' : ''}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        title={title}
        aria-label={title}
        data-testid="toolbar-server"
        data-mode={status.mode}
        onClick={() => setOpen(!open)}
      >
        <span className={`server-dot server-dot--${status.error !== null ? 'trouble' : status.mode}`} aria-hidden="true" />
        <span className="server-where">{where}</span>
        {on && (
          <span className="server-count" data-testid="server-count" title="Executions seen">
            {status.executions}
          </span>
        )}
      </button>
      {open && (
        <div className="menu server-popover" role="dialog" aria-label="Step Functions API server" data-testid="server-popover">
          {status.mode === 'off' ? (
            <OffPanel server={server} mockConfig={mockConfig} done={() => setOpen(false)} />
          ) : (
            <OnPanel server={server} done={() => setOpen(false)} />
          )}
        </div>
      )}
    </div>
  );
}

function OffPanel({ server, mockConfig, done }: { server: Control; mockConfig: string | null; done: () => void }): ReactElement {
  const [url, setUrl] = useState(DEFAULT_URL);
  return (
    <>
      <p className="server-lead">
        Serve the AWS Step Functions API on localhost, as Step Functions Local does. Executions that test suites, SDKs or the AWS CLI start show here live and stop at your breakpoints.
      </p>
      {mockConfig !== null && (
        <p className="server-note">
          Mock config: <code>{fileName(mockConfig)}</code> (start with <code>arn#TestCase</code>)
        </p>
      )}
      <button
        type="button"
        className="button button--primary server-action"
        disabled={server.busy}
        data-testid="server-start"
        onClick={() => {
          server.start(mockConfig);
          done();
        }}
      >
        Serve on port 8083
      </button>
      <form
        className="server-attach"
        onSubmit={(e) => {
          e.preventDefault();
          server.attach(url);
          done();
        }}
      >
        <label htmlFor="server-url">Or follow a server running elsewhere</label>
        <div className="server-attach-row">
          <input id="server-url" className="input" value={url} spellCheck={false} onChange={(e) => setUrl(e.target.value)} data-testid="server-url" />
          <button type="submit" className="button" disabled={server.busy || url.trim() === ''} data-testid="server-attach">
            Attach
          </button>
        </div>
      </form>
    </>
  );
}

function OnPanel({ server, done }: { server: Control; done: () => void }): ReactElement {
  const { status } = server;
  const url = status.url ?? '';
  return (
    <>
      <p className="server-lead">
        {status.mode === 'serving' ? 'Serving the Step Functions API on' : 'Following the server at'} <code data-testid="server-url-shown">{url}</code>
      </p>
      {status.error !== null && <p className="server-trouble">{status.error}</p>}
      <p className="server-note">
        {status.executions === 1 ? '1 execution' : `${status.executions} executions`} so far. Executions of the open machine show on the canvas; others are kept under their machine&apos;s name.
      </p>
      {status.mode === 'serving' && <pre className="server-example">{`aws stepfunctions --endpoint-url ${url} \\\n  start-execution --state-machine-arn ...`}</pre>}
      <button
        type="button"
        className="button server-action"
        disabled={server.busy}
        data-testid="server-stop"
        onClick={() => {
          server.stop();
          done();
        }}
      >
        {status.mode === 'serving' ? 'Stop serving' : 'Stop following'}
      </button>
    </>
  );
}

function shortUrl(url: string | null): string {
  return (url ?? '').replace(/^https?:\/\//, '');
}

function fileName(path: string): string {
  return path.replace(/^bundled:/, '').split(/[\\/]/).pop() ?? path;
}
