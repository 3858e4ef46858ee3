import type { ReactElement, ReactNode } from 'react';

interface ListItemProps {
  title: ReactNode;
  index: number;
  count: number;
  /** What the item is called in button labels ("retrier", "catcher", "rule"). */
  noun: string;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  children: ReactNode;
}

/** One item of an editable list: a header with reorder / remove buttons, then its fields. */
export function ListItem({ title, index, count, noun, onMove, onRemove, children }: ListItemProps): ReactElement {
  const n = index + 1;
  return (
    <div className="insp-item" data-index={index}>
      <div className="insp-item-head">
        <span className="insp-item-title">{title}</span>
        <span className="insp-item-tools">
          <button
            type="button"
            className="insp-icon-button"
            aria-label={`Move ${noun} ${n} up`}
            title="Move up"
            disabled={index === 0}
            onClick={() => onMove(index, index - 1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="insp-icon-button"
            aria-label={`Move ${noun} ${n} down`}
            title="Move down"
            disabled={index === count - 1}
            onClick={() => onMove(index, index + 1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="insp-icon-button insp-icon-button--danger"
            aria-label={`Remove ${noun} ${n}`}
            title="Remove"
            onClick={() => onRemove(index)}
          >
            ×
          </button>
        </span>
      </div>
      <div className="insp-item-body">{children}</div>
    </div>
  );
}

export function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }): ReactElement {
  return (
    <button type="button" className="insp-add" onClick={onClick}>
      + {children}
    </button>
  );
}
