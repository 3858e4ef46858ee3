import { useState, type ReactElement } from 'react';
import { ModalDialog } from '../components/ModalDialog';
import type { CloudMachine } from '../bindings/CloudMachine';
import type { CloudRun } from '../bindings/CloudRun';
import type { ExecutionSummary } from '../bindings/ExecutionSummary';
import { formatStart } from '../run/labels';
import { EXECUTION_STATUSES, type CloudBrowser, type ExecutionFilter } from './useCloud';
import './cloud.css';

export interface CloudPanelProps {
  cloud: CloudBrowser;
  /** A document is open (it can be deployed and run). */
  hasDoc: boolean;
  onOpenMachine: (arn: string) => void;
  /** An execution was opened as a run: the panel closes so the canvas shows it. */
  onOpenedRun: () => void;
  onDeploy: () => void;
  /** Starts the linked machine with the run panel's input. */
  onStart: () => void;
  onClose: () => void;
}

/**
 * The AWS panel (a dialog): connect with a profile, region or endpoint; search the account's
 * machines and open one on the canvas; list a machine's executions and replay or follow one;
 * deploy and run the open document.
 */
export function CloudPanel(props: CloudPanelProps): ReactElement {
  const { cloud } = props;
  return (
    <ModalDialog
      className="modal cloud-panel"
      aria-labelledby="cloud-title"
      data-testid="cloud-panel"
      onCancel={props.onClose}
    >
      <header className="cloud-head">
        <h2 id="cloud-title">AWS Step Functions</h2>
        <StatusLine cloud={cloud} />
        <button type="button" className="button cloud-close" onClick={props.onClose} aria-label="Close" data-testid="cloud-close">
          ×
        </button>
      </header>
      <ConnectForm cloud={cloud} />
      {cloud.status.connected ? (
        <div className="cloud-body">
          <MachineList cloud={cloud} />
          {cloud.selected === null ? (
            <p className="cloud-empty cloud-details">Select a state machine to see its settings, versions and executions.</p>
          ) : (
            <Details cloud={cloud} machine={cloud.selected} onOpenMachine={props.onOpenMachine} onOpenedRun={props.onOpenedRun} />
          )}
        </div>
      ) : (
        <p className="cloud-empty cloud-intro">
          Credentials are found as the AWS CLI finds them: environment variables, <code>~/.aws/config</code> and <code>credentials</code> profiles, SSO, roles. They stay in
          Stepwise&apos;s Rust side and never reach this window.
        </p>
      )}
      {props.hasDoc && (
        <footer className="cloud-foot" data-testid="cloud-link">
          <span className="cloud-foot__text">
            {cloud.link === null ? (
              'This document is not deployed yet.'
            ) : (
              <>
                This document is linked to <strong>{cloud.link.name}</strong>
              </>
            )}
          </span>
          <button type="button" className="button" disabled={!cloud.status.connected} onClick={props.onDeploy} data-testid="cloud-deploy">
            Deploy…
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!cloud.status.connected || cloud.link === null}
            title={cloud.link === null ? 'Deploy the document first' : `Start ${cloud.link.name} with the run panel's input and follow it here`}
            onClick={props.onStart}
            data-testid="cloud-start"
          >
            Run in AWS
          </button>
        </footer>
      )}
    </ModalDialog>
  );
}

function StatusLine({ cloud }: { cloud: CloudBrowser }): ReactElement {
  const s = cloud.status;
  if (!s.connected) {
    return (
      <span className="cloud-status" data-testid="cloud-status" data-connected="false">
        <span className="cloud-dot" aria-hidden="true" /> Not connected
      </span>
    );
  }
  const parts = [s.region, s.endpoint === null ? null : `endpoint ${s.endpoint}`, s.profile === null ? null : `profile ${s.profile}`].filter((p) => p !== null);
  return (
    <span className="cloud-status" data-testid="cloud-status" data-connected="true">
      <span className="cloud-dot cloud-dot--on" aria-hidden="true" /> Connected · {parts.join(' · ')}
    </span>
  );
}

