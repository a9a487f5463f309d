import { useTranslation } from 'react-i18next';
import { useStore } from '../store';

/**
 * The data folder refused a change (a full disk, read-only storage): said
 * once, in words a coach can act on, above every screen, while everything
 * stays readable. It goes when a change is saved again.
 */
export function StorageBanner() {
  const { t } = useTranslation();
  const fault = useStore((s) => s.storageFault);
  const clear = useStore((s) => s.setStorageFault);
  if (!fault) return null;
  return (
    <div role="alert" className="storage-banner">
      <strong>{t('errors.bannerTitle')}</strong> <span>{t(`errors.${fault.code}`, { detail: fault.detail })}</span>{' '}
      <button type="button" onClick={() => clear(null)}>
        {t('errors.bannerDismiss')}
      </button>
    </div>
  );
}
