import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../../shared/contract';

/** A labelled form control with its hint and error, wired for screen readers. */
export function Field(props: {
  label: string;
  hint?: string;
  error?: string | undefined;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, describedBy, invalid: Boolean(props.error) })}
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/**
 * After a refusal that marks fields, the first field marked (in the page's
 * order) takes the focus and is scrolled into view with its error, so a
 * field error is never left out of sight (in a long dialog, below the fold);
 * a screen reader then reads its label and its error. Returns a ref for any
 * element inside the form.
 */
export function useFocusFirstInvalid(error: RpcError | null) {
  const inside = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!error?.issues?.length) return;
    const form = inside.current?.closest('form');
    if (form) focusFirstInvalid(form);
  }, [error]);
  return inside;
}

/**
 * Focus the first marked field of `form` (a control with aria-invalid, or
 * the first control of a group that shows an error) and bring it and its
 * error into view. Returns whether one was found.
 */
export function focusFirstInvalid(form: HTMLElement): boolean {
  const marked = form.querySelector<HTMLElement>('[aria-invalid="true"], .field-error');
  if (!marked) return false;
  const group = marked.closest<HTMLElement>('.field, fieldset, .inline-add') ?? marked;
  const control = marked.matches('input, select, textarea')
    ? marked
    : group.querySelector<HTMLElement>('[aria-invalid="true"], input:not([type="hidden"]), select, textarea');
  control?.focus({ preventScroll: true });
  group.scrollIntoView({ block: 'nearest' });
  return true;
}

/** The error a form shows when the core refused it. */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="form-error">
      {message}
    </p>
  );
}

/**
 * A form's end: the error (the core's message, or a pointer to the fields
 * marked), the submit button and, if the form can be left, Cancel.
 */
export function FormFooter(props: {
  error: RpcError | null;
  busy: boolean;
  submitLabel: string;
  onCancel?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const { error } = props;
  const inside = useFocusFirstInvalid(error);
  return (
    <>
      <FormError message={error && !error.issues ? error.message : error ? t('form.fixFields') : undefined} />
      <div className="actions" ref={inside}>
        <button type="submit" className="primary" disabled={props.busy}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {t('form.cancel')}
          </button>
        )}
      </div>
    </>
  );
}
