/**
 * The rehearsal player as a service on the core (issue 15), registered by
 * both hosts: it owns the player's timers in the main process (or the web
 * host), so the floor plays on whatever the screens do, and answers
 * `rehearsal.status`, `rehearsal.control` (play, pause, speed) and
 * `rehearsal.leave`. The player's progress (minute reached, speed, the
 * walk-ins it made) is kept in the event's database (the `meta` table), so a
 * restart finds it; a rehearsal that was playing when Tableside stopped comes
 * back paused and says so (`pausedByRestart`): its walk-ins were timed on a
 * clock that kept running while nobody was there.
 *
 * The player also sets the core's clock to rehearsal time
 * (`FloorClock.setRehearsal`): the session's start plus the minute reached,
 * running at the player's speed and standing still while it is paused, so
 * everything the core stamps (walk-ins, holds, turns, deadlines) and every
 * wait and countdown on screen is in the same time as the bar's minute. The
 * player keeps its own schedule on floor time (`FloorClock.floor`).
 */
import type { RehearsalView } from '../../shared/contract.js';
import { REHEARSAL_MINUTES, rehearsalScript, rehearsalSteps, type RehearsalClock, type RehearsalScript } from '../../shared/domain/rehearsal.js';
import type { Op } from '../../shared/ops.js';
import { sessionDays, sessionPlanOf } from '../../shared/domain/session.js';
import { RejectedError } from '../core/command.js';
import type { Core, ServiceHandlers } from '../core/core.js';
import type { RehearsalPlayerState } from '../core/reads.js';
import { RehearsalPlayer, type RehearsalProgress } from './player.js';

/** The meta key of the player's progress. */
export const REHEARSAL_PROGRESS_KEY = 'rehearsal_player';

