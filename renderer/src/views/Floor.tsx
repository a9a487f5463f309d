import { memo, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Snapshot } from '../../../shared/contract';
import { tableState } from '../../../shared/domain/table';
import { claimedTables, lostTakeover } from '../../../shared/domain/laptop';
import { linkState } from '../../../shared/domain/sync-status';
import { sessionWhen } from '../lib/session';
import { api } from '../api';
import { LanguagePicker } from '../components/LanguagePicker';
import { LaptopName } from '../components/LaptopName';
import { TableForm } from '../components/TableForm';
import { queueCountLabel } from '../lib/counts';
import { formatList } from '../lib/format';
import { useStore, useTable, type View } from '../store';
import { BroadcastBanner } from '../components/BroadcastBanner';
import { RehearsalBar } from '../components/RehearsalBar';
import { RestoredNote } from '../components/RestoredNote';
import { Dashboard } from './Dashboard';
import { EventSettings } from './EventSettings';
import { NameList } from '../components/NameList';
import { ExportView } from './ExportView';
import { SharingView, syncLineText } from './SharingView';
import { SignsView } from './SignsView';
import { PlanImportView } from './PlanImportView';
import { TableScreen } from './TableScreen';
import { joinParts } from '../lib/parts';
import { Parts } from '../components/Parts';

/**
 * A calm line about sharing, the Sharing page's words (syncLineText, from the
 * one link state): live with the hub, or how the link stands, when this
 * laptop last synced and what waits to go.
 */
function SyncLine({ sync }: { sync: Snapshot['sync'] }) {
  const { t } = useTranslation();
  if (sync.role === 'alone') return null;
  return <p className={`sync-line ${linkState(sync).kind === 'lost' ? 'offline' : ''}`}>{syncLineText(t, sync)}</p>;
}

/**
 * Two hubs for one event (issue 18): said calmly, with both names, while the
 * laptops that say they are the hub have not merged; they reconcile by
 * themselves as soon as they reach each other (electron/sync/hubs.ts).
 */
export function TwoHubsNote({ sync }: { sync: Snapshot['sync'] }) {
  const { t } = useTranslation();
  const others = sync.otherHubs ?? [];
  if (sync.role === 'alone' || others.length === 0) return null;
  const own = sync.role === 'hub' ? t('sync.thisLaptop') : (sync.hubName ?? sync.hubUrl?.replace('http://', '') ?? '');
  const hubs = [own, ...others.map((h) => h.name ?? h.address)];
  return (
    <p className="banner calm" role="status">
      {t(hubs.length === 2 ? 'sync.twoHubs' : 'sync.severalHubs', { hubs: formatList(hubs) })}
    </p>
  );
}

/**
 * An event made before events had a time zone got this laptop's (issue 18,
 * recorded by the core once, for every laptop): said once, with the way to
 * change it; "Got it" hides it in this browser.
 */
function ZoneRecordedNote({ zone, eventId, onSettings }: { zone: string | undefined; eventId: string; onSettings: () => void }) {
  const { t } = useTranslation();
  const key = `tableside.zoneRecordedSeen.${eventId}`;
  const [seen, setSeen] = useState(() => {
    try {
      return localStorage.getItem(key) === zone;
    } catch {
      return false;
    }
  });
  if (!zone || seen) return null;
  return (
    <div className="banner calm" role="status">
      <span>{t('event.zoneRecorded', { zone: zone.replace(/_/g, ' ') })}</span>
      <button type="button" onClick={onSettings}>{t('event.zoneRecordedChange')}</button>
      <button type="button" onClick={() => {
        try {
          localStorage.setItem(key, zone);
        } catch {
          // Private mode: hidden until the page reloads.
        }
        setSeen(true);
      }}>
        {t('event.zoneRecordedOk')}
      </button>
    </div>
  );
}

