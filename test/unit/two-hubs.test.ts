/**
 * Two hubs for one event (issue 18), with real hubs and members on loopback:
 * a member that sees both says so, the hubs exchange what each lacks as soon
 * as they meet, the rule (hubs.ts staysHub) keeps one, and the other and its
 * members move to it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { Core } from '../../electron/core/core.js';
import { DATABASE_FILE, openDatabase } from '../../electron/core/db.js';
import { staysHub, type HubFacts } from '../../electron/sync/hubs.js';
import { startSharing, type Sharing } from '../../electron/sync/sharing.js';
import type { Envelope } from '../../shared/contract.js';
import { EVENT, T0, TABLE, sequentialIds, tempDir } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Laptop {
  name: string;
  core: Core;
  sharing: Sharing;
  clock: ManualClock;
  logs: string[];
}

async function laptop(name: string, clock = new ManualClock(T0)): Promise<Laptop> {
  const { dir } = tempDir();
  mkdirSync(join(dir, 'static'), { recursive: true });
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>board</title>');
  const logs: string[] = [];
  const core = new Core({ db: openDatabase(join(dir, DATABASE_FILE)), clock, newId: sequentialIds(name), log: () => {} });
  // The timed look stays out of the way (an hour): the test looks when it means to.
  const sharing = await startSharing({
    core,
    staticDir: join(dir, 'static'),
    hubHost: '127.0.0.1',
    hubPort: 0,
    clock,
    mdns: false,
    hubProbeMs: 3_600_000,
    log: (line) => logs.push(line),
  });
  await call(core, 'settings.update', { deviceName: name });
  cleanups.push(async () => {
    await sharing.close();
    core.close();
  });
  return { name, core, sharing, clock, logs };
}

async function call<T>(core: Core, method: string, args: unknown = {}): Promise<T> {
  const r = (await core.dispatchAsync(method, args)) as Envelope<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

function addressOf(lap: Laptop): string {
  return lap.core.snapshot().sync.listening[0]!.replace('http://', '');
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`still not: ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

function names(lap: Laptop): string[] {
  return (lap.core.snapshot().tables[0]?.queue ?? []).map((e) => e.name ?? '').sort();
}

async function walkIn(lap: Laptop, name: string): Promise<void> {
  const tableId = lap.core.snapshot().tables[0]!.id;
  await call(lap.core, 'walkin.add', { tableId, name, topics: [], partySize: 1 });
}

const facts = (deviceId: string, since: number, tookOver: string | null = null): HubFacts => ({ deviceId, name: deviceId, since, tookOver, addresses: [] });

describe('the rule for two hubs', () => {
  it('keeps the hub that took over from the other, else the older hub, else the smaller device id; both ends agree', () => {
    const h = facts('h', 1000);
    const m = facts('m', 5000, 'h');
    const cases: [HubFacts, HubFacts, string][] = [
      [h, m, 'm'], // m took over from h
      [h, facts('m', 5000), 'h'], // neither: the older
      [facts('b', 7), facts('a', 7), 'a'], // same time: the smaller id
      [facts('h', 1000, 'm'), m, 'm'], // each took over from the other: the later takeover
    ];
    for (const [a, b, stays] of cases) {
      expect(staysHub(a, b).deviceId).toBe(stays);
      expect(staysHub(b, a).deviceId).toBe(stays);
    }
  });
});

describe('two hubs for one event on loopback', () => {
  it('a member that sees both says so; the hubs exchange what each lacks, the older stays, and every walk-in ends up on all five laptops', async () => {
    const h = await laptop('Hub-H');
    await call(h.core, 'event.create', EVENT);
    await call(h.core, 'table.create', TABLE);
    const { code } = await call<{ code: string }>(h.core, 'sync.becomeHub');
    const a = await laptop('Coach-A');
    const c = await laptop('Coach-C');
    await call(a.core, 'sync.join', { code, hubAddress: addressOf(h) });
    await call(c.core, 'sync.join', { code, hubAddress: addressOf(h) });

    // A second organiser opens the event from a sync file and makes that laptop a hub too, a minute later:
    // nobody tells either hub about the other.
    const file = await call<{ content: string }>(h.core, 'sync.exportFile');
    const m = await laptop('Hub-M', new ManualClock(T0 + 60_000));
    await call(m.core, 'sync.importFile', { content: file.content, code });
    await call(m.core, 'sync.becomeHub');
    const b = await laptop('Coach-B', new ManualClock(T0 + 60_000));
    await call(b.core, 'sync.join', { code, hubAddress: addressOf(m) });
    expect(h.core.snapshot().sync.role).toBe('hub');
    expect(m.core.snapshot().sync.role).toBe('hub');

    // Walk-ins on each side before they meet.
    await walkIn(h, 'Hana at H');
    await walkIn(a, 'Anton at A');
    await walkIn(c, 'Chen at C');
    await walkIn(m, 'Mia at M');
    await walkIn(b, 'Bea at B');
    for (const lap of [a, c, b]) await call(lap.core, 'sync.now');
    expect(names(h)).toEqual(['Anton at A', 'Chen at C', 'Hana at H']);
    expect(names(m)).toEqual(['Bea at B', 'Mia at M']);

    // Coach A is pointed at M by hand; it still knows H, which still says it is the hub: A says so calmly.
    await call(a.core, 'sync.setHub', { hubAddress: addressOf(m) });
    await a.sharing.sync.watchHubs();
    const seen = a.core.snapshot().sync;
    expect(seen.otherHubs).toEqual([{ address: addressOf(h), name: 'Hub-H' }]);
    expect(seen.hubName).toBe('Hub-M');

    // A named H to M (its request carried it); at M's look the two hubs meet.
    await call(a.core, 'sync.now');
    await m.sharing.sync.probeHubs(true);
    // H became hub first and neither took over from the other: H stays, M is its member now.
    expect(m.core.snapshot().sync).toMatchObject({ role: 'member', hubUrl: `http://${addressOf(h)}` });
    expect(h.core.snapshot().sync.role).toBe('hub');
    expect(m.logs.join('\n')).toMatch(/two hubs for this event met: Hub-M .* and Hub-H .*Hub-H \(.*\) stays the hub: this laptop becomes its member/);
    const all = ['Anton at A', 'Bea at B', 'Chen at C', 'Hana at H', 'Mia at M'];
    expect(names(h)).toEqual(all);
    expect(names(m)).toEqual(all);

    // M's members (B, and A that had just moved there) are sent on to H by M's answer, and take everything.
    for (const lap of [a, b, c]) {
      await until(`${lap.name} syncs with H and holds all`, async () => {
        await call(lap.core, 'sync.now');
        return lap.core.snapshot().sync.hubUrl === `http://${addressOf(h)}` && names(lap).length === all.length;
      });
      expect(names(lap)).toEqual(all);
    }
    expect(b.logs.join('\n')).toMatch(/stepped down \(two hubs met\); now syncing with/);
    // A walk-in after the merge reaches everyone through the one hub.
    await walkIn(b, 'Ben after');
    for (const lap of [b, h, m, a, c]) {
      await until(`${lap.name} has the walk-in after the merge`, async () => {
        if (lap.core.snapshot().sync.role === 'member') await call(lap.core, 'sync.now');
        return names(lap).includes('Ben after');
      });
    }
    const vector = JSON.stringify(h.core.vector());
    for (const lap of [m, a, b, c]) expect(JSON.stringify(lap.core.vector())).toBe(vector);
    // The warning is gone once A looks again: M no longer says it is the hub.
    await a.sharing.sync.watchHubs();
    expect(a.core.snapshot().sync.otherHubs).toEqual([]);
  }, 90_000);

  it('a member made hub by takeover stays when the old hub comes into sight; the old hub and its members move to it', async () => {
    const h = await laptop('Hub-H');
    await call(h.core, 'event.create', EVENT);
    await call(h.core, 'table.create', TABLE);
    const { code } = await call<{ code: string }>(h.core, 'sync.becomeHub');
    const a = await laptop('Coach-A');
    const m = await laptop('Coach-M');
    await call(a.core, 'sync.join', { code, hubAddress: addressOf(h) });
    await call(m.core, 'sync.join', { code, hubAddress: addressOf(h) });
    await call(m.core, 'sync.becomeHub', { takeover: true });
    const c = await laptop('Coach-C');
    await call(c.core, 'sync.join', { code, hubAddress: addressOf(m) });
    await walkIn(h, 'Hana at H');
    await walkIn(a, 'Anton at A');
    await walkIn(m, 'Mia at M');
    await walkIn(c, 'Chen at C');
    for (const lap of [a, c]) await call(lap.core, 'sync.now');

    // M looks at the hub it took over from: they meet; M took over, so M stays and H steps down by itself.
    await m.sharing.sync.probeHubs();
    await until('H steps down', () => h.core.snapshot().sync.role === 'member');
    expect(h.core.snapshot().sync.hubUrl).toBe(`http://${addressOf(m)}`);
    expect(m.core.snapshot().sync.role).toBe('hub');
    expect(h.logs.join('\n')).toMatch(/Coach-M \(.*\) stays the hub: this laptop becomes its member/);
    const all = ['Anton at A', 'Chen at C', 'Hana at H', 'Mia at M'];
    for (const lap of [m, h, a, c]) {
      await until(`${lap.name} holds all`, async () => {
        if (lap.core.snapshot().sync.role === 'member') await call(lap.core, 'sync.now');
        return names(lap).length === all.length;
      });
      expect(names(lap)).toEqual(all);
    }
    await until('A follows H to M', async () => {
      await call(a.core, 'sync.now');
      return a.core.snapshot().sync.hubUrl === `http://${addressOf(m)}`;
    });
  }, 90_000);
});
