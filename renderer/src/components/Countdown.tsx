import { useTranslation } from 'react-i18next';
import type { TurnPhase } from '../../../shared/domain/timer';
import { formatCountdownShown } from '../lib/format';

/**
 * The turn's countdown, large enough to read from two metres. It shows only
 * what the core pushed; until the first push it shows nothing rather than a guess.
 * Paused, it says so and shows what was left when the clock stopped.
 */
export function Countdown(props: { remainingMs: number | undefined; phase: TurnPhase | undefined; paused?: boolean }) {
  const { t } = useTranslation();
  const text = props.remainingMs === undefined ? '–:––' : formatCountdownShown(props.remainingMs);
  const phase = props.phase ?? 'running';
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
}