function ConnectForm({ cloud }: { cloud: CloudBrowser }): ReactElement {
  const [profile, setProfile] = useState(cloud.status.profile ?? '');
  const [region, setRegion] = useState(cloud.status.region ?? '');
  const [endpoint, setEndpoint] = useState('');
  const value = (v: string): string | null => (v.trim() === '' ? null : v.trim());
  return (
    <form
      className="cloud-connect"
      onSubmit={(e) => {
        e.preventDefault();
        cloud.connect({ profile: value(profile), region: value(region), endpointUrl: value(endpoint) });
      }}
    >
      <label>
        <span>Profile</span>
        <input className="input" value={profile} placeholder="default" spellCheck={false} onChange={(e) => setProfile(e.target.value)} data-testid="cloud-profile" />
      </label>
      <label>
        <span>Region</span>
        <input className="input" value={region} placeholder="from the profile" spellCheck={false} onChange={(e) => setRegion(e.target.value)} data-testid="cloud-region" />
      </label>
      <label className="cloud-connect__wide">
        <span>Endpoint URL</span>
        <input
          className="input"
          value={endpoint}
          placeholder="AWS (or LocalStack: http://localhost:4566)"
          spellCheck={false}
          onChange={(e) => setEndpoint(e.target.value)}
          data-testid="cloud-endpoint"
        />
      </label>
      <button type="submit" className="button button--primary" disabled={cloud.connecting} data-testid="cloud-connect">
        {cloud.connecting ? 'Connecting…' : cloud.status.connected ? 'Reconnect' : 'Connect'}
      </button>
      {cloud.status.error !== null && (
        <p className="cloud-error" role="alert" data-testid="cloud-error">
          {cloud.status.error}
        </p>
      )}
    </form>
  );
}

function MachineList({ cloud }: { cloud: CloudBrowser }): ReactElement {
  return (
    <section className="cloud-machines" aria-label="State machines">
      <input
        className="input cloud-search"
        type="search"
        placeholder="Search state machines"
        value={cloud.query}
        onChange={(e) => cloud.search(e.target.value)}
        data-testid="cloud-search"
      />
      <ul className="cloud-list" data-testid="cloud-machines">
        {cloud.machines.map((m) => (
          <li key={m.arn}>
            <button
              type="button"
              className="cloud-row"
              aria-current={cloud.selected?.machine.arn === m.arn ? 'true' : undefined}
              onClick={() => cloud.select(m.arn)}
              data-testid="cloud-machine"
              data-name={m.name}
            >
              <span className="cloud-row__name">{m.name}</span>
              <span className="cloud-chip">{m.type === 'EXPRESS' ? 'Express' : 'Standard'}</span>
              <span className="cloud-row__when">{formatStart(m.createdMs)}</span>
            </button>
          </li>
        ))}
      </ul>
      {cloud.machines.length === 0 && !cloud.loadingMachines && (
        <p className="cloud-empty">{cloud.query === '' ? 'No state machines in this region.' : `No state machine's name contains “${cloud.query}”.`}</p>
      )}
      {cloud.hasMore && (
        <button type="button" className="button cloud-more" disabled={cloud.loadingMachines} onClick={cloud.more} data-testid="cloud-more">
          Load more
        </button>
      )}
    </section>
  );
}

