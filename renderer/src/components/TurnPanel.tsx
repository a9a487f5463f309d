import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { RotationView, TableView, TurnView } from '../../../shared/contract';
import { api } from '../api';
import { formatClockTime } from '../lib/format';
import { peopleLabel, personLabel } from '../lib/people';
import { shortcutLabel, useShortcut } from '../lib/shortcuts';
import { useAction } from '../lib/useAction';
import { useStore } from '../store';
import { Countdown } from './Countdown';
import { FormError } from './Field';
import { FollowUpForm } from './FollowUpForm';
import { NoteDetails } from './NoteDetails';
import { NoteEditor } from './NoteEditor';

function modeLabel(t: ReturnType<typeof useTranslation>['t'], turn: TurnView, rotation: RotationView | null): string {
  switch (turn.mode) {
    case 'plenary':
      return t('mode.plenary');
    case 'topic_focus':
      return t('mode.topicFocus', { topic: turn.topic });
    case 'rotation': {
      const index = rotation?.groups.findIndex((g) => g.id === turn.groupId) ?? -1;
      return t('mode.rotation', { n: index + 1, of: rotation?.groups.length ?? 0 });
    }
    default:
      return t('mode.oneToOne');
  }
}

/** Who is at the table now, how long is left, and the note on it. */
export function TurnPanel({ table, turn }: { table: TableView; turn: TurnView }) {
  const { t } = useTranslation();
  const { countdown, alert, dismissAlert } = useStore(
    useShallow((s) => ({ countdown: s.countdowns[turn.id], alert: s.alerts[turn.id], dismissAlert: s.dismissAlert })),
  );
  const action = useAction();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const present = turn.participants.filter((p) => p.leftTurnAt === null);
  const who = peopleLabel(t, present.length > 0 ? present : turn.participants);
  const rotation = turn.rotationId ? table.rotation : null;
  const end = () => void action.run(() => api.call('turn.end', { turnId: turn.id }));
  const nextGroup = () => rotation && void action.run(() => api.call('rotation.next', { rotationId: rotation.id }));

  useShortcut('endTurn', end);
  useShortcut('focusNote', () => noteRef.current?.focus());

  return (
    <>
      <p className="mode">{modeLabel(t, turn, rotation)}</p>
      <p className="now-who">
        <strong>{who}</strong>
        <span className="started">{t('turn.startedAt', { time: formatClockTime(turn.startedAt) })}</span>
      </p>
      <Countdown remainingMs={countdown?.remainingMs} phase={countdown?.phase} />
      {alert?.kind === 'warning' && countdown?.phase === 'warning' && (
        <p role="status" className="banner warning">
          {t('turn.warningAlert', { who })}
          <button type="button" className="small" onClick={() => dismissAlert(turn.id)}>
            {t('turn.dismiss')}
          </button>
        </p>
      )}
      {alert?.kind === 'end' && (
        <p role="alert" className="banner end">
          {rotation && !rotation.autoAdvance ? t('turn.endAlertRotation', { who }) : t('turn.endAlert', { who })}
          <button type="button" className="small" onClick={() => dismissAlert(turn.id)}>
            {t('turn.dismiss')}
          </button>
        </p>
      )}
      <div className="actions">
        {rotation ? (
          <button type="button" className="primary big" onClick={nextGroup} disabled={action.busy}>
            {t('rotation.next')} <kbd>{shortcutLabel('startNext')}</kbd>
          </button>
        ) : null}
        <button type="button" className={rotation ? 'big' : 'primary big'} onClick={end} disabled={action.busy}>
          {t('turn.end')} <kbd>{shortcutLabel('endTurn')}</kbd>
        </button>
      </div>
      {turn.participants.length > 1 && (
        <ul className="participants" aria-label={t('turn.participants')}>
          {turn.participants.map((p) => (
            <li key={p.id}>
              <span>{personLabel(t, p)}</span>
              {p.leftTurnAt === null ? (
                <button type="button" className="small"
                  aria-label={t('turn.leavesLabel', { who: personLabel(t, p) })}
                  onClick={() => void action.run(() => api.call('entry.setStatus', { entryId: p.id, status: 'left' }))}>
                  {t('turn.leaves')}
                </button>
              ) : (
                <span className="hint">{t('turn.leftAt', { time: formatClockTime(p.leftTurnAt) })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError message={action.error?.message} />
      <NoteEditor
        key={turn.id}
        label={t('note.label')}
        hint={t('note.shortcutHint', { key: shortcutLabel('focusNote') })}
        text={turn.note?.text ?? ''}
        savedAt={turn.note?.savedAt ?? null}
        textareaRef={noteRef}
        save={(text) => api.call('note.save', { turnId: turn.id, text })}
      />
      <NoteDetails note={turn.note} participants={turn.participants} topics={table.topics}
        save={(tags) => api.call('note.save', { turnId: turn.id, ...tags })} />
      <FollowUpForm participants={turn.participants} turnId={turn.id} />
    </>
  );
}