/** Timers for the player (tests inject their own, run on a manual clock). */
export interface RehearsalTimers {
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

const realTimers: RehearsalTimers = {
  setTimer: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Saved extends RehearsalProgress {
  eventId: string;
  seed: number;
}

export class RehearsalService {
  private player: RehearsalPlayer | null = null;
  private eventId: string | null = null;
  private pausedByRestart = false;
  private script: RehearsalScript | null = null;

  constructor(
    private readonly core: Core,
    private readonly timers: RehearsalTimers = realTimers,
  ) {}

  /** At start-up: a rehearsal this laptop holds gets its player back, paused where it was. */
  restore(): void {
    const saved = this.saved();
    const player = this.ensure();
    if (player && saved?.playing) {
      this.pausedByRestart = true;
      // The log said it plays here: it says paused now, so no laptop reads it as playing.
      if (this.core.rehearsalPlayer()?.deviceId === this.core.deviceId) this.record(player);
    }
  }

  /** Say in the log where this laptop's player stands (rehearsal.played): playing or paused, its minute and speed. */
  private record(player: RehearsalPlayer): void {
    const base = player.base();
    this.core.recordPlayer({
      playing: player.playing,
      speed: player.speed,
      minute: Math.min(REHEARSAL_MINUTES, Math.max(0, base.minute)),
      next: player.stepsApplied,
      floorAt: base.at,
    });
  }

  /**
   * Another laptop plays the rehearsal, by the log (its latest
   * `rehearsal.played` says playing), as this laptop (not a member of a hub)
   * sees it: its name; else null. A member's bar says the hub plays.
   */
  private playingElsewhere(): string | null {
    return this.elsewhere()?.name ?? null;
  }

  /** The log's player when another laptop plays it and this one is not a member (`playingElsewhere`); else null. */
  private elsewhere(): RehearsalPlayerState | null {
    if (this.onHub()) return null;
    const said = this.core.rehearsalPlayer();
    return said && said.playing && said.deviceId !== this.core.deviceId ? said : null;
  }

  /** The session's minute now by the log's player `said`: its minute carried on at its speed since it said so. */
  private minuteOf(said: RehearsalPlayerState): number {
    return Math.min(REHEARSAL_MINUTES, said.minute + (Math.max(0, this.core.clock.floor() - said.floorAt) * said.speed) / 60_000);
  }

  /**
   * This laptop is the hub now (it took over as the hub) and the log says
   * another laptop plays the rehearsal: the hub plays it (once per event),
   * so it resumes the player where that one stands by the log (its minute
   * carried on at its speed since it said so, the steps it had applied, and
   * the walk-ins it made, found in the log), playing, and says so. Not at 0:
   * before, a new hub's player started the script again.
   */
  private takeOverIfHub(): void {
    if (this.core.snapshot().sync.role !== 'hub') return;
    const said = this.core.rehearsalPlayer();
    if (!said || !said.playing || said.deviceId === this.core.deviceId) return;
    const event = this.core.snapshot().event;
    if (!event?.rehearsal) return;
    const minute = this.minuteOf(said);
    const saved = this.saved();
    const seed = saved && saved.eventId === event.id ? saved.seed : 2018;
    const script = rehearsalScript(seed);
    const tableIds = this.tableIdsOf(script);
    const progress: RehearsalProgress = {
      speed: said.speed,
      minute,
      next: said.next,
      entries: madeEntries(this.core.ops(), script, tableIds),
      playing: false,
    };
    this.player?.dispose();
    this.player = null;
    const player = this.make(event.id, seed, script, tableIds, progress);
    this.pausedByRestart = false;
    player.start();
    this.record(player);
    this.syncClock();
  }

  /** The player's state for the rehearsal bar; null when this laptop holds no rehearsal. */
  view(): RehearsalView | null {
    this.takeOverIfHub();
    const player = this.ensure();
    if (!player || !this.script) return null;
    if (this.onHub()) {
      // A laptop that played and is a member now (a hub that stepped down when two hubs met): the hub plays.
      if (player.playing) player.stop();
      return this.hubView(player, this.script);
    }
    // Whether another laptop plays it may have changed since (a sync): the clock follows whichever plays.
    this.syncClock();
    const elsewhere = this.elsewhere();
    if (elsewhere) return this.elsewhereView(elsewhere, this.script);
    const status = player.status();
    const base = player.base();
    return {
      speed: status.speed,
      playing: status.playing,
      baseMinute: base.minute,
      baseAt: base.at,
      minute: player.minute(),
      minutes: REHEARSAL_MINUTES,
      arrived: status.arrived,
      total: status.total,
      done: status.done,
      pausedByRestart: this.pausedByRestart,
      playsOnHub: false,
      playingElsewhere: null,
      // Anchored at this read, so a screen can carry it on from when it arrived, whatever its own clock says.
      clock: { floorAt: this.core.clock.floor(), at: this.core.clock.now(), speed: status.playing ? status.speed : 0 },
    };
  }

  /**
   * The bar of a laptop that does not play while another does (the log says
   * so): that laptop's name, and the minute and speed by the log, moving on
   * by themselves; the walk-ins arrived here so far.
   */
  private elsewhereView(said: RehearsalPlayerState, script: RehearsalScript): RehearsalView {
    const minute = this.minuteOf(said);
    const tableIds = this.tableIdsOf(script);
    return {
      speed: said.speed,
      playing: minute < REHEARSAL_MINUTES,
      baseMinute: minute,
      baseAt: this.core.clock.floor(),
      minute,
      minutes: REHEARSAL_MINUTES,
      arrived: madeEntries(this.core.ops(), script, tableIds).length,
      total: script.arrivals.length,
      done: minute >= REHEARSAL_MINUTES,
      pausedByRestart: false,
      playsOnHub: false,
      playingElsewhere: said.name,
      clock: { floorAt: this.core.clock.floor(), at: this.core.clock.now(), speed: minute < REHEARSAL_MINUTES ? said.speed : 0 },
    };
  }

  /** Rehearsal time as the player stands: the session's start plus its minute, at its speed (0 while paused). */
  private clockOf(player: RehearsalPlayer): RehearsalClock {
    const event = this.core.snapshot().event;
    const plan = event ? sessionPlanOf(event, this.core.clock.timeZone()) : null;
    const startAt = (plan && sessionDays(plan)[0]?.startAt) ?? player.base().at;
    const base = player.base();
    return { floorAt: base.at, at: startAt + Math.round(base.minute * 60_000), speed: player.playing ? player.speed : 0 };
  }

  /** Set the core's clock to the player's rehearsal time (none without a player); a member keeps its hub's. */
  private syncClock(): void {
    if (this.onHub()) return;
    // Another laptop plays it: this laptop's time is that player's, by the log.
    const said = this.elsewhere();
    if (said && this.player) {
      const base = this.clockOf(this.player);
      const startAt = base.at - Math.round(this.player.base().minute * 60_000);
      this.core.clock.setRehearsal({ floorAt: said.floorAt, at: startAt + Math.round(said.minute * 60_000), speed: said.speed });
      return;
    }
    this.core.clock.setRehearsal(this.player ? this.clockOf(this.player) : null);
  }

  /**
   * Whether this laptop joined a rehearsal's hub: the script plays there, once
   * for the event (two players would add every walk-in twice), and this
   * laptop's clock is the hub's rehearsal time (the sync service sets it from
   * each answer, FloorClock.rehearsalNow).
   */
  private onHub(): boolean {
    return this.core.snapshot().sync.role === 'member';
  }

  /** A member's bar: the hub's minute and speed, from the rehearsal time the hub sent; the walk-ins the script has made by then. */
  private hubView(player: RehearsalPlayer, script: RehearsalScript): RehearsalView {
    const r = this.core.clock.rehearsalNow();
    const startAt = this.clockOf(player).at - Math.round(player.base().minute * 60_000);
    const minute = r ? Math.min(REHEARSAL_MINUTES, Math.max(0, (r.at - startAt) / 60_000)) : 0;
    const speed = r && r.speed > 0 ? (r.speed as 1 | 5 | 20) : player.speed;
    const arrived = script.arrivals.filter((a) => a.atMinute <= minute).length;
    return {
      speed,
      playing: (r?.speed ?? 0) > 0 && minute < REHEARSAL_MINUTES,
      baseMinute: minute,
      baseAt: this.core.clock.floor(),
      minute,
      minutes: REHEARSAL_MINUTES,
      arrived,
      total: script.arrivals.length,
      done: minute >= REHEARSAL_MINUTES,
      pausedByRestart: false,
      playsOnHub: true,
      playingElsewhere: null,
      clock: { floorAt: this.core.clock.floor(), at: r?.at ?? this.core.clock.now(), speed: r?.speed ?? 0 },
    };
  }

  handlers(): ServiceHandlers<'rehearsal'> {
    return {
      'rehearsal.status': () => this.view(),
      'rehearsal.control': (args) => {
        this.takeOverIfHub();
        const player = this.ensure();
        if (!player) throw new RejectedError('This laptop holds no rehearsal.', 'not_rehearsal');
        if (this.onHub()) {
          throw new RejectedError('The rehearsal plays on the laptop that shares it (the hub); its walk-ins arrive here.', 'rehearsal_on_hub');
        }
        // Another laptop plays it (the log says so): a second player would add every walk-in twice.
        const elsewhere = this.playingElsewhere();
        if (elsewhere !== null && (args.playing === true || (player.playing && args.speed !== undefined))) {
          throw new RejectedError(`The rehearsal is already playing on ${elsewhere}.`, 'rehearsal_playing_elsewhere', { name: elsewhere });
        }
        const before = { playing: player.playing, speed: player.speed };
        if (args.speed !== undefined && args.speed !== player.speed) player.setSpeed(args.speed);
        if (args.playing === true) {
          this.pausedByRestart = false;
          player.start();
        } else if (args.playing === false) {
          player.stop();
        }
        this.syncClock();
        // Said in the log (rehearsal.played) when it starts, pauses or changes speed.
        if (before.playing !== player.playing || before.speed !== player.speed) this.record(player);
        return this.view()!;
      },
      'rehearsal.leave': () => {
        if (!this.ensure()) throw new RejectedError('This laptop holds no rehearsal.', 'not_rehearsal');
        this.player?.dispose();
        this.player = null;
        this.eventId = null;
        this.pausedByRestart = false;
        this.core.clock.setRehearsal(null);
        this.core.discardRehearsal();
        return { left: true as const };
      },
    };
  }

  /** Stop the player's timer (the host is closing); its progress stays saved. */
  close(): void {
    this.player?.dispose();
  }

  private saved(): Saved | null {
    const text = this.core.sync.meta(REHEARSAL_PROGRESS_KEY);
    if (!text) return null;
    try {
      return JSON.parse(text) as Saved;
    } catch {
      return null;
    }
  }

  /** The player of the rehearsal this laptop holds (made on first use, from saved progress if any); null for a real event or none. */
  private ensure(): RehearsalPlayer | null {
    const snapshot = this.core.snapshot();
    const event = snapshot.event;
    if (!event?.rehearsal) {
      this.player?.dispose();
      this.player = null;
      this.eventId = null;
      this.core.clock.setRehearsal(null);
      return null;
    }
    if (this.player && this.eventId === event.id) return this.player;
    this.player?.dispose();
    const saved = this.saved();
    const from = saved && saved.eventId === event.id ? saved : null;
    const seed = from?.seed ?? 2018;
    const script = rehearsalScript(seed);
    return this.make(event.id, seed, script, this.tableIdsOf(script), from ?? undefined);
  }

  /** The script's tables by name in this event (a table renamed or missing gets no walk-ins). */
  private tableIdsOf(script: RehearsalScript): string[] {
    const tables = this.core.snapshot().tables;
    return script.tables.map((t) => tables.find((x) => x.name === t.name)?.id ?? '');
  }

  /** A player of event `eventId`'s script, from `from` (paused until started), kept as this service's. */
  private make(eventId: string, seed: number, script: RehearsalScript, tableIds: string[], from?: RehearsalProgress): RehearsalPlayer {
    this.script = script;
    this.eventId = eventId;
    this.player = new RehearsalPlayer(
      {
        dispatch: (name, args) => this.core.dispatch(name, args),
        snapshot: () => this.core.snapshot(),
        now: () => this.core.clock.floor(),
        setTimer: this.timers.setTimer,
        clearTimer: this.timers.clearTimer,
        save: (progress) => {
          if (this.eventId !== eventId) return;
          this.core.sync.setMeta({ [REHEARSAL_PROGRESS_KEY]: JSON.stringify({ ...progress, eventId, seed } satisfies Saved) });
        },
      },
      script,
      tableIds,
      from?.speed ?? 20,
      from,
    );
    this.syncClock();
    return this.player;
  }
}

/**
 * The walk-ins the script's arrivals became, found in the log `ops`: for
 * each arrival in time order, the first walk-in not yet matched that a
 * laptop which played the rehearsal (one that wrote `rehearsal.played`) made
 * at its table, with its name and party size. What a new hub's player takes
 * on from the one before it, so it neither makes a walk-in twice nor loses
 * who steps away or leaves later.
 */
export function madeEntries(ops: readonly Op[], script: RehearsalScript, tableIds: readonly string[]): [number, string][] {
  const players = new Set(ops.filter((o) => o.type === 'rehearsal.played').map((o) => o.deviceId));
  const walkIns = ops.flatMap((o) => (o.type === 'walkin.added' && players.has(o.deviceId) ? [o.payload] : []));
  const used = new Set<string>();
  const made: [number, string][] = [];
  for (const step of rehearsalSteps(script)) {
    if (step.kind !== 'arrive') continue;
    const arrival = script.arrivals[step.arrival]!;
    const found = walkIns.find(
      (w) =>
        !used.has(w.entryId) &&
        w.tableId === tableIds[arrival.table] &&
        (w.name || null) === (arrival.name || null) &&
        w.partySize === arrival.partySize,
    );
    if (!found) continue;
    used.add(found.entryId);
    made.push([step.arrival, found.entryId]);
  }
  return made;
}

/** Register the rehearsal player on `core` (both hosts, at start-up); a rehearsal held from before comes back paused. */
export function attachRehearsal(core: Core, timers?: RehearsalTimers): RehearsalService {
  const service = new RehearsalService(core, timers);
  service.restore();
  core.registerService('rehearsal', service.handlers());
  return service;
}
