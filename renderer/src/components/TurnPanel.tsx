import { useId, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ParticipantView, TableView, TurnView } from '../../../shared/contract';
import { presentParticipants, turnHeads } from '../../../shared/domain/table';
import { api } from '../api';
import { formatClockTime } from '../lib/format';
import { modeLabel } from '../lib/mode';
import { joinParts } from '../lib/parts';
import { peopleLabel, personLabel } from '../lib/people';
import { shortcutLabel, useShortcut } from '../lib/shortcuts';
import { useAction } from '../lib/useAction';
import { useStore } from '../store';
import { Countdown } from './Countdown';
import { FormError } from './Field';
import { FollowUpForm } from './FollowUpForm';
import { NoteDetails } from './NoteDetails';
import { NoteEditor } from './NoteEditor';
import { TurnTime } from './TurnTime';
import { UndoStartTurn } from './TurnUndo';
import { afterDrafts } from '../lib/followUpDrafts';

/** Who is at the table now, how long is left, and the note on it. */
export function TurnPanel({ table, turn }: { table: TableView; turn: TurnView }) {
  const { t } = useTranslation();
  // Not the remaining time: the countdown reads that itself, so a tick draws only the countdown.
  const { phase, alert, dismissAlert } = useStore(
    useShallow((s) => ({ phase: s.countdowns[turn.id]?.phase, alert: s.alerts[turn.id], dismissAlert: s.dismissAlert })),
  );
  const action = useAction();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const present = presentParticipants(turn);
  const who = peopleLabel(t, present.length > 0 ? present : turn.participants);
  const rotation = turn.rotationId ? table.rotation : null;
  // A follow-up typed and not recorded is recorded first (lib/followUpDrafts.ts): never lost by ending the turn.
  const end = () => void action.run(afterDrafts([turn.id], () => api.call('turn.end', { turnId: turn.id })));
  const nextGroup = () =>
    rotation && void action.run(afterDrafts([turn.id], () => api.call('rotation.next', { rotationId: rotation.id })));

  useShortcut('endTurn', end);
  useShortcut('focusNote', () => noteRef.current?.focus());

  // Many at the table (a plenary, a focus, a sub-group): the big line says how
  // many, and their names follow compactly below (two lines, the rest on demand).
  const many = turn.participants.length > 3;
  return (
    <>
      <div className="mode-line">
        <p className="mode">{modeLabel(t, turn, rotation)}</p>
        <span className="started">{t('turn.startedAt', { time: formatClockTime(turn.startedAt) })}</span>
      </div>
      {turn.participants.length === 1 && (
        <p className="now-who">
          <strong>{who}</strong>
        </p>
      )}
      {turn.participants.length > 1 && (
        <Participants participants={turn.participants} many={many} count={turnHeads(turn)}
          onLeave={(id) => void action.run(() => api.call('entry.setStatus', { entryId: id, status: 'left' }))} />
      )}
      <div className="clock-row">
        <Countdown turnId={turn.id} paused={turn.pausedAt !== null} />
        <TurnTime turn={turn} />
        <div className={rotation ? 'actions pair' : 'actions'}>
          {rotation ? (
            <button type="button" className="primary big" onClick={nextGroup} disabled={action.busy}>
              {t('rotation.next')} <kbd>{shortcutLabel('startNext')}</kbd>
            </button>
          ) : null}
          <button type="button" className={rotation ? undefined : 'primary big'} onClick={end} disabled={action.busy}>
            {t('turn.end')} <kbd>{shortcutLabel('endTurn')}</kbd>
          </button>
          <UndoStartTurn turn={turn} />
        </div>
      </div>
      {/* Another turn running here at once (started apart, or a co-coach's): right under this one's clock, not below the note. */}
      <AlsoRunning table={table} />
      {alert?.kind === 'warning' && phase === 'warning' && (
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
      <FormError message={action.error?.message} />
      <NoteEditor
        key={turn.id}
        label={t('note.label')}
        hint={t('note.shortcutHint', { key: shortcutLabel('focusNote') })}
        text={turn.note?.text ?? ''}
        savedAt={turn.note?.savedAt ?? null}
        textareaRef={noteRef}
        rows={3}
        save={(text) => api.call('note.save', { turnId: turn.id, text })}
      />
      <NoteDetails note={turn.note} participants={turn.participants} topics={table.topics}
        save={(tags) => api.call('note.save', { turnId: turn.id, ...tags })} />
      <FollowUpForm participants={turn.participants} turnId={turn.id} />
    </>
  );
}

/**
 * The other turns running at this table at once (TableView.alsoRunning):
 * two laptops apart each started one, or two co-coaches each run one. Each
 * is shown with who is in it, its clock and its own End turn, so nobody in
 * it is hidden and each can be ended here.
 */
function AlsoRunning({ table }: { table: TableView }) {
  const { t } = useTranslation();
  const action = useAction();
  const titleId = useId();
  if (table.alsoRunning.length === 0) return null;
  return (
    <section className="also-running" aria-labelledby={titleId}>
      <h4 id={titleId}>{t('turn.alsoRunning', { count: table.alsoRunning.length })}</h4>
      <p className="hint">{t('turn.alsoRunningHint')}</p>
      <ul>
        {table.alsoRunning.map((turn) => {
          const present = presentParticipants(turn);
          const who = peopleLabel(t, present.length > 0 ? present : turn.participants);
          return (
            <li key={turn.id}>
              <p>
                <strong><bdi>{who}</bdi></strong>{' '}
                <span className="hint">
                  {joinParts([modeLabel(t, turn, turn.rotationId ? table.rotation : null), t('turn.startedAt', { time: formatClockTime(turn.startedAt) })])}
                </span>
              </p>
              <div className="clock-row">
                <Countdown turnId={turn.id} paused={turn.pausedAt !== null} />
                <button type="button" aria-label={t('turn.endFor', { who })} disabled={action.busy}
                  onClick={() => void action.run(afterDrafts([turn.id], () => api.call('turn.end', { turnId: turn.id })))}>
                  {t('turn.end')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <FormError message={action.error?.message} />
    </section>
  );
}

/**
 * Who takes part in a group turn, as one run of names: large for two or
 * three; for more, a count in large type and the names in two lines, with
 * "+N more" opening the whole list (so a plenary of twelve keeps the
 * countdown and the note in a 700 px window). "Leaves" for each is on
 * demand, since it is rare (and opens the whole list).
 */
/** `count`: the people (heads) still at the table, "N people" (a party of two is two). */
function Participants(props: { participants: readonly ParticipantView[]; many: boolean; count: number; onLeave(entryId: string): void }) {
  const { t } = useTranslation();
  const [leaving, setLeaving] = useState(false);
  const [open, setOpen] = useState(false);
  const clamped = props.many && !open && !leaving;
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();
  const hidden = useHiddenItems(listRef, clamped, props.participants);
  const leaves = (
    <button type="button" className="small link" aria-expanded={leaving} onClick={() => setLeaving((l) => !l)}>
      {t('turn.someoneLeaves')}
    </button>
  );
  return (
    <div className={`participants-box${props.many ? ' many' : ' few'}`}>
      {props.many && (
        <>
          <p className="now-who">
            <strong>{t('turn.peopleCount', { count: props.count })}</strong>
          </p>
          {(hidden > 0 || open) && (
            <button type="button" className="small link" aria-expanded={open} aria-controls={listId}
              onClick={() => setOpen((o) => !o)}>
              {open ? t('turn.fewerNames') : t('turn.moreNames', { count: hidden })}
            </button>
          )}
          {leaves}
        </>
      )}
      <ul ref={listRef} id={listId} className={`participants${clamped ? ' clamped' : ''}`} aria-label={t('turn.participants')}>
        {props.participants.map((p) => (
          <li key={p.id} className={p.leftTurnAt === null ? undefined : 'left'}>
            <span>{personLabel(t, p)}</span>
            {p.leftTurnAt !== null ? (
              <span className="hint"> {t('turn.leftAt', { time: formatClockTime(p.leftTurnAt) })}</span>
            ) : (
              leaving && (
                <button type="button" className="small" aria-label={t('turn.leavesLabel', { who: personLabel(t, p) })}
                  onClick={() => props.onLeave(p.id)}>
                  {t('turn.leaves')}
                </button>
              )
            )}
          </li>
        ))}
      </ul>
      {!props.many && leaves}
    </div>
  );
}

/**
 * How many items of a line-clamped list are cut off (not wholly shown), measured
 * after layout and again whenever the list's box changes size; 0 when not clamped.
 */
function useHiddenItems(ref: RefObject<HTMLUListElement | null>, clamped: boolean, items: unknown): number {
  const [count, setCount] = useState(0);
  useLayoutEffect(() => {
    const list = ref.current;
    if (!list || !clamped) return undefined;
    const measure = () => {
      const bottom = list.getBoundingClientRect().bottom;
      let n = 0;
      for (const item of Array.from(list.children)) {
        const rects = item.getClientRects();
        const last = rects[rects.length - 1];
        if (!last || last.bottom > bottom + 1) n += 1;
      }
      setCount(n);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(list);
    return () => observer.disconnect();
  }, [ref, clamped, items]);
  return clamped ? count : 0;
}
