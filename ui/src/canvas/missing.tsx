/**
 * A state that transitions name but that does not exist (deleted, misspelt, or in another
 * branch): a dashed ghost at the end of each broken edge, with an error badge. Clicking it
 * selects the state whose transition is broken and shows the field; dragging the end of a
 * broken edge onto a state re-connects it.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type ReactElement } from 'react';
import { HANDLE_IN, type FlowNode } from './convert';
import { ProblemGlyph } from './icons';
import './missing.css';

function MissingNodeView({ data }: NodeProps<FlowNode>): ReactElement {
  const title = `No state is named “${data.name}”. Click to show the transition; drag the end of the arrow onto a state to re-connect it.`;
  return (
    <div
      className="sw-missing sw-tone--missing"
      data-testid="missing-node"
      data-pointer={data.pointer}
      data-name={data.name}
      data-severity="error"
      title={title}
      aria-label={`Missing state ${data.name}`}
    >
      <Handle type="target" position={Position.Top} id={HANDLE_IN} isConnectable={false} className="sw-handle sw-handle--hidden" />
      <span className="sw-state__text">
        <span className="sw-state__name">{data.name}</span>
        {data.subtitle !== null && <span className="sw-state__sub">{data.subtitle}</span>}
      </span>
      <span className="sw-badge sw-badge--error" data-testid="state-problem-badge">
        <ProblemGlyph severity="error" />
      </span>
    </div>
  );
}

export const MissingNode = memo(MissingNodeView);
