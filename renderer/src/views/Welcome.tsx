import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { EventForm } from '../components/EventForm';
import { FormError } from '../components/Field';
import { useAction } from '../lib/useAction';
import { JoinForm } from './SharingView';

/** First launch: start a new event or open the demo floor. */
export function Welcome() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [joining, setJoining] = useState(false);
  const demo = useAction();
  return (
    <main className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">{t('welcome.title')}</h1>
      <p className="lead">{t('welcome.lead')}</p>
      {joining ? (
        <>
          <JoinForm />
          <button type="button" onClick={() => setJoining(false)}>
            {t('form.cancel')}
          </button>
        </>
      ) : creating ? (
        <>
          <h2>{t('welcome.newEventTitle')}</h2>
          <EventForm
            submitLabel={t('event.create')}
            onSubmit={(fields) => api.call('event.create', fields)}
            onCancel={() => setCreating(false)}
          />
        </>
      ) : (
        <div className="choices">
          <button type="button" className="primary big" onClick={() => setCreating(true)}>
            {t('welcome.newEvent')}
          </button>
          <button
            type="button"
            className="big"
            disabled={demo.busy}
            onClick={() => void demo.run(() => api.call('event.createDemo', {}))}
          >
            {t('welcome.demoEvent')}
          </button>
          <button type="button" className="big" onClick={() => setJoining(true)}>
            {t('welcome.join')}
          </button>
          <p className="hint">{t('welcome.demoHint')}</p>
          <p className="hint">{t('welcome.joinHint')}</p>
          <FormError message={demo.error?.message} />
        </div>
      )}
    </main>
  );
}
