import { useState, type ReactElement } from 'react';
import { ModalDialog } from '../components/ModalDialog';
import type { CloudDeploy } from '../bindings/CloudDeploy';
import type { CloudLink } from '../bindings/CloudLink';
import type { DeployPreview } from '../bindings/DeployPreview';
import type { Finding } from '../bindings/Finding';
import type { Settings } from '../bindings/Settings';

type Level = 'OFF' | 'ALL' | 'ERROR' | 'FATAL';

export interface DeployDialogProps {
  link: CloudLink | null;
  /** The document's name: a new machine's default name. */
  docName: string;
  preview: (request: CloudDeploy) => Promise<DeployPreview | null>;
  /** Deploys a new machine, or an unchanged definition, at once. */
  deploy: (request: CloudDeploy) => void;
  /** An update with changes: show them (the compare view) and deploy from there. */
  review: (request: CloudDeploy, preview: DeployPreview) => void;
  /** Selects a state the validator's finding is about. */
  reveal: (pointer: string) => void;
  onCancel: () => void;
}

/**
 * A document's machine name as Rust derives it (`Origin::stem`): the file name up to its first
 * dot (`order.asl.json` → `order`), the name its mock config and tests file use.
 */
export function machineName(fileName: string): string {
  const stem = fileName.split('.')[0] ?? '';
  return stem === '' ? 'StateMachine' : stem;
}

/**
 * Deploy…: where (the linked machine, or a name: updated if it exists, created if not), the
 * role, logging and tracing, publishing a version and moving an alias. "Check" asks AWS's
 * validator and what would change before anything is deployed.
 */
export function DeployDialog(props: DeployDialogProps): ReactElement {
  const [name, setName] = useState(props.link?.name ?? machineName(props.docName));
  const [roleArn, setRoleArn] = useState('');
  const [express, setExpress] = useState(false);
  const [publish, setPublish] = useState(false);
  const [versionDescription, setVersionDescription] = useState('');
  const [alias, setAlias] = useState('');
  const [tracing, setTracing] = useState(false);
  const [level, setLevel] = useState<Level>('OFF');
  const [logGroup, setLogGroup] = useState('');
  const [includeData, setIncludeData] = useState(false);
  const [checked, setChecked] = useState<DeployPreview | null>(null);
  const [checking, setChecking] = useState(false);

  const text = (v: string): string | null => (v.trim() === '' ? null : v.trim());
  const settings = (): Settings => ({
    roleArn: text(roleArn),
    type: express ? 'EXPRESS' : null,
    logging: level === 'OFF' ? null : { level, includeExecutionData: includeData, logGroupArn: text(logGroup) },
    tracing: tracing ? true : null,
    publish,
    versionDescription: publish ? text(versionDescription) : null,
    alias: publish ? text(alias) : null,
  });
  const request = (): CloudDeploy => ({ name: text(name), settings: settings() });
  // Any change to the form makes the last check stale.
  const edit = <T,>(set: (v: T) => void) => (v: T): void => {
    set(v);
    setChecked(null);
  };

  const check = (): void => {
    setChecking(true);
    void props
      .preview(request())
      .then(setChecked)
      .finally(() => setChecking(false));
  };
  const errors = checked?.findings.filter((f) => f.severity === 'ERROR') ?? [];
  const creating = checked !== null && checked.deployed === null;
  const needsRole = creating && text(roleArn) === null;
  const go = (): void => {
    if (checked === null) return;
    if (checked.deployed !== null && !checked.unchanged) props.review(request(), checked);
    else props.deploy(request());
  };

  return (
    <ModalDialog
      className="modal deploy-dialog"
      aria-labelledby="deploy-title"
      data-testid="deploy-dialog"
      onCancel={props.onCancel}
    >
      <h2 id="deploy-title">Deploy to AWS</h2>
      <form
        className="deploy-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (checked === null) check();
          else go();
        }}
      >
        <label>
          <span>State machine</span>
          <input className="input" value={name} spellCheck={false} onChange={(e) => edit(setName)(e.target.value)} data-testid="deploy-name" />
        </label>
        <label>
          <span>Role ARN</span>
          <input
            className="input"
            value={roleArn}
            placeholder={props.link === null ? 'arn:aws:iam::123456789012:role/…' : 'keep the deployed role'}
            spellCheck={false}
            onChange={(e) => edit(setRoleArn)(e.target.value)}
            data-testid="deploy-role"
          />
        </label>
        <div className="deploy-row">
          <label className="deploy-check">
            <input type="checkbox" checked={express} onChange={(e) => edit(setExpress)(e.target.checked)} data-testid="deploy-express" /> Express (new machines only)
          </label>
          <label className="deploy-check">
            <input type="checkbox" checked={tracing} onChange={(e) => edit(setTracing)(e.target.checked)} data-testid="deploy-tracing" /> X-Ray tracing
          </label>
        </div>
        <div className="deploy-row">
          <label>
            <span>Logging</span>
            <select className="input" value={level} onChange={(e) => edit(setLevel)(e.target.value as Level)} data-testid="deploy-log-level">
              <option value="OFF">Off</option>
              <option value="ALL">All</option>
              <option value="ERROR">Errors</option>
              <option value="FATAL">Fatal</option>
            </select>
          </label>
          {level !== 'OFF' && (
            <label className="deploy-grow">
              <span>Log group ARN</span>
              <input className="input" value={logGroup} spellCheck={false} onChange={(e) => edit(setLogGroup)(e.target.value)} />
            </label>
          )}
        </div>
        {level !== 'OFF' && (
          <label className="deploy-check">
            <input type="checkbox" checked={includeData} onChange={(e) => edit(setIncludeData)(e.target.checked)} /> Include each state&apos;s input and output
          </label>
        )}
        <label className="deploy-check">
          <input type="checkbox" checked={publish} onChange={(e) => edit(setPublish)(e.target.checked)} data-testid="deploy-publish" /> Publish a version
        </label>
        {publish && (
          <div className="deploy-row">
            <label className="deploy-grow">
              <span>Version description</span>
              <input className="input" value={versionDescription} onChange={(e) => edit(setVersionDescription)(e.target.value)} data-testid="deploy-version-description" />
            </label>
            <label>
              <span>Move alias</span>
              <input className="input" value={alias} placeholder="e.g. live" spellCheck={false} onChange={(e) => edit(setAlias)(e.target.value)} data-testid="deploy-alias" />
            </label>
          </div>
        )}
        {checked !== null && <CheckResult preview={checked} reveal={props.reveal} />}
        {needsRole && <p className="cloud-error">A new state machine needs the role it runs as.</p>}
        <div className="modal-actions">
          <span className="spacer" />
          <button type="button" className="button" onClick={props.onCancel}>
            Cancel
          </button>
          {checked === null ? (
            <button type="submit" className="button button--primary" disabled={checking || text(name) === null} data-testid="deploy-check">
              {checking ? 'Checking…' : 'Check'}
            </button>
          ) : (
            <button type="submit" className="button button--primary" disabled={errors.length > 0 || needsRole} data-testid="deploy-go">
              {checked.deployed !== null && !checked.unchanged ? 'Review changes…' : creating ? 'Create' : 'Deploy'}
            </button>
          )}
        </div>
      </form>
    </ModalDialog>
  );
}

