import { useCallback, useEffect, useRef, useState } from 'react';
import type { CloudDeploy } from '../bindings/CloudDeploy';
import type { DeployPreview } from '../bindings/DeployPreview';
import type { DocumentView } from '../bindings/DocumentView';
import type { CompareSession } from '../diff/useCompare';
import { errorText } from '../lib/api';
import type { CloudApi } from './api';
import type { AwsPreview } from './context';
import type { AwsFindings } from './findings';
import type { CloudBrowser } from './useCloud';

/** How the window replaces its document (asking about unsaved edits first). */
export type ReplaceDocument = (load: (discard: boolean) => Promise<DocumentView>, after?: () => void) => void;

/** The window's side of the AWS panel. */
export interface CloudWindow {
  /** The run panel's input (Run in AWS starts with it). */
  input: string;
  /** The open document's runs key and revision: AWS's findings are of one revision. */
  docKey: string;
  revision: number | null;
  replaceDocument: ReplaceDocument;
  notify: (text: string, kind?: 'error' | 'info') => void;
  /** An execution became a run: the Runs list is read again. */
  onRun: () => void;
}

export interface CloudFlow {
  panelOpen: boolean;
  openPanel: () => void;
  closePanel: () => void;
  /** The Deploy dialog is open. */
  deploying: boolean;
  askDeploy: () => void;
  cancelDeploy: () => void;
  preview: (request: CloudDeploy) => Promise<DeployPreview | null>;
  deploy: (request: CloudDeploy) => void;
  /** Shows the deployed definition against the document (compare mode) before deploying. */
  review: (request: CloudDeploy, preview: DeployPreview) => void;
  /** The deployment waiting in compare mode for the user's go. */
  reviewing: CloudDeploy | null;
  confirm: () => void;
  /** Starts the linked machine with the run panel's input; followed as a run. */
  start: () => void;
  /** Opens a deployed machine as the document (linked to it). */
  openMachine: (arn: string) => void;
  /** What AWS's validator said at the last check, of the revision it checked. */
  findings: AwsFindings | null;
  /** The inspector's Test in AWS; `null` while not connected. */
  testState: AwsPreview | null;
}

/**
 * What the AWS panel's actions do in the window: the panel and the Deploy dialog open and
 * closed, a deployment checked (its findings kept for the Problems panel), reviewed in compare
 * mode and done, the linked machine started, a deployed machine opened, a state tested.
 */
export function useCloudFlow(api: CloudApi | null, cloud: CloudBrowser | null, compare: CompareSession | null, win: CloudWindow): CloudFlow | null {
  const { input, docKey, revision, replaceDocument, notify, onRun } = win;
  const [panelOpen, setPanelOpen] = useState(false);
  const [findings, setFindings] = useState<AwsFindings | null>(null);
  // The revision when a check answers, not when it was asked (an edit meanwhile makes it stale).
  const revisionNow = useRef(revision);
  revisionNow.current = revision;
  const [deploying, setDeploying] = useState(false);
  const [reviewing, setReviewing] = useState<CloudDeploy | null>(null);
  const refreshLink = cloud?.refreshLink;
  const shown = compare?.comparison ?? null;
  // Compare mode closed some other way (Escape, Cancel): the deployment is dropped.
  useEffect(() => {
    if (shown === null) setReviewing(null);
  }, [shown]);

  const preview = useCallback(
    async (request: CloudDeploy): Promise<DeployPreview | null> => {
      if (api === null) return null;
      const asked = revisionNow.current;
      try {
        const p = await api.deployPreview(request);
        if (asked !== null) setFindings({ docKey, revision: asked, findings: p.findings });
        return p;
      } catch (err: unknown) {
        notify(errorText(err));
        return null;
      }
    },
    [api, notify, docKey],
  );

  const deploy = useCallback(
    (request: CloudDeploy) => {
      if (api === null) return;
      setDeploying(false);
      api.deploy(request).then(
        (d) => {
          const version = d.versionArn === null ? '' : `, version ${d.versionArn.split(':').pop() ?? ''}`;
          const alias = d.aliasArn === null ? '' : `, alias ${d.aliasArn.split(':').pop() ?? ''}`;
          notify(`${d.created ? 'Created' : 'Updated'} ${d.machineArn.split(':').pop() ?? d.machineArn}${version}${alias}`, 'info');
          refreshLink?.();
        },
        (err: unknown) => notify(errorText(err)),
      );
    },
    [api, notify, refreshLink],
  );

  const review = useCallback(
    (request: CloudDeploy, p: DeployPreview) => {
      setDeploying(false);
      if (compare === null || p.comparison === null) {
        deploy(request);
        return;
      }
      setPanelOpen(false);
      setReviewing(request);
      compare.show(p.comparison);
    },
    [compare, deploy],
  );

  const closeCompare = compare?.close;
  const confirm = useCallback(() => {
    if (reviewing === null) return;
    deploy(reviewing);
    setReviewing(null);
    closeCompare?.();
  }, [reviewing, deploy, closeCompare]);

  const start = useCallback(() => {
    if (api === null) return;
    api.start({ arn: null, input, name: null }).then(
      (r) => {
        onRun();
        setPanelOpen(false);
        notify(`Started ${r.executionArn.split(':').pop() ?? ''} in AWS: following it live`, 'info');
      },
      (err: unknown) => notify(errorText(err)),
    );
  }, [api, input, notify, onRun]);

  const openMachine = useCallback(
    (arn: string) => {
      if (api === null) return;
      setPanelOpen(false);
      replaceDocument((discard) => api.openMachine(arn, discard), refreshLink);
    },
    [api, replaceDocument, refreshLink],
  );
  const testState = useCallback<AwsPreview>((request, level) => (api === null ? Promise.reject(new Error('no AWS client')) : api.previewState(request, level)), [api]);

  if (api === null || cloud === null) return null;
  return {
    panelOpen,
    openPanel: () => setPanelOpen(true),
    closePanel: () => setPanelOpen(false),
    deploying,
    askDeploy: () => setDeploying(true),
    cancelDeploy: () => setDeploying(false),
    preview,
    deploy,
    review,
    reviewing,
    confirm,
    start,
    openMachine,
    findings,
    testState: cloud.status.connected ? testState : null,
  };
}
