import { useEffect, useRef, type DialogHTMLAttributes, type ReactElement, type ReactNode } from 'react';

type Props = Omit<DialogHTMLAttributes<HTMLDialogElement>, 'onCancel' | 'open'> & {
  /** Escape: the owner decides; the dialog closes when the owner removes it, not by itself. */
  onCancel: () => void;
  children: ReactNode;
};

/** A `<dialog>` shown modal for as long as it is mounted (jsdom has no `showModal`: there it
 * stays an element in the page). */
export function ModalDialog({ onCancel, children, ...props }: Props): ReactElement {
  const ref = useRef<HTMLDialogElement | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d !== null && typeof d.showModal === 'function' && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      {...props}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