function CheckResult({ preview, reveal }: { preview: DeployPreview; reveal: (pointer: string) => void }): ReactElement {
  const changes = preview.comparison?.diff.changes.length ?? 0;
  return (
    <div className="deploy-result" data-testid="deploy-result">
      <p data-testid="deploy-summary">
        {preview.deployed === null
          ? `Creates ${preview.name}.`
          : preview.unchanged
            ? `${preview.name} already has this definition.`
            : `Updates ${preview.name}: ${changes === 0 ? 'its machine-level fields change' : `${changes} state${changes === 1 ? '' : 's'} change`}.`}
      </p>
      {preview.findingsNote !== null && <p className="cloud-note">AWS&apos;s validator was not asked: {preview.findingsNote}</p>}
      {preview.findings.length > 0 && (
        <ul className="deploy-findings" data-testid="deploy-findings">
          {preview.findings.map((f, i) => (
            <FindingRow key={i} f={f} reveal={reveal} />
          ))}
        </ul>
      )}
      {preview.findingsNote === null && preview.findings.length === 0 && <p className="cloud-note">AWS&apos;s validator found nothing to report.</p>}
    </div>
  );
}

function FindingRow({ f, reveal }: { f: Finding; reveal: (pointer: string) => void }): ReactElement {
  return (
    <li className={`deploy-finding deploy-finding--${f.severity.toLowerCase()}`}>
      <span className="deploy-finding__code">{f.code}</span>
      <span>{f.message}</span>
      {f.location !== null && (
        <button type="button" className="link-button" onClick={() => f.location !== null && reveal(f.location)}>
          {f.location}
        </button>
      )}
    </li>
  );
}
