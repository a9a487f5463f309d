/**
 * What an export includes: which laptops' operations the database holds,
 * how many and until when, and which laptops have not been heard from for a
 * while (against the newest operation, so an export made the next day does
 * not call every laptop silent).
 */
import { counted, derive, type Derived } from './derive.js';
import type { PeerView } from '../contract.js';
import { isSilent } from '../domain/alerts.js';
import { laptopHeard } from '../domain/sync-status.js';
import { formatOffset, isoWithOffset, localTimeZone, zoneOffsetChanges } from '../domain/zone.js';
import { EXPORT_WORDS, fill, listIn, type ExportWords } from './words/index.js';
import { carries, EXPORT_CONTENTS, EXPORT_ITEMS, type ExportFacts, type ExportScope, type PrivacyLevel, type ScopeDevice } from './model.js';

/**
 * What an export made at `asOf` includes. `heard`: the live sync's peers as
 * this laptop knows them at `heard.now` (absent: an export read without a
 * sync, as in the tests and the next day): a laptop its peers say is silent
 * (alerts.ts isSilent, the dashboard's one rule) is "not heard from" even if
 * its last operation is recent, never "up to date".
 */
export function buildScope(
  facts: ExportFacts | null,
  device: { id: string; name: string },
  asOf: number,
  staleMinutes: number,
  derived?: Derived,
  heard?: { now: number; peers: readonly Pick<PeerView, 'deviceId' | 'lastSeenAt' | 'linked'>[] },
): ExportScope {
  if (!facts) {
    return {
      event: null,
      timeZone: localTimeZone(),
      device,
      asOf,
      newestOpAt: null,
      staleMinutes,
      operations: 0,
      devices: [],
      counts: { tables: 0, people: 0, interactions: 0, followUps: 0 },
    };
  }
  const d = derived ?? derive(facts);
  const newest = facts.devices.reduce<number | null>((m, dv) => (m === null || dv.lastOpAt > m ? dv.lastOpAt : m), null);
  const limit = staleMinutes * 60_000;
  const tableName = (id: string) => d.tableById.get(id)?.name ?? id;
  const silentPeer = (deviceId: string): boolean => {
    if (!heard || deviceId === device.id || !heard.peers.some((p) => p.deviceId === deviceId)) return false;
    return isSilent(laptopHeard(deviceId, device.id, heard.peers, heard.now).at, heard.now);
  };
  const devices: ScopeDevice[] = facts.devices
    .map((dv) => ({
      deviceId: dv.deviceId,
      name: dv.deviceId === device.id ? device.name : dv.name,
      thisLaptop: dv.deviceId === device.id,
      operations: dv.operations,
      firstOpAt: dv.firstOpAt,
      lastOpAt: dv.lastOpAt,
      tables: dv.tableIds.filter((id) => d.tableById.has(id)).map(tableName),
      notHeardFrom: (newest !== null && newest - dv.lastOpAt > limit) || silentPeer(dv.deviceId),
    }))
    .sort((a, b) => Number(b.thisLaptop) - Number(a.thisLaptop) || b.lastOpAt - a.lastOpAt);
  return {
    event: { id: facts.event.id, name: facts.event.name, date: facts.event.date },
    timeZone: facts.timeZone,
    device,
    asOf,
    newestOpAt: newest,
    staleMinutes,
    operations: facts.operations,
    devices,
    counts: {
      tables: facts.tables.length,
      people: d.people.filter(counted).length,
      interactions: facts.interactions.length,
      followUps: d.people.filter((p) => counted(p) && p.followUp).length,
    },
  };
}

/**
 * A laptop as every export names it: its name (the log's, laptop-names.ts),
 * else a stable label of its id in `w`'s language ("laptop 3f2a9c1e": the
 * same in every export of every laptop).
 */
export function laptopLabel(dv: Pick<ScopeDevice, 'deviceId' | 'name'>, w: ExportWords = EXPORT_WORDS.en): string {
  return dv.name ?? fill(w.sentences.unnamedLaptop, { id: dv.deviceId.slice(0, 8) });
}

const deviceLabel = (dv: ScopeDevice, w: ExportWords) => {
  const s = w.sentences;
  const name = laptopLabel(dv, w);
  const laptop = dv.thisLaptop ? fill(s.thisLaptop, { name }) : name;
  return dv.tables.length ? fill(s.laptopTables, { laptop, tables: listIn(w, dv.tables) }) : laptop;
};

