import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { i18n } from '../i18n';
import type { FileClock, Snapshot } from '../../../shared/contract';
import { earlierSharing, linkState, type LinkState } from '../../../shared/domain/sync-status';
import { api } from '../api';
import { fileText } from '../lib/file-text';
import { Field, FormError } from '../components/Field';
import { download } from '../lib/download';
import { formatClockTime, formatEventDate, formatNumber, formatWholeMinutes, withSize } from '../lib/format';
import { useAction } from '../lib/useAction';
import { useTransient } from '../lib/useTransient';
import { useStore } from '../store';
import { joinParts } from '../lib/parts';

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
  const [imported, setImported] = useTransient<string>();
  // What the file told of the clocks stays until the next file: a warning, not a confirmation.
  const [clockNote, setClockNote] = useState<string | null>(null);
  const open = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setImported(null);
    setClockNote(null);
    const read = await fileText(file);
    // The same file can be chosen again (to see that nothing changes).
    input.value = '';
    const r = await action.run(() =>
      read.ok ? api.call('sync.importFile', { content: read.value, ...(code.trim() ? { code: code.trim() } : {}) }) : Promise.resolve(read),
    );
    if (r) {
      setImported(t('sharing.imported', { count: r.applied }));
      setClockNote(fileClockText(t, r.clock));
    }
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
      {clockNote && (
        <p role="note" className="clock-off">
          {clockNote}
        </p>
      )}
      <FormError message={action.error?.message} />
    </>
  );
}

/** What a sync file told of the clocks (FileClock), in words; null when there is nothing to say. */
function fileClockText(t: TFunction, clock: FileClock): string | null {
  const amount = (ms: number) => formatWholeMinutes(Math.round(Math.abs(ms) / 60_000));
  switch (clock.kind) {
    case 'moved':
      return t('sharing.fileClockMoved', { amount: amount(clock.byMs) });
    case 'older':
      return t('sharing.fileClockOlder', { amount: amount(clock.byMs) });
    case 'unsure':
      return t(clock.aheadMs > 0 ? 'sharing.fileClockUnsureAhead' : 'sharing.fileClockUnsureBehind', { amount: amount(clock.aheadMs) });
    default:
      return null;
  }
}

