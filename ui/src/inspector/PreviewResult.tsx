/** A data-flow preview's answer: status, next state, error, each processing stage, output. */
import type { ReactElement } from 'react';
import type { PreviewReply } from '../bindings/PreviewReply';
import type { PreviewStatus } from '../bindings/PreviewStatus';
import { JsonBlock, StageList } from '../run/bits';

const STATUS_TEXT: Record<PreviewStatus, string> = {
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  RETRIABLE: 'Would retry',
  CAUGHT_ERROR: 'Caught',
};

const STATUS_TONE: Record<PreviewStatus, string> = { SUCCEEDED: 'ok', FAILED: 'fail', RETRIABLE: 'paused', CAUGHT_ERROR: 'caught' };

export function PreviewResult({ reply, stale, testId = 'preview-result-view' }: { reply: PreviewReply; stale: boolean; testId?: string }): ReactElement {
  return (
    <div className={stale ? 'insp-preview-result is-stale' : 'insp-preview-result'} data-testid={testId} data-status={reply.status}>
      <div className="insp-preview-status">
        <span className={`rp-pill rp-pill--${STATUS_TONE[reply.status]}`} data-testid="preview-status">
          <span className="rp-pill__dot" aria-hidden="true" />
          {STATUS_TEXT[reply.status]}
        </span>
        {reply.nextState !== null && (
          <span className="insp-hint" data-testid="preview-next">
            Next: <strong>{reply.nextState}</strong>
          </span>
        )}
        {stale && <span className="insp-hint">(inputs changed: preview again)</span>}
      </div>
      {reply.error !== null && (
        <div className="rp-errorbox">
          <div className="rp-errorbox__name">{reply.error}</div>
          {reply.cause !== null && reply.cause !== '' && <pre className="rp-errorbox__cause">{reply.cause}</pre>}
        </div>
      )}
      <StageList stages={reply.stages} itemTestId="preview-stage" />
      {reply.output !== null && !reply.stages.some((s) => s.stage === 'output') && (
        <>
          <span className="insp-label">Output</span>
          <JsonBlock text={reply.output} testId="preview-output" label="output" />
        </>
      )}
    </div>
  );
}
