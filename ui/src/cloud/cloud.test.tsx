import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { CloudMachine } from '../bindings/CloudMachine';
import type { CloudStatus } from '../bindings/CloudStatus';
import type { DeployPreview } from '../bindings/DeployPreview';
import type { ExecutionSummary } from '../bindings/ExecutionSummary';
import type { InspectionLevel } from '../bindings/InspectionLevel';
import type { MachineSummary } from '../bindings/MachineSummary';
import type { PreviewReply } from '../bindings/PreviewReply';
import type { PreviewRequest } from '../bindings/PreviewRequest';
import type { CloudApi } from './api';
import { AwsTestState } from './AwsTestState';
import { CloudPanel } from './CloudPanel';
import { differences } from './context';
import { withAwsFindings, type AwsFindings } from './findings';
import { view } from '../test/fixtures';
import { DeployDialog, machineName } from './DeployDialog';
import { useCloud } from './useCloud';

const OFF: CloudStatus = { connected: false, profile: null, region: null, endpoint: null, error: null };
const ON: CloudStatus = { connected: true, profile: null, region: 'eu-west-1', endpoint: '127.0.0.1:4566', error: null };
const ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:';

const machine = (name: string): MachineSummary => ({ arn: ARN + name, name, type: 'STANDARD', createdMs: 1_765_000_000_000 });
const execution = (name: string, status: string): ExecutionSummary => ({
  arn: `arn:aws:states:eu-west-1:123456789012:execution:Orders:${name}`,
  name,
  status,
  startMs: 1_765_000_000_000,
  stopMs: null,
});
const details: CloudMachine = {
  machine: {
    arn: `${ARN}Orders`,
    name: 'Orders',
    type: 'STANDARD',
    definition: '{}',
    roleArn: 'arn:aws:iam::123456789012:role/sfn',
    status: 'ACTIVE',
    revisionId: 'rev-2',
    description: null,
    createdMs: 1_765_000_000_000,
    logging: null,
    tracing: true,
  },
  versions: null,
  aliases: [{ arn: `${ARN}Orders:live`, name: 'live', createdMs: 0, routes: [{ versionArn: `${ARN}Orders:3`, weight: 100 }] }],
};

function fakeApi(status: CloudStatus = OFF): CloudApi {
  return {
    status: vi.fn(() => Promise.resolve(status)),
    connect: vi.fn((t) => Promise.resolve(t.endpointUrl === 'http://nowhere' ? { ...OFF, error: 'ListStateMachines: dispatch failure' } : ON)),
    machines: vi.fn((query: string, token: string | null) =>
      Promise.resolve(
        token === null
          ? { items: [machine('Orders'), machine('Billing')].filter((m) => m.name.toLowerCase().includes(query.toLowerCase())), nextToken: query === '' ? 'page-2' : null }
          : { items: [machine('Shipping')], nextToken: null },
      ),
    ),
    machine: vi.fn(() => Promise.resolve(details)),
    openMachine: vi.fn(),
    link: vi.fn(() => Promise.resolve(null)),
    executions: vi.fn((q) =>
      Promise.resolve({ items: [execution('run-1', 'SUCCEEDED'), execution('run-2', 'FAILED'), execution('run-3', 'RUNNING')].filter((e) => q.status === null || e.status === q.status), nextToken: null }),
    ),
    openExecution: vi.fn((arn: string) => Promise.resolve({ executionArn: arn, runId: 'cloud-1' })),
    deployPreview: vi.fn(),
    deploy: vi.fn(),
    start: vi.fn(),
    stop: vi.fn(() => Promise.resolve()),
    redrive: vi.fn((arn: string) => Promise.resolve({ executionArn: arn, runId: 'cloud-2' })),
    previewState: vi.fn(),
  };
}

