import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { i18n } from '../i18n';
import type { Snapshot } from '../../../shared/contract';
import { lastHeardFromAny } from '../../../shared/domain/sync-status';
import { api } from '../api';
import { Field, FormError } from '../components/Field';
import { download } from '../lib/download';
import { formatClockTime, formatNumber, formatWholeMinutes, withSize } from '../lib/format';
import { useAction } from '../lib/useAction';
import { useStore } from '../store';

/** The camera and the QR decoder load only when the coach starts scanning (not in the first chunk). */
const QrScanner = lazy(() => import('../components/QrScanner').then((m) => ({ default: m.QrScanner })));

/**
 * Opening a sync file (from a USB stick). A laptop that has not joined the
 * event types its code; the file names the event, so an empty laptop gets
 * the whole event from it. Opening the same file twice changes nothing.
 */
export function SyncFileOpener({ askCode }: { askCode: boolean }) {
  const { t } = useTranslation();
  const action = useAction();
  const [code, setCode] = useState('');
  const [imported, setImported] = useState<string | null>(null);
  const open = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setImported(null);
    const content = await file.text();
    // The same file can be chosen again (to see that nothing changes).
    input.value = '';
    const r = await action.run(() => api.call('sync.importFile', { content, ...(code.trim() ? { code: code.trim() } : {}) }));
    if (r) setImported(t('sharing.imported', { count: r.applied }));
  };
  return (
    <>
      {askCode && (
        <Field label={t('sharing.fileCode')}>
          {(a) => <input id={a.id} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />}
        </Field>
      )}
      <label className="file-input">
        {t('sharing.importFile')}
        <input type="file" accept=".tablesidesync" disabled={action.busy} onChange={(e) => void open(e.currentTarget)} />
      </label>
      {imported && <p role="status" className="confirmation">{imported}</p>}
      <FormError message={action.error?.message} />
    </>
  );
}

