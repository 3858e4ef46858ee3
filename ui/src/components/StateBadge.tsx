import type { ReactElement } from 'react';
import { badgeLabel, badgeTone } from '../lib/stateTypes';

export function StateBadge({ stateType }: { stateType: string }): ReactElement {
  return (
    <span className={`badge badge--${badgeTone(stateType)}`} data-testid="state-badge">
      {badgeLabel(stateType)}
    </span>
  );
}