/** The event: its tables in a side list, the chosen table (or a form) beside it. */
export function Floor() {
  const { t } = useTranslation();
  const view = useStore((s) => s.view);
  const show = useStore((s) => s.show);
  const connection = useStore((s) => s.connection);
  // Each part selects its own slice of the snapshot; parts that did not change keep their identity.
  const { event, tables, sync, device, broadcasts } = useStore(
    useShallow((s) => ({
      event: s.snapshot!.event!,
      tables: s.snapshot!.tables,
      sync: s.snapshot!.sync,
      device: s.snapshot!.device,
      broadcasts: s.snapshot!.broadcasts,
    })),
  );

  // The chosen table, else this laptop's own ("This is my table", kept in its settings), else the first one, else the form to add one.
  const mine = claimedTables(tables, device);
  // Claimed here but taken over by another laptop since: the list says by whom, not "yours".
  const lost = new Map(mine.map((tb) => [tb.id, lostTakeover(tb, device)?.byName]));
  const home = mine[0] ?? tables[0];
  const current: View =
    view && (view.kind !== 'table' || tables.some((tb) => tb.id === view.tableId))
      ? view
      : home
        ? { kind: 'table', tableId: home.id }
        : { kind: 'newTable' };
  const table = current.kind === 'table' ? tables.find((tb) => tb.id === current.tableId) : undefined;
  // Another table or page opens at its top: chosen low in a long side list (7 tables at 1024×700), a table once
  // opened scrolled 342 px down, its heading and countdown out of sight.
  const shownKey = current.kind === 'table' ? `table ${current.tableId}` : current.kind;
  useLayoutEffect(() => {
    window.scrollTo({ top: 0, left: window.scrollX });
  }, [shownKey]);

  return (
    <div className={event.rehearsal ? 'floor rehearsal' : 'floor'}>
      {event.rehearsal && <RehearsalBar />}
      <header className="event-header">
        <div>
          <h1>{event.name}</h1>
          <p className="event-meta">
            {joinParts([sessionWhen(t, event), event.place])}
          </p>
        </div>
        <div className="header-status">
          {/* One status: this page's own link to its Tableside host while that is down or when nothing is shared
              (a "Connected" beside "link to the hub lost" read as a contradiction), else the link to the hub. */}
          {api.kind === 'web' && (connection !== 'online' || sync.role === 'alone') && (
            <p className={`connection ${connection}`} role="status">
              {t(`connection.${connection}`)}
            </p>
          )}
          {(api.kind !== 'web' || connection === 'online') && <SyncLine sync={sync} />}
        </div>
      </header>
      <nav className="side" aria-label={t('nav.label')}>
        <h2 className="visually-hidden">{t('nav.tables')}</h2>
        <ul>
          {tables.map((tb) => (
            <li key={tb.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={current.kind === 'table' && current.tableId === tb.id ? 'page' : undefined}
                onClick={() => show({ kind: 'table', tableId: tb.id })}
              >
                <span className="nav-name">
                  <Parts parts={[
                    // Typed text keeps its own direction in the other's line (a Latin name in Arabic): its <bdi>.
                    <bdi key="name">{tb.name}</bdi>,
                    lost.get(tb.id) ? (
                      <span key="mine" className="nav-mine">{t('laptop.takenOverBadge', { laptop: lost.get(tb.id) })}</span>
                    ) : (
                      mine.includes(tb) && <span key="mine" className="nav-mine">{t('laptop.mineBadge')}</span>
                    ),
                  ]} />
                </span>
                <span className="nav-coach">
                  <NameList names={tb.coaches} />
                </span>
                <span className="nav-state">
                  {joinParts([t(`dashboard.states.${tableState(tb)}`), queueCountLabel(t, tb.queue)])}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => show({ kind: 'newTable' })} aria-current={current.kind === 'newTable' ? 'page' : undefined}>
          {t('nav.addTable')}
        </button>
        <button type="button" onClick={() => show({ kind: 'dashboard' })} aria-current={current.kind === 'dashboard' ? 'page' : undefined}>
          {t('nav.dashboard')}
        </button>
        <button type="button" onClick={() => show({ kind: 'sharing' })} aria-current={current.kind === 'sharing' ? 'page' : undefined}>
          {t('nav.sharing')}
        </button>
        <button
          type="button"
          onClick={() => show({ kind: 'export' })}
          aria-current={current.kind === 'export' || current.kind === 'report' ? 'page' : undefined}
        >
          {t('nav.export')}
        </button>
        <button type="button" onClick={() => show({ kind: 'event' })} aria-current={current.kind === 'event' || current.kind === 'signs' || current.kind === 'plan' ? 'page' : undefined}>
          {t('nav.settings')}
        </button>
        <LaptopName name={device.name} />
        <LanguagePicker />
      </nav>
      <main className="content">
        <BroadcastBanner broadcasts={broadcasts} />
        <TwoHubsNote sync={sync} />
        <ZoneRecordedNote zone={device.zoneRecorded} eventId={event.id} onSettings={() => show({ kind: 'event' })} />
        <RestoredNote eventId={event.id} sync={sync} onSharing={() => show({ kind: 'sharing' })} />
        {(current.kind === 'dashboard' || current.kind === 'sharing' || current.kind === 'signs') && <WholeSnapshot kind={current.kind} />}
        {current.kind === 'newTable' && (
          <section aria-labelledby="new-table-title">
            <h2 id="new-table-title">{t('table.newTitle')}</h2>
            <TableForm
              catalogue={event.topics}
              submitLabel={t('table.create')}
              onSubmit={async (fields) => {
                const r = await api.call('table.create', { ...fields, tableWord: t('plan.tableWord') });
                if (r.ok) show({ kind: 'table', tableId: r.value.tableId });
                return r;
              }}
              {...(tables.length > 0 ? { onCancel: () => show({ kind: 'table', tableId: tables[0]!.id }) } : {})}
            />
          </section>
        )}
        {current.kind === 'event' && <EventSettings event={event} sync={sync} />}
        {current.kind === 'plan' && (
          <PlanImportView
            preview={(request) => api.call('plan.preview', request)}
            apply={(request) => api.call('plan.import', request)}
            onDone={() => show({ kind: 'event' })}
          />
        )}
        {(current.kind === 'export' || current.kind === 'report') && <ExportView report={current.kind === 'report'} />}
        {table && <TableContainer key={table.id} tableId={table.id} />}
      </main>
    </div>
  );
}

/** The organiser's views read every table: they take the whole snapshot. */
function WholeSnapshot({ kind }: { kind: 'dashboard' | 'sharing' | 'signs' }) {
  const snapshot = useStore((s) => s.snapshot);
  if (!snapshot) return null;
  if (kind === 'dashboard') return <Dashboard snapshot={snapshot} />;
  if (kind === 'sharing') return <SharingView snapshot={snapshot} />;
  return snapshot.event ? <SignsView snapshot={{ ...snapshot, event: snapshot.event }} /> : null;
}

/** One table's screen, drawn again only when that table (or the event) changed. */
const TableContainer = memo(function TableContainer({ tableId }: { tableId: string }) {
  const table = useTable(tableId);
  const event = useStore((s) => s.snapshot?.event);
  if (!table || !event) return null;
  return <TableScreen table={table} event={event} />;
});