function Details({
  cloud,
  machine,
  onOpenMachine,
  onOpenedRun,
}: {
  cloud: CloudBrowser;
  machine: CloudMachine;
  onOpenMachine: (arn: string) => void;
  onOpenedRun: () => void;
}): ReactElement {
  const m = machine.machine;
  const opened = (p: Promise<CloudRun | null>): void => void p.then((r) => r !== null && onOpenedRun());
  return (
    <section className="cloud-details" aria-label={m.name} data-testid="cloud-details">
      <div className="cloud-details__head">
        <h3>{m.name}</h3>
        <button type="button" className="button button--primary" onClick={() => onOpenMachine(m.arn)} data-testid="cloud-open-machine">
          Open on canvas
        </button>
      </div>
      <dl className="cloud-facts">
        <dt>ARN</dt>
        <dd>
          <code>{m.arn}</code>
        </dd>
        <dt>Type</dt>
        <dd>{m.type === 'EXPRESS' ? 'Express' : 'Standard'}</dd>
        <dt>Revision</dt>
        <dd>{m.revisionId ?? '—'}</dd>
        <dt>Role</dt>
        <dd>
          <code>{m.roleArn}</code>
        </dd>
        <dt>Created</dt>
        <dd>{formatStart(m.createdMs)}</dd>
        <dt>Logging</dt>
        <dd>{m.logging === null || m.logging.level === 'OFF' ? 'Off' : m.logging.level}{m.tracing ? ' · X-Ray tracing' : ''}</dd>
        <dt>Versions</dt>
        <dd data-testid="cloud-versions">{machine.versions === null ? 'not listed by this endpoint' : machine.versions.length === 0 ? 'none published' : machine.versions.map((v) => v.number ?? '?').join(', ')}</dd>
        <dt>Aliases</dt>
        <dd data-testid="cloud-aliases">
          {machine.aliases === null
            ? 'not listed by this endpoint'
            : machine.aliases.length === 0
              ? 'none'
              : machine.aliases.map((a) => `${a.name} → ${a.routes.map((r) => `${versionOf(r.versionArn)} (${r.weight}%)`).join(', ')}`).join('; ')}
        </dd>
      </dl>
      <div className="cloud-exec-head">
        <h4>Executions</h4>
        <select
          className="input"
          aria-label="Status"
          value={cloud.filter}
          onChange={(e) => cloud.setFilter(e.target.value as ExecutionFilter)}
          data-testid="cloud-filter"
        >
          {EXECUTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s === '' ? 'All statuses' : statusLabel(s)}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={cloud.refreshExecutions} data-testid="cloud-refresh">
          Refresh
        </button>
      </div>
      <ul className="cloud-list cloud-executions" data-testid="cloud-executions">
        {cloud.executions.map((e) => (
          <ExecutionRow key={e.arn} e={e} onOpen={() => opened(cloud.openExecution(e.arn))} onStop={() => cloud.stop(e.arn)} onRedrive={() => opened(cloud.redrive(e.arn))} />
        ))}
      </ul>
      {cloud.executions.length === 0 && <p className="cloud-empty">No executions{cloud.filter === '' ? '' : ` ${statusLabel(cloud.filter).toLowerCase()}`}.</p>}
      {cloud.hasMoreExecutions && (
        <button type="button" className="button cloud-more" onClick={cloud.moreExecutions}>
          Load more
        </button>
      )}
    </section>
  );
}

function ExecutionRow({ e, onOpen, onStop, onRedrive }: { e: ExecutionSummary; onOpen: () => void; onStop: () => void; onRedrive: () => void }): ReactElement {
  const redrivable = e.status === 'FAILED' || e.status === 'TIMED_OUT' || e.status === 'ABORTED';
  return (
    <li className="cloud-exec" data-testid="cloud-execution" data-status={e.status} data-name={e.name}>
      <span className={`cloud-badge cloud-badge--${e.status.toLowerCase()}`}>{statusLabel(e.status)}</span>
      <span className="cloud-row__name" title={e.arn}>
        {e.name}
      </span>
      <span className="cloud-row__when">{formatStart(e.startMs)}</span>
      <button type="button" className="button" onClick={onOpen} title={e.status === 'RUNNING' ? 'Follow it live on the canvas' : 'Replay its history on the canvas'} data-testid="cloud-open-execution">
        {e.status === 'RUNNING' ? 'Follow' : 'Replay'}
      </button>
      {e.status === 'RUNNING' && (
        <button type="button" className="button" onClick={onStop} data-testid="cloud-stop">
          Stop
        </button>
      )}
      {redrivable && (
        <button type="button" className="button" onClick={onRedrive} title="Run again from where it failed (RedriveExecution)" data-testid="cloud-redrive">
          Redrive
        </button>
      )}
    </li>
  );
}

function statusLabel(s: string): string {
  const words = s.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `…:stateMachine:Orders:3` → `v3`. */
function versionOf(arn: string): string {
  const n = arn.split(':').pop() ?? '';
  return /^\d+$/.test(n) ? `v${n}` : n;
}