/** Sharing the event with the other laptops: as the hub, by joining one, or by file. */
export function SharingView({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const sync = snapshot.sync;
  const link = linkState(sync);
  const hubAction = useAction();
  const fileAction = useAction();
  // A member the hub refused because it started a new sharing: the page asks for the new code, and only that.
  const needsCode = sync.role === 'member' && link.kind === 'lost' && link.needsCode && sync.hubUrl !== null;

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
                  {joinParts([
                    `${p.name ?? t('sharing.unnamed')} (${p.deviceId.slice(0, 8)})`,
                    p.linked ? t('sharing.linkedNow') : p.lastSeenAt ? t('sharing.lastSeen', { time: formatClockTime(p.lastSeenAt, true) }) : '–',
                    earlierSharing(sync, p) && t('sharing.peerEarlier'),
                  ])}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {sync.role === 'member' && (
        <section className="card" aria-labelledby="member-title">
          <h3 id="member-title">{t('sharing.memberTitle')}</h3>
          <p>
            {sync.hubUrl
              ? sync.hubName
                ? t('sharing.memberLeadNamed', { hub: sync.hubUrl.replace('http://', ''), name: sync.hubName })
                : t('sharing.memberLead', { hub: sync.hubUrl.replace('http://', '') })
              : t('sharing.memberNoHub')}
          </p>
          {sync.movedTo && <p className="hint">{t('sharing.steppedDown')}</p>}
          {needsCode && sync.hubUrl ? (
            // Its old code no longer opens the hub: say so once, with what waits here, and ask for the new code.
            <>
              <p className="sync-error">
                {t('sharing.renewedLead')}{' '}
                {sync.pending > 0 ? t('sharing.renewedPending', { count: sync.pending }) : t('sharing.renewedKept')}
              </p>
              <NewCodeForm hubUrl={sync.hubUrl} />
            </>
          ) : (
            <>
              {sync.eventCode && <p>{t('sharing.memberCode', { code: sync.eventCode })}</p>}
              <SyncFacts snapshot={snapshot} />
              <div className="actions">
                <button type="button" onClick={() => void hubAction.run(() => api.call('sync.now', {}))} disabled={hubAction.busy}>
                  {t('sharing.syncNow')}
                </button>
              </div>
              <MoveHubForm eventId={snapshot.event?.id ?? null} />
            </>
          )}
        </section>
      )}

      {sync.role === 'alone' && sync.keptCode && <ShareAgain code={sync.keptCode} />}

      {sync.role !== 'hub' && !(sync.role === 'alone' && sync.keptCode) && !needsCode && (
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

      {sync.role !== 'alone' && <StopSharing sync={sync} />}
    </section>
  );
}

/**
 * "Stop sharing on this laptop", after a confirm. On the hub it says how many
 * member laptops are linked in its current sharing (the hub line's count,
 * linkState) and what happens to them: they keep working, and reconnect by
 * themselves when this laptop shares again (same code); and how many synced
 * only in an earlier sharing (they need the new code). On a member, what
 * waits to go.
 */
function StopSharing({ sync }: { sync: Snapshot['sync'] }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const stop = useAction();
  const link = linkState(sync);
  // The confirm opens at the foot of the page: its words and buttons are brought into view whole.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [confirming]);
  if (!confirming) {
    return (
      <div className="actions">
        <button type="button" onClick={() => setConfirming(true)}>
          {t('sharing.leave')}
        </button>
      </div>
    );
  }
  return (
    <div ref={box} role="group" aria-label={t('sharing.stopConfirmLabel')} className="leave-confirm">
      <p>
        <strong>{t('sharing.stopConfirm')}</strong>
      </p>
      {link.kind === 'hub' && (
        <>
          <p>{link.laptops > 0 ? t('sharing.stopLinked', { count: link.laptops }) : t('sharing.stopNoneLinked')}</p>
          {link.laptops > 0 && <p>{t('sharing.stopWhatHappens')}</p>}
          {link.earlier > 0 && <p>{t('sharing.stopEarlier', { count: link.earlier })}</p>}
        </>
      )}
      {link.kind !== 'hub' && (
        <p>{sync.pending > 0 ? t('sharing.stopMemberPending', { count: sync.pending }) : t('sharing.stopMember')}</p>
      )}
      <div className="actions">
        <button type="button" className="danger" disabled={stop.busy}
          onClick={async () => {
            if (await stop.run(() => api.call('sync.leave', {}))) setConfirming(false);
          }}>
          {t('sharing.stopNow')}
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          {t('form.cancel')}
        </button>
      </div>
      <FormError message={stop.error?.message} />
    </div>
  );
}

/**
 * A laptop that was the hub and stopped sharing: sharing again keeps its
 * event code (members reconnect by themselves); a new sharing, with a new
 * code, only when chosen, after saying what it means for the members.
 */
function ShareAgain({ code }: { code: string }) {
  const { t } = useTranslation();
  const [renewing, setRenewing] = useState(false);
  const action = useAction();
  return (
    <section className="card" aria-labelledby="again-title">
      <h3 id="again-title">{t('sharing.againTitle')}</h3>
      <p>{t('sharing.againLead', { code })}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={action.busy}
          onClick={() => void action.run(() => api.call('sync.becomeHub', {}))}>
          {t('sharing.shareAgain')}
        </button>
        {!renewing && (
          <button type="button" disabled={action.busy} onClick={() => setRenewing(true)}>
            {t('sharing.newSharing')}
          </button>
        )}
      </div>
      {renewing && (
        <div role="group" aria-label={t('sharing.newSharing')} className="leave-confirm">
          <p>{t('sharing.newSharingWarn')}</p>
          <div className="actions">
            <button type="button" className="danger" disabled={action.busy}
              onClick={() => void action.run(() => api.call('sync.becomeHub', { newCode: true }))}>
              {t('sharing.newSharingNow')}
            </button>
            <button type="button" onClick={() => setRenewing(false)}>
              {t('form.cancel')}
            </button>
          </div>
        </div>
      )}
      <FormError message={action.error?.message} />
    </section>
  );
}

/** The hub started a new sharing: type its new event code; this laptop joins again, keeping all it has. */
function NewCodeForm({ hubUrl }: { hubUrl: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const join = useAction();
  return (
    <form aria-label={t('sharing.newCodeTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void join.run(() => api.call('sync.join', { code, hubAddress: hubUrl.replace('http://', '') }));
      }}>
      <Field label={t('sharing.newCode')} hint={t('sharing.codeHint')} error={join.fieldError('code')}>
        {(a) => <input id={a.id} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" aria-describedby={a.describedBy} />}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={join.busy}>
          {t('sharing.joinAgain')}
        </button>
      </div>
      <FormError message={join.error && !join.error.issues ? join.error.message : undefined} />
    </form>
  );
}

/**
 * The one sync status line, for the header and the Sharing page alike, from
 * the one link state (shared/domain/sync-status.ts linkState): on the hub, how
 * many laptops have synced and when one was last heard from; on a member, the
 * link (live, rounds, connecting, or lost and why), when it last synced, and
 * what waits to go.
 */
export function syncLineText(t: TFunction, s: Snapshot['sync']): string {
  const link = linkState(s);
  return joinParts(linkParts(t, link));
}

function linkParts(t: TFunction, link: LinkState): string[] {
  if (link.kind === 'alone') return [];
  if (link.kind === 'hub') {
    return [t('sync.hubLine', { count: link.laptops }), link.lastHeardAt === null ? t('sync.hubNobody') : t('sync.hubHeard', { time: formatClockTime(link.lastHeardAt) })];
  }
  const parts: string[] = [];
  const last = link.lastSyncedAt !== null ? t('sync.lastSynced', { time: formatClockTime(link.lastSyncedAt) }) : t('sync.never');
  // Live with the hub says only that; otherwise how the link stands and when it last synced.
  if (link.kind === 'lost') parts.push(t('sync.lost', { reason: problemText(t, link.problem) }), last);
  else if (link.kind === 'live') parts.push(t('sync.liveLine'));
  else parts.push(t(link.kind === 'rounds' ? 'sync.liveDown' : 'sync.connecting'), last);
  if (link.pending > 0) parts.push(t('sync.pending', { count: link.pending }));
  return parts;
}

/**
 * Why the last sync round failed, in the shown language: by its code
 * (`errors.sync.<code>`), the core's English words only for a code this
 * version has no words for.
 */
function problemText(t: TFunction, problem: { code: string; params: Record<string, string | number>; text: string }): string {
  const key = `errors.sync.${problem.code}`;
  return i18n.exists(key) ? t(key, withSize(problem.params)) : problem.text;
}

/** The sync status line (the header's words: syncLineText), and whether this laptop's clock is off. */
export function SyncFacts({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const s = snapshot.sync;
  const skewMinutes = s.clockSkewMs === null ? 0 : Math.round(s.clockSkewMs / 60_000);
  return (
    <>
      <p role="status" className={`sync-facts ${linkState(s).kind === 'lost' ? 'sync-error' : ''}`}>
        {syncLineText(t, s)}
      </p>
      {Math.abs(skewMinutes) >= 2 && (
        <p className="clock-off" role="note">
          {t(skewMinutes > 0 ? 'sync.clockBehind' : 'sync.clockAhead', {
            amount: formatWholeMinutes(Math.abs(skewMinutes)),
          })}
        </p>
      )}
      {s.heldAhead && (
        <p className="clock-off" role="note">
          {t('sync.heldAhead', { count: s.heldAhead.count, date: formatEventDate(new Date(s.heldAhead.latestAt).toISOString().slice(0, 10)) })}
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
            <bdi>{h.name}</bdi> ({h.address})
          </button>
        </li>
      ))}
    </ul>
  );
}
