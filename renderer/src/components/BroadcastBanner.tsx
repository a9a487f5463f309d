import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BroadcastView } from '../../../shared/contract';
import { formatClockTime } from '../lib/format';

/** The organisers' latest message to every table, until the coach dismisses it. */
export function BroadcastBanner({ broadcasts }: { broadcasts: readonly BroadcastView[] }) {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const latest = broadcasts.find((b) => !dismissed.has(b.id));
  if (!latest) return null;
  return (
    <div className="banner broadcast" role="status" aria-label={t('broadcast.label')}>
      <span>
        <strong>{t('broadcast.from', { time: formatClockTime(latest.sentAt) })}</strong> {latest.text}
      </span>
      <button type="button" className="small" onClick={() => setDismissed(new Set([...dismissed, latest.id]))}>
        {t('turn.dismiss')}
      </button>
    </div>
  );
}
