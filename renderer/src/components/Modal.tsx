import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * A full-screen modal over the app: a native `<dialog>` opened with
 * `showModal()`, so everything behind it is inert (no focus, no clicks, hidden
 * from screen readers) while it is open. Used where someone other than the
 * coach holds the laptop (the participant's feedback card): nothing of the
 * table behind, such as a private note, can be reached or read from it.
 * Escape calls `onClose`, as the card's own "Back to the table" does.
 */
export function Modal({ label, className, onClose, children }: { label: string; className?: string; onClose: () => void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return createPortal(
    <dialog
      ref={dialog}
      className={className}
      aria-label={label}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>,
    document.body,
  );
}
