/**
 * The rehearsal bar (issue 15): on every screen of a rehearsal floor, says
 * "Rehearsal" and holds the player's controls: the session's minute, the
 * speed (1×, 5×, 20×, changeable while it plays), play/pause, and leaving
 * back to the welcome screen. The player runs in the main process (or the
 * web host); this only asks it (`rehearsal.*`) and redraws.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RehearsalView } from '../../../shared/contract';
import { api } from '../api';
import { useStore } from '../store';
import { useAction } from '../lib/useAction';
import { useFloorOffset } from '../lib/hostClock';
import { FormError } from './Field';

const SPEEDS = [1, 5, 20] as const;
/** How often the bar asks the player for its state (the minute moves on by itself between asks). */
const POLL_MS = 2000;

/** The player's state and when it arrived (the minute moves on from there). */
function received(v: RehearsalView): { v: RehearsalView; at: number } {
  return { v, at: Date.now() };
}

export function RehearsalBar() {
  const { t } = useTranslation();
  const [view, setView] = useState<{ v: RehearsalView; at: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [leaving, setLeaving] = useState(false);
  const action = useAction();
  const role = useStore((s) => s.snapshot?.sync.role ?? 'alone');
  const setRehearsalClock = useStore((s) => s.setRehearsalClock);
  // Floor time minus this screen's clock (lib/hostClock.ts): a browser on another device may run on another time.
  const offset = useFloorOffset();
  // Every "now" on screen (waits, the session clock) follows the rehearsal's clock while this bar stands,
  // carried on from when the player's state arrived (this window's clock may differ from the host's).
  useEffect(() => {
    setRehearsalClock(view ? { floorAt: view.at + offset, at: view.v.clock.at, speed: view.v.clock.speed } : null);
  }, [view, offset, setRehearsalClock]);
  useEffect(() => () => setRehearsalClock(null), [setRehearsalClock]);

  useEffect(() => {
    let live = true;
    const ask = () =>
      void api.call('rehearsal.status', {}).then((r) => {
        if (live && r.ok && r.value) setView(received(r.value));
      });
    ask();
    const poll = setInterval(ask, POLL_MS);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      live = false;
      clearInterval(poll);
      clearInterval(tick);
    };
  }, []);

  const control = async (args: { playing?: boolean; speed?: 1 | 5 | 20 }) => {
    const v = await action.run(() => api.call('rehearsal.control', args));
    if (v) setView(received(v));
  };

  const leave = async () => {
    // A rehearsal shared with a second screen stops sharing first.
    if (role !== 'alone') await api.call('sync.leave', {});
    await action.run(() => api.call('rehearsal.leave', {}));
  };

  const v = view?.v;
  // Another laptop plays it (the log says so): no Play or speeds here, and the bar says where it plays.
  const elsewhere = v?.playingElsewhere ?? null;
  const minute = v ? Math.min(v.minutes, v.playing ? v.minute + ((now - view.at) * v.speed) / 60_000 : v.minute) : 0;

  return (
    <section className="rehearsal-bar" aria-labelledby="rehearsal-title">
      <p className="rehearsal-badge" id="rehearsal-title">
        {t('rehearsal.banner')}
      </p>
      <p className="rehearsal-state" role="status">
        {v && (
          <>
            <span>{t('rehearsal.minute', { minute: Math.floor(minute), total: v.minutes })}</span>
            <span>{t('rehearsal.arrived', { arrived: v.arrived, total: v.total })}</span>
            {v.playsOnHub ? (
              <span>{t('rehearsal.onHub')}</span>
            ) : elsewhere ? (
              <strong>{t('rehearsal.playingElsewhere', { name: elsewhere })}</strong>
            ) : v.pausedByRestart ? (
              <strong>{t('rehearsal.pausedByRestart')}</strong>
            ) : v.done ? (
              <span>{t('rehearsal.done')}</span>
            ) : (
              !v.playing && <strong>{t('rehearsal.paused')}</strong>
            )}
          </>
        )}
        {!v && <span>{t('rehearsal.note')}</span>}
      </p>
      {v && (
        <div className="rehearsal-controls" role="group" aria-label={t('rehearsal.label')}>
          {/* A laptop that joined the rehearsal's hub shows the hub's minute: the script plays there, once. */}
          {!v.playsOnHub && !elsewhere && (
            <div className="rehearsal-speeds" role="group" aria-label={t('rehearsal.speed')}>
              {SPEEDS.map((speed) => (
                <button
                  key={speed}
                  type="button"
                  aria-pressed={v.speed === speed}
                  disabled={action.busy}
                  onClick={() => void control({ speed })}
                >
                  {t('rehearsal.speedValue', { speed })}
                </button>
              ))}
            </div>
          )}
          {!v.playsOnHub && !elsewhere && (
            <button type="button" disabled={action.busy || v.done} onClick={() => void control({ playing: !v.playing })}>
              {v.playing ? t('rehearsal.pause') : t('rehearsal.play')}
            </button>
          )}
          {leaving ? (
            <span className="rehearsal-leave">
              <span>{t('rehearsal.leaveConfirm')}</span>
              <button type="button" className="danger" disabled={action.busy} onClick={() => void leave()}>
                {t('rehearsal.leave')}
              </button>
              <button type="button" onClick={() => setLeaving(false)}>
                {t('form.cancel')}
              </button>
            </span>
          ) : (
            <button type="button" onClick={() => setLeaving(true)}>
              {t('rehearsal.leave')}
            </button>
          )}
        </div>
      )}
      <FormError message={action.error?.message} />
    </section>
  );
}
