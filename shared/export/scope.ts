/**
 * What an export includes: which laptops' operations the database holds,
 * how many and until when, and which laptops have not been heard from for a
 * while (against the newest operation, so an export made the next day does
 * not call every laptop silent).
 */
import { counted, derive, type Derived } from './derive.js';
import { localStamp, PRIVACY_DESCRIPTIONS, utcOffset } from './format.js';
import type { ExportFacts, ExportScope, PrivacyLevel, ScopeDevice } from './model.js';

export function buildScope(facts: ExportFacts | null, device: { id: string; name: string }, asOf: number, staleMinutes: number, derived?: Derived): ExportScope {
  if (!facts) {
    return {
      event: null,
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
  const devices: ScopeDevice[] = facts.devices
    .map((dv) => ({
      deviceId: dv.deviceId,
      name: dv.deviceId === device.id ? device.name : dv.name,
      thisLaptop: dv.deviceId === device.id,
      operations: dv.operations,
      firstOpAt: dv.firstOpAt,
      lastOpAt: dv.lastOpAt,
      tables: dv.tableIds.filter((id) => d.tableById.has(id)).map(tableName),
      notHeardFrom: newest !== null && newest - dv.lastOpAt > limit,
    }))
    .sort((a, b) => Number(b.thisLaptop) - Number(a.thisLaptop) || b.lastOpAt - a.lastOpAt);
  return {
    event: { id: facts.event.id, name: facts.event.name, date: facts.event.date },
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

const deviceLabel = (dv: ScopeDevice) =>
  `${dv.name ?? `laptop ${dv.deviceId.slice(0, 8)}`}${dv.thisLaptop ? ' (this laptop)' : ''}`;

/** The statement in plain sentences, for the top of the report and the About sheet. */
export function scopeSentences(scope: ExportScope): string[] {
  if (scope.devices.length === 0) return ['The database holds no operations yet.'];
  const lines = [
    `This export holds ${scope.operations} operations from ${scope.devices.length} ` +
      `${scope.devices.length === 1 ? 'laptop' : 'laptops'}, the newest at ${localStamp(scope.newestOpAt ?? scope.asOf)}.`,
  ];
  if (scope.devices.length === 1 && scope.devices[0]?.thisLaptop) {
    lines.push('Only this laptop\'s operations are included: tables kept on other laptops that have not synced with it are missing.');
  }
  const silent = scope.devices.filter((d) => d.notHeardFrom);
  if (silent.length === 0) {
    lines.push(`Every laptop's latest operation is within ${scope.staleMinutes} minutes of the newest.`);
  } else {
    for (const d of silent) {
      lines.push(`Not heard from since ${localStamp(d.lastOpAt)}: ${deviceLabel(d)}${d.tables.length ? ` (${d.tables.join(', ')})` : ''}.`);
    }
  }
  return lines;
}

/** The "About this export" sheet: label, value. */
export function aboutRows(facts: ExportFacts, scope: ExportScope, privacy: PrivacyLevel, exportedAt: number): [string, string][] {
  const e = facts.event;
  return [
    ['Event', e.name],
    ['Date', `${e.date}, ${e.startTime}–${e.endTime}`],
    ['Place', e.place],
    ['Exported at', `${localStamp(exportedAt)} (UTC${utcOffset(exportedAt)})`],
    ['Exported by', `${facts.device.name} (laptop ${facts.device.id})`],
    ['Privacy level', PRIVACY_DESCRIPTIONS[privacy]],
    ['Times', `Local time of the exporting laptop (${facts.timeZone}, UTC${utcOffset(exportedAt)}).`],
    ['Database schema', String(facts.schemaVersion)],
    ['Tables', String(scope.counts.tables)],
    ['People', String(scope.counts.people)],
    ['Interactions', String(scope.counts.interactions)],
    ...scopeSentences(scope).map((line, i): [string, string] => [i === 0 ? 'What is included' : '', line]),
  ];
}
