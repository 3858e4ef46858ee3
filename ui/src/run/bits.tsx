/** Small pieces shared by the run panels: the status pill, a read-only JSON block. */
import { useMemo, useState, type ReactElement, type ReactNode } from 'react';
import type { StateStatus } from './fold';
import type { StageValue } from '../bindings/StageValue';
import { pretty, RUN_STATUS_LABEL, stageLabel, STATE_STATUS_LABEL, statusTone } from './labels';
import type { ShownStatus } from './session';

export function StatusPill({ status, testId, children }: { status: ShownStatus; testId?: string; children?: ReactNode }): ReactElement {
  const tone = statusTone(status);
  return (
    <span className={`rp-pill rp-pill--${tone}`} data-testid={testId} data-status={status}>
      <span className="rp-pill__dot" aria-hidden="true" />
      {children ?? RUN_STATUS_LABEL[status]}
    </span>
  );
}

export function StatePill({ status }: { status: StateStatus }): ReactElement {
  return (
    <span className={`rp-pill rp-pill--${statusTone(status)}`} data-testid="step-status" data-status={status}>
      <span className="rp-pill__dot" aria-hidden="true" />
      {STATE_STATUS_LABEL[status]}
    </span>
  );
}

/** JSON as text (pretty-printed), with a Copy button; long values scroll inside. */
export function JsonBlock({ text, testId, label }: { text: string; testId?: string; label?: string }): ReactElement {
  const [copied, setCopied] = useState(false);
  const shown = useMemo(() => pretty(text), [text]);
  return (
    <div className="rp-json" data-testid={testId}>
      <button
        type="button"
        className="rp-json__copy"
        title="Copy"
        aria-label={label === undefined ? 'Copy' : `Copy ${label}`}
        onClick={() => {
          void navigator.clipboard?.writeText(shown).then(
            () => {
              setCopied(true);
              window.setTimeout(() => setCopied(false), 1200);
            },
            () => undefined,
          );
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
      <pre className="rp-json__text">{shown}</pre>
    </div>
  );
}

/** A small titled block of the run panel. */
export function Card({ title, aside, children, testId, tone }: { title: ReactNode; aside?: ReactNode; children: ReactNode; testId?: string; tone?: 'paused' | 'ask' }): ReactElement {
  return (
    <section className={tone === undefined ? 'rp-card' : `rp-card rp-card--${tone}`} data-testid={testId}>
      <header className="rp-card__head">
        <h3 className="rp-card__title">{title}</h3>
        {aside !== undefined && <div className="rp-card__aside">{aside}</div>}
      </header>
      <div className="rp-card__body">{children}</div>
    </section>
  );
}

/** The processing stages of a state, numbered, in the order the engine computed them. */
export function StageList({ stages, testId, itemTestId }: { stages: readonly StageValue[]; testId?: string; itemTestId: string }): ReactElement {
  return (
    <ol className="rp-stages" data-testid={testId}>
      {stages.map((s, i) => (
        <li key={`${s.stage}-${i}`} className="rp-stage" data-testid={itemTestId} data-stage={s.stage}>
          <div className="rp-stage__name">
            <span className="rp-stage__n">{i + 1}</span>
            {stageLabel(s.stage)}
          </div>
          <JsonBlock text={s.value} label={stageLabel(s.stage)} />
        </li>
      ))}
    </ol>
  );
}
