import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TurnView } from '../../../shared/contract';
import { EXTEND_MAX_MINUTES, EXTEND_STEP_MINUTES } from '../../../shared/domain/timer';
import { api } from '../api';
import { useAction } from '../lib/useAction';
import { FormError } from './Field';

/**
 * Beside the countdown: "+5 min", Pause / Resume, and "More time…" (a custom
 * extension of 1–60 minutes, on demand). The core moves the deadline and the
 * main process's timers follow it; a paused turn chimes for no one.
 *
 * The custom form opens as a row of its own in the clock row (in the page's
 * flow, never over it), so it cannot cover End turn or Start next in any
 * language or width; it takes the focus, and closes with Escape, its Cancel
 * button, the "More time…" button again, or once the time is added.
 */
export function TurnTime({ turn }: { turn: TurnView }) {
  const { t } = useTranslation();
  const action = useAction();
  const [custom, setCustom] = useState(false);
  const [minutes, setMinutes] = useState(String(EXTEND_STEP_MINUTES * 2));
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();
  const formId = useId();
  const input = useRef<HTMLInputElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const paused = turn.pausedAt !== null;
  useEffect(() => {
    if (custom) input.current?.focus();
  }, [custom]);
  const close = () => {
    setCustom(false);
    setInvalid(false);
    toggle.current?.focus();
  };

  const extend = async (m: number) => {
    const r = await action.run(() => api.call('turn.extend', { turnId: turn.id, minutes: m }));
    if (r && custom) close();
  };
  const submitCustom = (e: FormEvent) => {
    e.preventDefault();
    const m = Number(minutes);
    if (!Number.isInteger(m) || m < 1 || m > EXTEND_MAX_MINUTES) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    void extend(m);
  };

  return (
    <>
    <div className="turn-time">
      <div className="turn-time-buttons" role="group" aria-label={t('turn.timeControls')}>
        <button type="button" className="small" aria-label={t('turn.extendLabel', { count: EXTEND_STEP_MINUTES })}
          onClick={() => void extend(EXTEND_STEP_MINUTES)} disabled={action.busy}>
          {t('turn.extendBy', { count: EXTEND_STEP_MINUTES })}
        </button>
        <button type="button" className="small" aria-pressed={paused} disabled={action.busy}
          onClick={() => void action.run(() => api.call(paused ? 'turn.resume' : 'turn.pause', { turnId: turn.id }))}>
          {paused ? t('turn.resume') : t('turn.pause')}
        </button>
        <button type="button" className="small link" ref={toggle} aria-expanded={custom} aria-controls={custom ? formId : undefined}
          onClick={() => (custom ? close() : setCustom(true))}>
          {t('turn.moreTime')}
        </button>
      </div>
      <FormError message={action.error?.message} />
    </div>
      {custom && (
        <form id={formId} className="turn-time-custom" onSubmit={submitCustom} noValidate aria-label={t('turn.moreTimeForm')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              close();
            }
          }}>
          <label htmlFor={inputId}>{t('turn.extendMinutes')}</label>
          <input id={inputId} ref={input} type="number" inputMode="numeric" min={1} max={EXTEND_MAX_MINUTES} value={minutes}
            aria-invalid={invalid} aria-describedby={invalid ? `${inputId}-error` : undefined}
            onChange={(e) => setMinutes(e.target.value)} />
          <button type="submit" className="small" disabled={action.busy}>{t('turn.extendAdd')}</button>
          <button type="button" className="small" onClick={close}>{t('form.cancel')}</button>
          {invalid && (
            <p id={`${inputId}-error`} className="field-error" role="alert">
              {t('turn.extendRange', { max: EXTEND_MAX_MINUTES })}
            </p>
          )}
        </form>
      )}
    </>
  );
}
