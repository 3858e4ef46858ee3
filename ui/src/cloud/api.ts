import type { CloudDeploy } from '../bindings/CloudDeploy';
import type { CloudLink } from '../bindings/CloudLink';
import type { CloudMachine } from '../bindings/CloudMachine';
import type { CloudRun } from '../bindings/CloudRun';
import type { CloudStart } from '../bindings/CloudStart';
import type { CloudStatus } from '../bindings/CloudStatus';
import type { Deployed } from '../bindings/Deployed';
import type { DeployPreview } from '../bindings/DeployPreview';
import type { DocumentView } from '../bindings/DocumentView';
import type { ExecutionQuery } from '../bindings/ExecutionQuery';
import type { ExecutionSummary } from '../bindings/ExecutionSummary';
import type { InspectionLevel } from '../bindings/InspectionLevel';
import type { MachineSummary } from '../bindings/MachineSummary';
import type { Page } from '../bindings/Page';
import type { PreviewReply } from '../bindings/PreviewReply';
import type { PreviewRequest } from '../bindings/PreviewRequest';
import type { Target } from '../bindings/Target';
import { call } from '../lib/rpc';

/**
 * An AWS account (or an endpoint standing for one) as the studio sees it. Credentials stay in
 * Rust: nothing here carries one. Passed in, like `RunApi`, so tests can fake it.
 */
export interface CloudApi {
  status(): Promise<CloudStatus>;
  /** Profile, region and endpoint (each `null`: as the AWS CLI finds them). */
  connect(target: Target): Promise<CloudStatus>;
  machines(query: string, token: string | null): Promise<Page<MachineSummary>>;
  machine(arn: string): Promise<CloudMachine>;
  openMachine(arn: string, discard: boolean): Promise<DocumentView>;
  link(): Promise<CloudLink | null>;
  executions(query: ExecutionQuery): Promise<Page<ExecutionSummary>>;
  openExecution(arn: string): Promise<CloudRun>;
  deployPreview(request: CloudDeploy): Promise<DeployPreview>;
  deploy(request: CloudDeploy): Promise<Deployed>;
  start(request: CloudStart): Promise<CloudRun>;
  stop(executionArn: string): Promise<void>;
  redrive(executionArn: string): Promise<CloudRun>;
  /** The inspector's data-flow preview, run by AWS's TestState. */
  previewState(request: PreviewRequest, level: InspectionLevel): Promise<PreviewReply>;
}

export const tauriCloudApi: CloudApi = {
  status: () => call('cloud_status'),
  connect: (target) => call('cloud_connect', target),
  machines: (query, token) => call('cloud_machines', { query, token }),
  machine: (arn) => call('cloud_machine', arn),
  openMachine: (arn, discard) => call('cloud_open_machine', { arn, discard }),
  link: () => call('cloud_link'),
  executions: (query) => call('cloud_executions', query),
  openExecution: (arn) => call('cloud_open_execution', arn),
  deployPreview: (request) => call('cloud_deploy_preview', request),
  deploy: (request) => call('cloud_deploy', request),
  start: (request) => call('cloud_start', request),
  stop: (arn) => call('cloud_stop', arn),
  redrive: (arn) => call('cloud_redrive', arn),
  previewState: (request, level) => call('cloud_preview_state', { request, level }),
};
