import { useTranslation } from 'react-i18next';
import type { EventView, SyncView } from '../../../shared/contract';
import { api } from '../api';
import { EventForm } from '../components/EventForm';
import { FormError } from '../components/Field';
import { LeaveEvent } from '../components/LeaveEvent';
import { TopicPicker } from '../components/TopicPicker';
import { useAction } from '../lib/useAction';
import { useStore } from '../store';

/** Edit the session and the event's topic list; plan, signs; leave the event. */
export function EventSettings({ event, sync }: { event: EventView; sync: SyncView }) {
  const { t } = useTranslation();
  const remove = useAction();
  const show = useStore((s) => s.show);
  return (
    <section aria-labelledby="settings-title" className="settings">
      <h2 id="settings-title">{t('settings.title')}</h2>
      <EventForm
        key={event.id}
        initial={{
          name: event.name,
          date: event.date,
          endDate: event.endDate ?? null,
          startTime: event.startTime,
          endTime: event.endTime,
          place: event.place,
          ...(event.timeZone ? { timeZone: event.timeZone } : {}),
        }}
        submitLabel={t('event.save')}
        onSubmit={(fields) => api.call('event.update', fields)}
      />
      <section className="card" aria-labelledby="catalogue-title">
        <h3 id="catalogue-title">{t('settings.topics')}</h3>
        <p className="hint">{t('settings.topicsHint')}</p>
        <ul className="topic-list">
          {event.topics.map((topic) => (
            <li key={topic.id}>
              <span>{topic.label}</span>
              <button
                type="button"
                className="small"
                aria-label={t('settings.removeTopic', { topic: topic.label })}
                onClick={() => void remove.run(() => api.call('topic.remove', { topicId: topic.id }))}
              >
                {t('settings.remove')}
              </button>
            </li>
          ))}
        </ul>
        <FormError message={remove.error?.message} />
        <TopicPicker legend={t('settings.addTopic')} catalogue={[]} selected={[]} onChange={() => {}} allowAdd />
      </section>
      <section className="card" aria-labelledby="floor-plan-title">
        <h3 id="floor-plan-title">{t('settings.floorPlan')}</h3>
        <p className="hint">{t('settings.floorPlanHint')}</p>
        <div className="actions">
          <button type="button" onClick={() => show({ kind: 'plan' })}>
            {t('plan.open')}
          </button>
          <button type="button" onClick={() => show({ kind: 'signs' })}>
            {t('signs.open')}
          </button>
        </div>
      </section>
      <LeaveEvent event={event} sync={sync} />
    </section>
  );
}