function Panel({ api, onRun, onOpenedRun, onOpenMachine }: { api: CloudApi; onRun: () => void; onOpenedRun: () => void; onOpenMachine: (arn: string) => void }): ReactElement | null {
  const cloud = useCloud(api, 'doc', vi.fn(), onRun);
  if (cloud === null) return null;
  return <CloudPanel cloud={cloud} hasDoc onOpenMachine={onOpenMachine} onOpenedRun={onOpenedRun} onDeploy={vi.fn()} onStart={vi.fn()} onClose={vi.fn()} />;
}

describe('the AWS panel', () => {
  it('connects with what the form names, lists, searches and pages the machines', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    render(<Panel api={api} onRun={vi.fn()} onOpenedRun={vi.fn()} onOpenMachine={vi.fn()} />);
    expect((await screen.findByTestId('cloud-status')).dataset.connected).toBe('false');
    await user.type(screen.getByTestId('cloud-region'), 'eu-west-1');
    await user.type(screen.getByTestId('cloud-endpoint'), 'http://127.0.0.1:4566');
    await user.click(screen.getByTestId('cloud-connect'));
    expect(api.connect).toHaveBeenCalledWith({ profile: null, region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:4566' });
    await vi.waitFor(() => expect(screen.getByTestId('cloud-status').textContent).toContain('eu-west-1 · endpoint 127.0.0.1:4566'));
    const names = async (): Promise<(string | undefined)[]> => (await screen.findAllByTestId('cloud-machine')).map((m) => m.dataset.name);
    expect(await names()).toEqual(['Orders', 'Billing']);
    await user.click(screen.getByTestId('cloud-more'));
    await vi.waitFor(async () => expect(await names()).toEqual(['Orders', 'Billing', 'Shipping']));
    expect(api.machines).toHaveBeenLastCalledWith('', 'page-2');
    await user.type(screen.getByTestId('cloud-search'), 'bill');
    await vi.waitFor(async () => expect(await names()).toEqual(['Billing']));
    expect(screen.queryByTestId('cloud-more')).toBeNull();
  });

  it('says why a connection failed', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    render(<Panel api={api} onRun={vi.fn()} onOpenedRun={vi.fn()} onOpenMachine={vi.fn()} />);
    await user.type(await screen.findByTestId('cloud-endpoint'), 'http://nowhere');
    await user.click(screen.getByTestId('cloud-connect'));
    expect((await screen.findByTestId('cloud-error')).textContent).toBe('ListStateMachines: dispatch failure');
    expect(screen.queryByTestId('cloud-machines')).toBeNull();
  });

  it("shows a machine's settings and executions, filters them and opens one as a run", async () => {
    const user = userEvent.setup();
    const api = fakeApi(ON);
    const onRun = vi.fn();
    const onOpenedRun = vi.fn();
    const onOpenMachine = vi.fn();
    render(<Panel api={api} onRun={onRun} onOpenedRun={onOpenedRun} onOpenMachine={onOpenMachine} />);
    await user.click((await screen.findAllByTestId('cloud-machine'))[0] as HTMLElement);
    const facts = await screen.findByTestId('cloud-details');
    expect(within(facts).getByTestId('cloud-versions').textContent).toBe('not listed by this endpoint');
    expect(within(facts).getByTestId('cloud-aliases').textContent).toBe('live → v3 (100%)');
    expect(facts.textContent).toContain('X-Ray tracing');
    await vi.waitFor(() => expect(screen.getAllByTestId('cloud-execution').map((e) => e.dataset.status)).toEqual(['SUCCEEDED', 'FAILED', 'RUNNING']));
    const rows = screen.getAllByTestId('cloud-execution');
    expect(within(rows[1] as HTMLElement).getByTestId('cloud-redrive')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByTestId('cloud-open-execution').textContent).toBe('Follow');
    expect(within(rows[0] as HTMLElement).queryByTestId('cloud-stop')).toBeNull();

    await user.selectOptions(screen.getByTestId('cloud-filter'), 'FAILED');
    expect(api.executions).toHaveBeenLastCalledWith({ machineArn: `${ARN}Orders`, status: 'FAILED', token: null });
    await vi.waitFor(() => expect(screen.getAllByTestId('cloud-execution').map((e) => e.dataset.name)).toEqual(['run-2']));
    await user.click(screen.getByTestId('cloud-open-execution'));
    expect(api.openExecution).toHaveBeenCalledWith(execution('run-2', 'FAILED').arn);
    await vi.waitFor(() => expect(onOpenedRun).toHaveBeenCalled());
    expect(onRun).toHaveBeenCalled();

    await user.click(screen.getByTestId('cloud-open-machine'));
    expect(onOpenMachine).toHaveBeenCalledWith(`${ARN}Orders`);
  });
});

