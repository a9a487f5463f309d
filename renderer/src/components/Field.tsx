import { useId, type ReactNode } from 'react';
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
  return (
    <>
      <FormError message={error && !error.issues ? error.message : error ? t('form.fixFields') : undefined} />
      <div className="actions">
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
