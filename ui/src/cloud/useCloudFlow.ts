import { useCallback, useEffect, useState } from 'react';
import type { CloudDeploy } from '../bindings/CloudDeploy';
import type { DeployPreview } from '../bindings/DeployPreview';
import type { CompareSession } from '../diff/useCompare';
import { errorText } from '../lib/api';
import type { CloudApi } from './api';
import type { CloudBrowser } from './useCloud';

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
}

/**
 * What the AWS panel's actions do in the window: the panel and the Deploy dialog open and
 * closed, a deployment checked, reviewed in compare mode and done, the linked machine started.
 * `input` is the run panel's input; `onRun` is told when an execution became a run.
 */
export function useCloudFlow(
  api: CloudApi | null,
  cloud: CloudBrowser | null,
  compare: CompareSession | null,
  input: string,
  notify: (text: string, kind?: 'error' | 'info') => void,
  onRun: () => void,
): CloudFlow | null {
  const [panelOpen, setPanelOpen] = useState(false);
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
      try {
        return await api.deployPreview(request);
      } catch (err: unknown) {
        notify(errorText(err));
        return null;
      }
    },
    [api, notify],
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
  };
}