const PREVIEW_CREATE: DeployPreview = { deployed: null, name: 'order', comparison: null, unchanged: false, findings: [], findingsNote: null };

function dialog(preview: DeployPreview) {
  const props = {
    link: null,
    docName: 'order.asl.json',
    preview: vi.fn(() => Promise.resolve(preview)),
    deploy: vi.fn(),
    review: vi.fn(),
    reveal: vi.fn(),
    onCancel: vi.fn(),
  };
  render(<DeployDialog {...props} />);
  return props;
}

describe('the Deploy dialog', () => {
  it('names a new machine after the file and needs a role to create it', async () => {
    const user = userEvent.setup();
    const props = dialog(PREVIEW_CREATE);
    expect((screen.getByTestId('deploy-name') as HTMLInputElement).value).toBe('order');
    await user.click(screen.getByTestId('deploy-publish'));
    await user.type(screen.getByTestId('deploy-alias'), 'live');
    await user.click(screen.getByTestId('deploy-check'));
    expect(props.preview).toHaveBeenCalledWith({
      name: 'order',
      settings: { roleArn: null, type: null, logging: null, tracing: null, publish: true, versionDescription: null, alias: 'live' },
    });
    expect((await screen.findByTestId('deploy-summary')).textContent).toBe('Creates order.');
    expect((screen.getByTestId('deploy-go') as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByTestId('deploy-role'), 'arn:aws:iam::1:role/r');
    // Editing the form makes the check stale: check again, then create.
    await user.click(screen.getByTestId('deploy-check'));
    await user.click(await screen.findByTestId('deploy-go'));
    expect(props.deploy).toHaveBeenCalledWith(expect.objectContaining({ name: 'order', settings: expect.objectContaining({ roleArn: 'arn:aws:iam::1:role/r', alias: 'live' }) }));
  });

  it("lists AWS's findings where they are, refuses on errors, and reviews an update first", async () => {
    const user = userEvent.setup();
    const deployed = { ...details.machine, name: 'order' };
    const withError: DeployPreview = {
      ...PREVIEW_CREATE,
      deployed,
      findings: [{ severity: 'ERROR', code: 'MISSING_TRANSITION_TARGET', message: 'Missing Next target', location: '/States/Check/Next' }],
    };
    const props = dialog(withError);
    await user.click(screen.getByTestId('deploy-check'));
    const findings = await screen.findByTestId('deploy-findings');
    expect(findings.textContent).toContain('MISSING_TRANSITION_TARGET');
    await user.click(within(findings).getByText('/States/Check/Next'));
    expect(props.reveal).toHaveBeenCalledWith('/States/Check/Next');
    expect((screen.getByTestId('deploy-go') as HTMLButtonElement).disabled).toBe(true);
  });

  it('sends an update with changes to review', async () => {
    const user = userEvent.setup();
    const update: DeployPreview = { ...PREVIEW_CREATE, deployed: { ...details.machine, name: 'order' } };
    const props = dialog(update);
    await user.click(screen.getByTestId('deploy-check'));
    const go = await screen.findByTestId('deploy-go');
    expect(go.textContent).toBe('Review changes…');
    await user.click(go);
    expect(props.review).toHaveBeenCalledWith(expect.objectContaining({ name: 'order' }), update);
    expect(props.deploy).not.toHaveBeenCalled();
  });

  it('names machines as the CLI does', () => {
    expect(['order.asl.json', 'Flow.ASL.YAML', 'plain.json', 'x.yml', 'Untitled', '.hidden.json'].map(machineName)).toEqual(['order', 'Flow', 'plain', 'x', 'Untitled', 'StateMachine']);
  });
});

const LOCAL: PreviewReply = {
  status: 'SUCCEEDED',
  stages: [
    { stage: 'input', value: '{\n  "a": 1\n}' },
    { stage: 'afterResultSelector', value: '{"paid": true}' },
  ],
  output: '{"a": 1, "paid": true}',
  error: null,
  cause: null,
  nextState: 'Ship',
};

describe("the inspector's AWS TestState", () => {
  it('names what differs from the local preview, JSON compared as JSON', () => {
    expect(differences(LOCAL, { ...LOCAL, stages: [{ stage: 'input', value: '{"a":1}' }], output: '{"paid":true,"a":1}' })).toEqual([]);
    expect(differences(LOCAL, { ...LOCAL, stages: [{ stage: 'afterResultSelector', value: '{"paid": false}' }] })).toEqual(['afterResultSelector']);
    expect(differences(LOCAL, { ...LOCAL, status: 'CAUGHT_ERROR', nextState: 'Handle', error: 'States.TaskFailed' })).toEqual(['status', 'next state', 'error']);
  });

  it('asks AWS at the chosen level and sets its answer beside the local one', async () => {
    const user = userEvent.setup();
    const answer: PreviewReply = { ...LOCAL, stages: [{ stage: 'afterResultSelector', value: '{"paid": false}' }] };
    const aws = vi.fn((_r: PreviewRequest, _l: InspectionLevel) => Promise.resolve(answer));
    const request: PreviewRequest = { pointer: '/States/Charge', input: '{"a": 1}', result: '{}', error: null, cause: null, variables: '' };
    const { rerender } = render(<AwsTestState aws={aws} request={request} invalid={false} local={LOCAL} />);
    await user.selectOptions(screen.getByTestId('preview-aws-level'), 'TRACE');
    await user.click(screen.getByTestId('preview-aws-run'));
    expect(aws).toHaveBeenCalledWith(request, 'TRACE');
    expect((await screen.findByTestId('preview-aws-compare')).textContent).toBe('Differs from AWS: afterResultSelector.');
    expect(screen.getByText('AWS TestState (TRACE)')).toBeTruthy();
    // Another input: AWS's answer is of the old one.
    rerender(<AwsTestState aws={aws} request={{ ...request, input: '{"a": 2}' }} invalid={false} local={LOCAL} />);
    expect(screen.getByTestId('preview-aws-result').className).toContain('is-stale');
    expect(screen.queryByTestId('preview-aws-compare')).toBeNull();
  });
});

describe("AWS's findings among the problems", () => {
  const base = view();
  // Inside Charge, which is inside Fork: the innermost state is the one marked.
  const charge = '/States/Fork/Branches/0/States/Charge';
  const deep = `${charge}/Next`;
  const aws: AwsFindings = {
    docKey: 'doc',
    revision: base.revision,
    findings: [{ severity: 'ERROR', code: 'MISSING_TRANSITION_TARGET', message: 'Missing Next target', location: deep }],
  };

  it('joins them at their state while the document is the revision checked', () => {
    const shown = withAwsFindings(base, 'doc', aws);
    const row = shown.problems.at(-1);
    expect(shown.problems.length).toBe(base.problems.length + 1);
    expect(row).toMatchObject({ severity: 'error', code: 'aws-missing-transition-target', message: 'Missing Next target (AWS)', pointer: deep, state: charge });
    expect(withAwsFindings({ ...base, revision: base.revision + 1 }, 'doc', aws)).toEqual({ ...base, revision: base.revision + 1 });
    expect(withAwsFindings(base, 'another', aws)).toBe(base);
  });
});
