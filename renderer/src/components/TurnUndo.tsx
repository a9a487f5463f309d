import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TurnView } from '../../../shared/contract';
import { UNDO_TURN_MS } from '../../../shared/domain/timer';
import { api } from '../api';
import { peopleLabel } from '../lib/people';
import { useAction } from '../lib/useAction';
import { useStillWithin } from '../lib/useStillWithin';
import { FormError } from './Field';

/**
 * Undo of End turn, where the turn was (the "now" card), for UNDO_TURN_MS
 * after it ended: read from the turn's end in the snapshot, so it is there
 * after a reload and on every laptop alike.
 */
export function UndoEndTurn({ turn }: { turn: TurnView }) {
  const { t } = useTranslation();
  const action = useAction();
  const open = useStillWithin(turn.endedAt, UNDO_TURN_MS);
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!open || dismissed === turn.id) return null;
  const who = peopleLabel(t, turn.participants);
  return (
    <>
      <p className="undo-line" role="status">
        <span>{t('undo.endTurn', { who })}</span>
        <button type="button" className="small" aria-label={t('undo.endTurnLabel')} disabled={action.busy}
          onClick={() => void action.run(() => api.call('turn.undoEnd', { turnId: turn.id }))}>
          {t('undo.button')}
        </button>
        <button type="button" className="small" aria-label={t('undo.dismiss')} onClick={() => setDismissed(turn.id)}>
          ×
        </button>
      </p>
      <FormError message={action.error?.message} />
    </>
  );
}

/** Undo of Start turn, beside End turn, for UNDO_TURN_MS after the turn started (not for a rotation group). */
export function UndoStartTurn({ turn }: { turn: TurnView }) {
  const { t } = useTranslation();
  const action = useAction();
  const open = useStillWithin(turn.rotationId ? null : turn.startedAt, UNDO_TURN_MS);
  if (!open) return null;
  return (
    <>
      <button type="button" className="undo-start" aria-label={t('undo.startTurnLabel')} disabled={action.busy}
        onClick={() => void action.run(() => api.call('turn.undoStart', { turnId: turn.id }))}>
        {t('undo.startTurn')}
      </button>
      <FormError message={action.error?.message} />
    </>
  );
}
