import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCountdownShown } from '../lib/format';
import { useStore } from '../store';

/**
 * The turn's countdown, large enough to read from two metres. It shows only
 * what the core pushed; until the first push it shows nothing rather than a guess.
 * Paused, it says so and shows what was left when the clock stopped.
 *
 * It alone reads the pushed time (once a second while a turn runs), and only
 * the text it shows and the phase: a tick redraws this and nothing else on
 * the screen, and a push that changes neither redraws nothing.
 */
export const Countdown = memo(function Countdown(props: { turnId: string; paused?: boolean }) {
  const { t } = useTranslation();
  const text = useStore((s) => {
    const remainingMs = s.countdowns[props.turnId]?.remainingMs;
    return remainingMs === undefined ? '–:––' : formatCountdownShown(remainingMs);
  });
  const phase = useStore((s) => s.countdowns[props.turnId]?.phase) ?? 'running';
  const label = props.paused
    ? t('turn.pausedLabel')
    : phase === 'overtime'
      ? t('turn.overtimeLabel')
      : phase === 'warning'
        ? t('turn.warningLabel')
        : t('turn.timeLeft');
  return (
    <div className={`countdown ${phase}${props.paused ? ' paused' : ''}`} role="timer" aria-label={label} aria-live="off">
      <span className="countdown-caption" aria-hidden="true">
        {label}
      </span>
      <span className="countdown-digits" data-testid="countdown">
        {text}
      </span>
    </div>
  );
});
