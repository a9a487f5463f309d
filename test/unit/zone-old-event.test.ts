/**
 * Events made before events had a time zone (issue 18): the zone is recorded
 * once, as an operation, on a laptop alone or the hub (its own zone), and
 * every laptop then reads the session the same way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { Core } from '../../electron/core/core.js';
import { DATABASE_FILE, openDatabase } from '../../electron/core/db.js';
import { startSharing, type Sharing } from '../../electron/sync/sharing.js';
import type { Envelope } from '../../shared/contract.js';
import type { Op } from '../../shared/ops.js';
import { EVENT, T0, sequentialIds, tempDir } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An event.created operation as a laptop logged it before events had a zone (no timeZone, no endDate). */
function oldEventOp(): Op {
  const maker = new Core({ db: openDatabase(':memory:'), clock: new ManualClock(T0 - 86_400_000, 'Asia/Tokyo'), newId: sequentialIds('old'), log: () => {} });
  maker.call('event.create', EVENT);
  const op = maker.ops()[0]!;
  maker.close();
  const { timeZone: _zone, endDate: _end, ...payload } = op.payload as Record<string, unknown>;
  return { ...op, payload } as Op;
}

/** Each core's own clock, which its sharing reads too (one laptop, one clock: else a floor offset of months is learned). */
const clocks = new WeakMap<Core, ManualClock>();

function core(name: string, zone: string, t = T0): { core: Core; dir: string } {
  const { dir } = tempDir();
  mkdirSync(join(dir, 'static'), { recursive: true });
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>board</title>');
  const clock = new ManualClock(t, zone);
  const c = new Core({ db: openDatabase(join(dir, DATABASE_FILE)), clock, newId: sequentialIds(name), log: () => {} });
  clocks.set(c, clock);
  cleanups.push(() => c.close());
  return { core: c, dir };
}

async function share(c: Core, dir: string): Promise<Sharing> {
  const clock = clocks.get(c);
  const sharing = await startSharing({
    core: c,
    staticDir: join(dir, 'static'),
    hubHost: '127.0.0.1',
    hubPort: 0,
    mdns: false,
    hubProbeMs: 3_600_000,
    log: () => {},
    ...(clock ? { clock } : {}),
  });
  cleanups.push(() => sharing.close());
  return sharing;
}

async function call<T>(c: Core, method: string, args: unknown = {}): Promise<T> {
  const r = (await c.dispatchAsync(method, args)) as Envelope<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

describe('an event made before events had a time zone', () => {
  it('gets the zone of the laptop that opens it alone, once, by an operation, and says so; a member joining takes it', async () => {
    const old = oldEventOp();
    const h = core('hub', 'Europe/Berlin');
    h.core.applyOps([old]);
    expect(h.core.snapshot().event?.timeZone ?? null).toBeNull();

    // Opened (sharing starts on both hosts): Berlin is recorded, as one event.updated, and the laptop says so.
    await share(h.core, h.dir);
    expect(h.core.snapshot().event).toMatchObject({ timeZone: 'Europe/Berlin', name: EVENT.name, date: EVENT.date, startTime: EVENT.startTime, endTime: EVENT.endTime });
    expect(h.core.ops().map((op) => op.type)).toEqual(['event.created', 'event.updated']);
    expect(h.core.snapshot().device.zoneRecorded).toBe('Europe/Berlin');
    // Once: opening it again records nothing more.
    expect(h.core.recordMissingZone()).toBeNull();
    expect(h.core.ops()).toHaveLength(2);

    // A laptop in New York joins: it reads the event in Berlin, and records nothing of its own.
    const { code } = await call<{ code: string }>(h.core, 'sync.becomeHub');
    const address = h.core.snapshot().sync.listening[0]!.replace('http://', '');
    const m = core('member', 'America/New_York');
    await share(m.core, m.dir);
    await call(m.core, 'sync.join', { code, hubAddress: address });
    expect(m.core.snapshot().event?.timeZone).toBe('Europe/Berlin');
    expect(m.core.snapshot().device.zoneRecorded).toBeUndefined();
    expect(m.core.ops()).toHaveLength(2);
  });

  it('two laptops that each opened it alone agree once they sync: the later record wins on both', async () => {
    const old = oldEventOp();
    const h = core('hub', 'Europe/Berlin');
    h.core.applyOps([old]);
    const hubSharing = await share(h.core, h.dir);
    expect(h.core.snapshot().event?.timeZone).toBe('Europe/Berlin');
    // A second laptop, alone with a copy of the same old event, opened a minute later in New York.
    const m = core('member', 'America/New_York', T0 + 60_000);
    m.core.applyOps([old]);
    await share(m.core, m.dir);
    expect(m.core.snapshot().event?.timeZone).toBe('America/New_York');
    // They meet (M joins H): one zone on both, the later record.
    const { code } = await call<{ code: string }>(h.core, 'sync.becomeHub');
    const address = h.core.snapshot().sync.listening[0]!.replace('http://', '');
    await call(m.core, 'sync.join', { code, hubAddress: address });
    expect(hubSharing.sync.role).toBe('hub');
    expect(m.core.snapshot().event?.timeZone).toBe('America/New_York');
    expect(h.core.snapshot().event?.timeZone).toBe('America/New_York');
  });

  it('a member holding it records nothing (it takes its hub\'s)', async () => {
    const old = oldEventOp();
    const h = core('hub', 'Europe/Berlin');
    h.core.applyOps([old]);
    await share(h.core, h.dir);
    const { code } = await call<{ code: string }>(h.core, 'sync.becomeHub');
    const m = core('member', 'America/New_York');
    const first = await share(m.core, m.dir);
    await call(m.core, 'sync.join', { code, hubAddress: h.core.snapshot().sync.listening[0]!.replace('http://', '') });
    await first.close();
    // Restarted as a member: nothing recorded here.
    const before = m.core.ops().length;
    await share(m.core, m.dir);
    expect(m.core.ops()).toHaveLength(before);
    expect(m.core.snapshot().device.zoneRecorded).toBeUndefined();
  });
});
