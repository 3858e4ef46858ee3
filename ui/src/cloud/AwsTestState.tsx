import { useState, type ReactElement } from 'react';
import type { InspectionLevel } from '../bindings/InspectionLevel';
import type { PreviewReply } from '../bindings/PreviewReply';
import type { PreviewRequest } from '../bindings/PreviewRequest';
import { errorText } from '../lib/api';
import { PreviewResult } from '../inspector/PreviewResult';
import { differences, type AwsPreview } from './context';
import './cloud.css';

const LEVELS: InspectionLevel[] = ['INFO', 'DEBUG', 'TRACE'];

/**
 * The data-flow preview's second opinion: the same state, input and mock run by AWS's
 * TestState at an inspection level, its stages shown under the local ones and the parts that
 * differ named.
 */
export function AwsTestState({ aws, request, invalid, local }: { aws: AwsPreview; request: PreviewRequest; invalid: boolean; local: PreviewReply | null }): ReactElement {
  const [level, setLevel] = useState<InspectionLevel>('DEBUG');
  const [reply, setReply] = useState<PreviewReply | null>(null);
  const [asked, setAsked] = useState<{ key: string; level: InspectionLevel } | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const key = JSON.stringify([request, level]);
  const test = (): void => {
    setBusy(true);
    setFailure(null);
    aws(request, level)
      .then(
        (r) => {
          setReply(r);
          setAsked({ key, level });
        },
        (err: unknown) => setFailure(errorText(err)),
      )
      .finally(() => setBusy(false));
  };
  const stale = reply !== null && asked?.key !== key;
  const differ = reply !== null && local !== null && !stale ? differences(local, reply) : null;
  return (
    <div className="insp-aws" data-testid="preview-aws">
      <div className="rp-actions">
        <button type="button" className="button rp-small" disabled={invalid || busy} onClick={test} title="Run this state in AWS with TestState (the task mocked as above)" data-testid="preview-aws-run">
          {busy ? 'Asking AWS…' : 'Test in AWS'}
        </button>
        <select className="insp-input insp-aws__level" aria-label="Inspection level" value={level} onChange={(e) => setLevel(e.target.value as InspectionLevel)} data-testid="preview-aws-level">
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </div>
      {failure !== null && (
        <p className="insp-error" role="alert">
          {failure}
        </p>
      )}
      {differ !== null && (
        <p className={differ.length === 0 ? 'insp-aws__same' : 'insp-aws__differs'} data-testid="preview-aws-compare">
          {differ.length === 0 ? 'Same result as AWS.' : `Differs from AWS: ${differ.join(', ')}.`}
        </p>
      )}
      {reply !== null && (
        <>
          <span className="insp-label">AWS TestState ({asked?.level ?? level})</span>
          <PreviewResult reply={reply} stale={stale} testId="preview-aws-result" />
        </>
      )}
    </div>
  );
}
