import { useRef, type ReactElement, type ReactNode } from 'react';
import { FieldProblems, useFieldProblems, useOpenOnProblem, worstSeverity } from './FieldProblems';

interface ListItemProps {
  title: ReactNode;
  index: number;
  count: number;
  /** What the item is called in button labels ("retrier", "catcher", "rule"). */
  noun: string;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  children: ReactNode;
  /** The item's pointer (`/States/C/Choices/0`): problems inside it that no field of it shows. */
  pointer?: string;
}

/** One item of an editable list: a header with reorder / remove buttons, then its fields. */
export function ListItem({ title, index, count, noun, onMove, onRemove, children, pointer }: ListItemProps): ReactElement {
  const n = index + 1;
  const label = typeof title === 'string' ? title : `${noun} ${n}`;
  const problems = useFieldProblems(pointer === undefined ? null : [{ pointer, within: true, label }]);
  const ref = useRef<HTMLDivElement>(null);
  useOpenOnProblem(ref, problems);
  const severity = worstSeverity(problems);
  return (
    <div ref={ref} className={severity === null ? 'insp-item' : `insp-item has-problem has-problem--${severity}`} data-index={index} data-field-pointer={pointer}>
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
      <div className="insp-item-body">
        <FieldProblems problems={problems} />
        {children}
      </div>
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
