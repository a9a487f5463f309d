import { useId, useState, type FormEvent } from 'react';
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
 */
export function TurnTime({ turn }: { turn: TurnView }) {
  const { t } = useTranslation();
  const action = useAction();
  const [custom, setCustom] = useState(false);
  const [minutes, setMinutes] = useState(String(EXTEND_STEP_MINUTES * 2));
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();
  const paused = turn.pausedAt !== null;

  const extend = async (m: number) => {
    const r = await action.run(() => api.call('turn.extend', { turnId: turn.id, minutes: m }));
    if (r) setCustom(false);
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
        <button type="button" className="small link" aria-expanded={custom} onClick={() => setCustom((c) => !c)}>
          {t('turn.moreTime')}
        </button>
      </div>
      {custom && (
        <form className="turn-time-custom" onSubmit={submitCustom} noValidate aria-label={t('turn.moreTimeForm')}>
          <label htmlFor={inputId}>{t('turn.extendMinutes')}</label>
          <input id={inputId} type="number" inputMode="numeric" min={1} max={EXTEND_MAX_MINUTES} value={minutes}
            aria-invalid={invalid} aria-describedby={invalid ? `${inputId}-error` : undefined}
            onChange={(e) => setMinutes(e.target.value)} />
          <button type="submit" className="small" disabled={action.busy}>{t('turn.extendAdd')}</button>
          {invalid && (
            <p id={`${inputId}-error`} className="field-error" role="alert">
              {t('turn.extendRange', { max: EXTEND_MAX_MINUTES })}
            </p>
          )}
        </form>
      )}
      <FormError message={action.error?.message} />
    </div>
  );
}