/** Sharing the event with the other laptops: as the hub, by joining one, or by file. */
export function SharingView({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const sync = snapshot.sync;
  const hubAction = useAction();
  const fileAction = useAction();

  return (
    <section className="sharing" aria-labelledby="sharing-title">
      <h2 id="sharing-title">{t('sharing.title')}</h2>
      <p className="hint">{t('sharing.lead')}</p>

      {sync.role === 'hub' && (
        <section className="card" aria-labelledby="hub-title">
          <h3 id="hub-title">{t('sharing.hubTitle')}</h3>
          <p>{t('sharing.hubLead')}</p>
          <p className="event-code" aria-label={t('sharing.codeLabel')}>
            {sync.eventCode}
          </p>
          <ul className="addresses" aria-label={t('sharing.addresses')}>
            {sync.listening.map((a) => (
              <li key={a}>{a.replace('http://', '')}</li>
            ))}
          </ul>
          {sync.pairingQr && <img className="qr" src={sync.pairingQr} alt={t('sharing.qrAlt')} width={180} height={180} />}
          <p className="hint">{t('sharing.boardHint', { address: `${sync.listening[0] ?? ''}/board` })}</p>
          <h4>{t('sharing.peers')}</h4>
          {sync.peers.length === 0 ? (
            <p className="hint">{t('sharing.noPeers')}</p>
          ) : (
            <ul aria-label={t('sharing.peers')}>
              {sync.peers.map((p) => (
                <li key={p.deviceId}>
                  {p.name ?? t('sharing.unnamed')} ({p.deviceId.slice(0, 8)}) ·{' '}
                  {p.lastSeenAt ? t('sharing.lastSeen', { time: formatClockTime(p.lastSeenAt, true) }) : '–'}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {sync.role === 'member' && (
        <section className="card" aria-labelledby="member-title">
          <h3 id="member-title">{t('sharing.memberTitle')}</h3>
          <p>{sync.hubUrl ? t('sharing.memberLead', { hub: sync.hubUrl.replace('http://', '') }) : t('sharing.memberNoHub')}</p>
          {sync.eventCode && <p>{t('sharing.memberCode', { code: sync.eventCode })}</p>}
          <SyncFacts snapshot={snapshot} />
          <div className="actions">
            <button type="button" onClick={() => void hubAction.run(() => api.call('sync.now', {}))} disabled={hubAction.busy}>
              {t('sharing.syncNow')}
            </button>
          </div>
          <MoveHubForm eventId={snapshot.event?.id ?? null} />
        </section>
      )}

      {sync.role !== 'hub' && (
        <section className="card" aria-labelledby="become-title">
          <h3 id="become-title">{t('sharing.becomeTitle')}</h3>
          <p className="hint">{t('sharing.becomeHint')}</p>
          <button type="button" className="primary" disabled={hubAction.busy}
            onClick={() => void hubAction.run(() => api.call('sync.becomeHub', {}))}>
            {t('sharing.becomeHub')}
          </button>
          {sync.role === 'member' && hubAction.error && (
            <button type="button" disabled={hubAction.busy}
              onClick={() => void hubAction.run(() => api.call('sync.becomeHub', { takeover: true }))}>
              {t('sharing.takeOver')}
            </button>
          )}
        </section>
      )}
      <FormError message={hubAction.error?.message} />

      {sync.role === 'alone' && <JoinForm />}

      <section className="card" aria-labelledby="file-title">
        <h3 id="file-title">{t('sharing.fileTitle')}</h3>
        <p className="hint">{t('sharing.fileHint')}</p>
        <div className="actions">
          <button type="button" disabled={sync.role === 'alone' || fileAction.busy}
            onClick={async () => {
              const r = await fileAction.run(() => api.call('sync.exportFile', {}));
              if (r) download(r.fileName, r.content);
            }}>
            {t('sharing.exportFile')}
          </button>
        </div>
        <SyncFileOpener askCode={sync.role === 'alone'} />
        <FormError message={fileAction.error?.message} />
      </section>

      {sync.role !== 'alone' && (
        <div className="actions">
          <button type="button" onClick={() => void hubAction.run(() => api.call('sync.leave', {}))}>
            {t('sharing.leave')}
          </button>
        </div>
      )}
    </section>
  );
}

/**
 * The one sync status line: on the hub, how many laptops have synced and when
 * one was last heard from (the hub never syncs with itself, so "Not synced yet"
 * would contradict "1 laptop has synced"); on a member, when it last synced.
 */
export function syncLineText(t: TFunction, s: Snapshot['sync']): string {
  if (s.role === 'hub') {
    const last = lastHeardFromAny(s);
    return [t('sync.hubLine', { count: s.peers.length }), last === null ? t('sync.hubNobody') : t('sync.hubHeard', { time: formatClockTime(last) })].join(' · ');
  }
  // A member on its live link says only that; without it, when it last synced, and calmly that the link is down.
  if (s.live === 'live') return t('sync.liveLine');
  const last = s.lastSyncedAt ? t('sync.lastSynced', { time: formatClockTime(s.lastSyncedAt) }) : t('sync.never');
  return s.live === 'down' ? `${t('sync.liveDown')} · ${last}` : last;
}

/**
 * Why the last sync round failed, in the shown language: by its code
 * (`errors.sync.<code>`), the core's English words only for a code this
 * version has no words for.
 */
export function syncErrorText(t: TFunction, s: Snapshot['sync']): string | null {
  if (!s.lastError) return null;
  const code = s.lastErrorCode?.code;
  const key = `errors.sync.${code ?? ''}`;
  return code && i18n.exists(key) ? t(key, withSize(s.lastErrorCode?.params)) : s.lastError;
}

/** When this laptop last synced, what waits to go, and whether its clock is off. */
export function SyncFacts({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const s = snapshot.sync;
  const skewMinutes = s.clockSkewMs === null ? 0 : Math.round(s.clockSkewMs / 60_000);
  return (
    <>
      <p role="status" className="sync-facts">
        {syncLineText(t, s)}
        {' · '}
        {t('sync.pending', { count: s.pending })}
        {s.lastError && <span className="sync-error"> · {syncErrorText(t, s)}</span>}
      </p>
      {Math.abs(skewMinutes) >= 2 && (
        <p className="clock-off" role="note">
          {t(skewMinutes > 0 ? 'sync.clockBehind' : 'sync.clockAhead', {
            amount: formatWholeMinutes(Math.abs(skewMinutes)),
          })}
        </p>
      )}
    </>
  );
}

/** Joining a hub's event; `level` fits its heading into the page around it. */
export function JoinForm({ level = 3 }: { level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [address, setAddress] = useState('');
  const nearby = useNearbyHubs();
  const [scanning, setScanning] = useState(false);
  const join = useAction();
  // An empty laptop's first copy, as the core counts it (not an event until it is whole; a cut-off one waits, paused).
  const copying = useStore((s) => s.snapshot?.sync.joining ?? null);
  // Giving up an interrupted join clears what arrived of it (nothing left behind).
  const giveUp = useAction();
  const [cleared, setCleared] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await join.run(() => api.call('sync.join', { code, hubAddress: address }));
  };
  return (
    <section className="card" aria-labelledby="join-title">
      <Heading id="join-title">{t('sharing.joinTitle')}</Heading>
      <form onSubmit={submit} aria-label={t('sharing.joinTitle')} noValidate>
        <div className="row">
          <Field label={t('sharing.code')} hint={t('sharing.codeHint')} error={join.fieldError('code')}>
            {(a) => <input id={a.id} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" aria-describedby={a.describedBy} />}
          </Field>
          <Field label={t('sharing.hubAddress')} hint={t('sharing.hubAddressHint')} error={join.fieldError('hubAddress')}>
            {(a) => <input id={a.id} value={address} onChange={(e) => setAddress(e.target.value)} autoComplete="off" aria-describedby={a.describedBy} />}
          </Field>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={join.busy}>
            {join.busy ? t('sharing.joining') : t('sharing.join')}
          </button>
          <button type="button" disabled={join.busy || scanning} onClick={() => setScanning(true)}>
            {t('scan.open')}
          </button>
          <button type="button" disabled={nearby.busy} onClick={() => void nearby.look()}>
            {t('sharing.discover')}
          </button>
        </div>
        {scanning && (
          <Suspense fallback={<p role="status">{t('scan.starting')}</p>}>
            <QrScanner
              onClose={() => setScanning(false)}
              onCode={(pairing) => {
                setScanning(false);
                void join.run(() => api.call('sync.joinScanned', { pairing }));
              }}
            />
          </Suspense>
        )}
        {!join.busy && copying?.paused && (
          <div role="status" className="join-progress" aria-label={t('sharing.joining')}>
            <p>{t('sharing.joinPaused', { done: formatNumber(copying.done), total: formatNumber(copying.total ?? copying.done) })}</p>
            <progress max={copying.total ?? copying.done} value={copying.done} aria-label={t('sharing.joining')} />
            <div className="actions">
              <button type="button" disabled={giveUp.busy}
                onClick={async () => {
                  if (await giveUp.run(() => api.call('sync.joinGiveUp', {}))) setCleared(true);
                }}>
                {t('sharing.joinGiveUp')}
              </button>
            </div>
          </div>
        )}
        {cleared && !copying && <p role="status" className="confirmation">{t('sharing.joinCleared')}</p>}
        <FormError message={giveUp.error?.message} />
        {join.busy && copying && copying.total !== null && (
          <div role="status" className="join-progress">
            <p>{t('sharing.joiningProgress', { done: formatNumber(copying.done), total: formatNumber(copying.total) })}</p>
            <progress max={copying.total} value={copying.done} aria-label={t('sharing.joining')} />
            <p className="hint">{t('sharing.joiningHint')}</p>
          </div>
        )}
        <NearbyList found={nearby.found} onPick={setAddress} />
        <FormError message={join.error && !join.error.issues ? join.error.message : undefined} />
      </form>
    </section>
  );
}

/**
 * The hub moved (the organiser's laptop was lost, another took over): type
 * its address, or find it nearby by mDNS among the hubs of this event.
 */
function MoveHubForm({ eventId }: { eventId: string | null }) {
  const { t } = useTranslation();
  const [address, setAddress] = useState('');
  const move = useAction();
  const nearby = useNearbyHubs(eventId);
  return (
    <details>
      <summary>{t('sharing.moveHub')}</summary>
      <Field label={t('sharing.hubAddress')}>
        {(a) => <input id={a.id} value={address} onChange={(e) => setAddress(e.target.value)} autoComplete="off" />}
      </Field>
      <div className="actions">
        <button type="button" disabled={!address.trim() || move.busy}
          onClick={() => void move.run(() => api.call('sync.setHub', { hubAddress: address }))}>
          {t('sharing.useHub')}
        </button>
        <button type="button" disabled={nearby.busy} onClick={() => void nearby.look()}>
          {t('sharing.discover')}
        </button>
      </div>
      <NearbyList found={nearby.found} onPick={setAddress} />
      <FormError message={move.error?.message ?? nearby.error} />
    </details>
  );
}

type FoundHub = { name: string; address: string; eventId: string };

/** Looking for hubs by mDNS (of one event, if given). */
function useNearbyHubs(eventId?: string | null) {
  const action = useAction();
  const [found, setFound] = useState<FoundHub[] | null>(null);
  const look = async () => {
    const r = await action.run(() => api.call('sync.discover', {}));
    if (r) setFound(eventId ? r.hubs.filter((h) => h.eventId === eventId) : r.hubs);
  };
  return { look, found, busy: action.busy, error: action.error?.message };
}

function NearbyList({ found, onPick }: { found: FoundHub[] | null; onPick(address: string): void }) {
  const { t } = useTranslation();
  if (!found) return null;
  if (found.length === 0) return <p className="hint">{t('sharing.noneFound')}</p>;
  return (
    <ul aria-label={t('sharing.found')}>
      {found.map((h) => (
        <li key={h.address}>
          <button type="button" className="small" onClick={() => onPick(h.address)}>
            {h.name} ({h.address})
          </button>
        </li>
      ))}
    </ul>
  );
}