/** The statement in plain sentences, for the About sheet, in `w`'s language (English by default). */
export function scopeSentences(scope: ExportScope, w: ExportWords = EXPORT_WORDS.en): string[] {
  const s = w.sentences;
  if (scope.devices.length === 0) return [s.noOperations];
  const at = isoWithOffset(scope.newestOpAt ?? scope.asOf, scope.timeZone);
  const lines = [
    scope.devices.length === 1
      ? fill(s.holdsOneLaptop, { operations: scope.operations, at })
      : fill(s.holds, { operations: scope.operations, laptops: scope.devices.length, at }),
  ];
  if (scope.devices.length === 1 && scope.devices[0]?.thisLaptop) lines.push(s.onlyThisLaptop);
  const silent = scope.devices.filter((d) => d.notHeardFrom);
  if (silent.length === 0) {
    lines.push(fill(s.allRecent, { minutes: scope.staleMinutes }));
  } else {
    for (const d of silent) {
      lines.push(fill(s.notHeardFrom, { at: isoWithOffset(d.lastOpAt, scope.timeZone), laptop: deviceLabel(d, w) }));
    }
  }
  return lines;
}

/**
 * How the export's times read, for the About sheet: the zone, and its offset
 * over the export's span, each change named with the instant it took effect
 * ("+02:00 until 2026-10-25T03:00:00+02:00, then +01:00"), in `w`'s language.
 */
export function timesSentence(facts: ExportFacts, exportedAt: number, w: ExportWords = EXPORT_WORDS.en): string {
  const s = w.sentences;
  const zone = facts.timeZone;
  const [from, to] = instantSpan(facts, exportedAt);
  const spans = zoneOffsetChanges(from, to, zone);
  const offsets = spans
    .map((span, i) => {
      const next = spans[i + 1];
      const offset = formatOffset(span.offsetMs);
      return next ? fill(s.offsetUntil, { offset, at: `${new Date(next.at + span.offsetMs).toISOString().slice(0, 16)}${offset}` }) : `UTC${offset}`;
    })
    .reduce((before, after) => fill(s.offsetThen, { before, after }));
  return fill(s.times, { zone, offsets });
}

/** The earliest and latest instant the export's rows can hold. */
function instantSpan(facts: ExportFacts, exportedAt: number): [number, number] {
  let from = exportedAt;
  let to = exportedAt;
  const see = (t: number | null) => {
    if (t === null || !Number.isFinite(t)) return;
    if (t < from) from = t;
    if (t > to) to = t;
  };
  for (const d of facts.devices) [d.firstOpAt, d.lastOpAt].forEach(see);
  for (const t of facts.tables) [t.createdAt, t.closedAt].forEach(see);
  for (const e of facts.entries) [e.joinedAt, e.statusAt].forEach(see);
  for (const i of facts.interactions) [i.startedAt, i.endedAt].forEach(see);
  for (const f of facts.followUps) see(f.recordedAt);
  return [from, to];
}

/**
 * What an export at `privacy` carries, in `w`'s words, made from the one
 * definition the sheets are written by (model.ts EXPORT_CONTENTS): what it
 * carries (`{has}`) and, for the anonymised export, what it leaves out (`{lacks}`).
 */
export function privacySentence(privacy: PrivacyLevel, w: ExportWords = EXPORT_WORDS.en): string {
  const has = EXPORT_CONTENTS[privacy].map((item) => w.contents[item]);
  const lacks = EXPORT_ITEMS.filter((item) => !carries(privacy, item)).map((item) => w.contents[item]);
  return fill(w.privacy[privacy], { has: listIn(w, has), lacks: listIn(w, lacks) });
}

/**
 * The "About this export" sheet: label, value. Labels and the privacy level
 * in `w`'s language, and so are its sentences (English by default).
 */
export function aboutRows(facts: ExportFacts, scope: ExportScope, privacy: PrivacyLevel, exportedAt: number, w: ExportWords = EXPORT_WORDS.en): [string, string][] {
  const e = facts.event;
  const a = w.about;
  const s = w.sentences;
  const days = Boolean(e.endDate && e.endDate !== e.date);
  const dates = days ? fill(s.dateSpan, { from: e.date, to: e.endDate ?? e.date }) : e.date;
  let hours = `${e.startTime}–${e.endTime}`;
  if (e.endTime <= e.startTime) hours = fill(s.nextDay, { hours });
  if (days) hours = fill(s.eachDay, { hours });
  return [
    [a.event, e.name],
    [a.date, `${dates}, ${hours}, ${facts.timeZone}`],
    [a.place, e.place],
    [a.exportedAt, isoWithOffset(exportedAt, facts.timeZone)],
    [a.exportedBy, fill(s.exportedBy, { name: facts.device.name, id: facts.device.id })],
    [a.privacy, privacySentence(privacy, w)],
    [a.times, timesSentence(facts, exportedAt, w)],
    [a.schema, String(facts.schemaVersion)],
    [a.tables, String(scope.counts.tables)],
    [a.people, String(scope.counts.people)],
    [a.interactions, String(scope.counts.interactions)],
    ...scopeSentences(scope, w).map((line, i): [string, string] => [i === 0 ? a.included : '', line]),
  ];
}
