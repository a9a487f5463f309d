/**
 * Sharing one event between laptops: this laptop as the hub the others sync
 * with, or as a member syncing with a hub, or by file. It never blocks an
 * action: commands commit locally; sync carries their operations later.
 *
 * Protocol (one round): the member sends what it has (its version vector)
 * and the operations the hub lacked when they last spoke; the hub applies
 * them and answers with what the member lacks. Rounds repeat while either
 * side has more, in batches, so an interrupted sync resumes where it stopped.
 * Every message is sealed (crypto.ts) and carries a per-sender counter that
 * must grow, so a recorded message cannot be replayed.
 */
import { parseBounded } from '../../shared/guard.js';
import { humanSize } from '../../shared/size.js';
import { eventZoneOf, zonedFileStamp } from '../../shared/domain/zone.js';
import { request as httpRequest } from 'node:http';
import { hostname } from 'node:os';
import QRCode from 'qrcode';
import type { FileClock, PeerView, SyncView } from '../../shared/contract.js';
import { systemClock, type Clock } from '../core/clock.js';
import { FLOOR_OFFSET_STEP_MS, type Core } from '../core/core.js';
import type { PeerRecord } from '../core/sync-store.js';
import { RejectedError } from '../core/command.js';
import { mayLeave } from '../core/registry.js';
import { FeedbackTokens, feedbackSecret } from '../feedback/token.js';
import {
  deriveEventKey,
  formatCode,
  isValidCode,
  newEventCode,
  open,
  pairingUri,
  parsePairingUri,
  seal,
  SealError,
  openFrame,
  sealFrame,
  type Sealed,
} from './crypto.js';
import { LinkClosedError, type LiveState, type LiveSync } from './live.js';
import { fetchAgainIfClosed } from './fetch-again.js';
import {
  BATCH,
  MAX_MESSAGE_BYTES,
  MAX_OPS_BYTES,
  nextBatch,
  parseFrame,
  QUICK_ROUND_MS,
  sealedSchema,
  syncFile,
  syncRequest,
  syncResponse,
  type SyncResponse,
} from './protocol.js';
import type { Op } from '../../shared/ops.js';
import { clockOffsetOf } from '../../shared/domain/clock-offset.js';
import { HELLO_TIMEOUT_MS, HUB_PROBE_MS, MAX_OTHER_HUBS, staysHub, type HubFacts } from './hubs.js';
import { OncePerAddress } from './port-gate.js';

export interface SyncServiceOptions {
  core: Core;
  clock?: Clock;
  log?: (line: string) => void;
  /** How often a member syncs while all is well. */
  intervalMs?: number;
  /** How often a hub looks for other hubs of its event, and a member checks the ones it knows (hubs.ts). */
  hubProbeMs?: number;
  /** Tests only: how long a sync message may take before the hub counts as not answering (POST_TIMEOUT_MS). */
  postTimeoutMs?: number;
  /**
   * Tests only: how long a round may take and still count as quick, letting the next
   * message carry more (protocol.ts QUICK_ROUND_MS, nextBatch). A test of the batch
   * growth sets it high so that a loaded machine's slow rounds do not decide it.
   */
  quickRoundMs?: number;
}

/** What the hub answers: a sealed frame, or a refusal as JSON. */
export interface HubAnswer {
  status: number;
  /** A refusal may name where the hub moved (hub_moved), or the counter a laptop's next message must pass (a counter behind). */
  body: Buffer | { ok: false; error: string; hubUrl?: string; counterAbove?: number };
}

/** The content type of a sealed frame on the network. */
export const FRAME_TYPE = 'application/vnd.tableside.sealed';

type Role = 'alone' | 'hub' | 'member';

const META = {
  role: 'sync_role',
  key: 'sync_key',
  code: 'sync_code',
  hubUrl: 'sync_hub_url',
  eventId: 'sync_event_id',
  counter: 'sync_counter',
  hubHave: 'sync_hub_have',
  hubPort: 'sync_hub_port',
  /** Hub: when it became the hub (floor ms); and the hub it took over from (device id), if any (hubs.ts). */
  hubSince: 'sync_hub_since',
  tookOver: 'sync_took_over',
  /** Hubs this laptop synced with before (JSON list of addresses): it keeps an eye on them (two hubs). */
  formerHubs: 'sync_former_hubs',
  /** A hub that stepped down (two hubs met): where its members are sent. */
  movedTo: 'sync_moved_to',
  /**
   * The keys of the earlier sharings of this event, before each new code the
   * organiser chose (becomeHub with newCode): a JSON list of base64 keys,
   * newest first, at most MAX_RETIRED_KEYS (one base64 key before). A member
   * still sealing with one is told the hub started a new sharing (409
   * sharing_renewed), not "wrong code"; nothing sealed with one is taken in.
   */
  retiredKey: 'sync_retired_key',
  /**
   * Hub: when its current sharing began (floor ms): when its event code was
   * made. Laptops it last heard from before then synced in an earlier
   * sharing and need the new code (SyncView.sharingSince).
   */
  sharingSince: 'sync_sharing_since',
} as const;

/**
 * A member's pairing with its hub (a tableside://join URI: hub, event, key,
 * code; what the hub's QR code holds), for its sealed backup; null on a
 * laptop that is not a member.
 */
export function memberPairing(core: Pick<Core, 'sync'>): string | null {
  const meta = (key: string) => core.sync.meta(key);
  const [hubUrl, eventId, key] = [meta(META.hubUrl), meta(META.eventId), meta(META.key)];
  if (meta(META.role) !== 'member' || !hubUrl || !eventId || !key) return null;
  return pairingUri(hubUrl, eventId, Buffer.from(key, 'base64'), meta(META.code));
}

/** How many earlier sharings' keys a hub keeps to tell their members the code was renewed (each refused message tries them). */
export const MAX_RETIRED_KEYS = 8;

/** What a hub keeps when it stops sharing (leave): sharing again on this laptop is the same sharing (same code and key, same port). */
const KEPT_BY_A_HUB_THAT_STOPS: readonly string[] = [META.code, META.key, META.eventId, META.hubPort, META.retiredKey, META.counter, META.sharingSince];

/** A hub heard from within this long is taken as running: making another hub needs an explicit takeover. */
export const HUB_RECENT_MS = 2 * 60_000;

/** The meta key of an interrupted first copy's state (JoinStage), and of its batches. */
const STAGE_KEY = 'join_stage';
function stageChunkKey(n: number): string {
  return `join_stage_${n}`;
}

/** Where an interrupted first copy stands: the event, how many batches are kept, how many changes of how many, the vectors. */
interface JoinStage {
  eventId: string;
  chunks: number;
  done: number;
  total: number | null;
  have: Record<string, number>;
  hubHave: Record<string, number>;
}

/** Message counters reserved per stored ceiling (see nextCounter), and per peer by the hub for requests carrying nothing (see admit). */
const COUNTER_BLOCK = 256;
/**
 * How far a member moves its counter at most when the hub says it is behind
 * (a 409 naming `counterAbove`, after a hub restart): the refusal is not
 * sealed, so a forged one can only push the counter on by this much.
 */
export const MAX_COUNTER_JUMP = 1_000_000;

/**
 * A sync file whose floor time differs from this laptop's by less than this
 * says nothing of the clocks (`same`): what a file tells is said from two
 * minutes on, as the sync page's "this laptop's clock is off" note is.
 */
export const FILE_CLOCK_NOTE_MS = 2 * 60_000;

/** A refusal the hub logs and answers with; nothing was changed. */
/**
 * What went wrong with the hub, as a code and parameters the renderer
 * translates (`errors.sync.<code>`), with the English words as its message.
 */
export class HubAnswerError extends Error {
  constructor(
    readonly code: SyncProblemCode,
    readonly params: Record<string, string | number>,
    message: string,
  ) {
    super(message);
  }
}

class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly hubUrl?: string,
    readonly counterAbove?: number,
  ) {
    super(message);
  }
}

/**
 * The hub refused a message as a replay, naming the counter the next one
 * must pass: this laptop's counter is behind what the hub has reserved for
 * it (the hub restarted, see SyncService.admit, or this laptop's database
 * came back from an older copy). Shown as the hub's 409 if not overcome.
 */
class CounterBehind extends HubAnswerError {
  constructor(
    readonly above: number,
    reason: string,
  ) {
    super('sync_hub_answered', { status: 409, reason }, `The hub answered 409: ${reason}`);
  }
}

/** The laptop asked is no longer the hub: it sends its members to `hubUrl` (two hubs met). */
class HubMoved extends Error {
  constructor(readonly hubUrl: string) {
    super(`The hub moved to ${hubUrl}.`);
  }
}

export class SyncService implements LiveSync {
  readonly core: Core;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  /** Refused requests, logged once per address and status (port-gate.ts). */
  private readonly refusals: OncePerAddress;
  private readonly intervalMs: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private lastSyncedAt: number | null = null;
  private lastError: SyncProblem | null = null;
  private clockSkewMs: number | null = null;
  private listening: string[] = [];
  private qr: string | null = null;
  private stopped = false;
  private counter: number | null = null;
  private counterCeiling = 0;
  /**
   * Hub: the last counter of each laptop heard from since this hub started,
   * with when and its name; a request carrying nothing within the block
   * reserved for that laptop is recorded here only (admit).
   */
  private readonly heard = new Map<string, { counter: number; seenAt: number; name: string | null; reserved: number | null }>();
  /** Closed (close): every request still answered is committed with its own counter, reserving nothing. */
  private closing = false;
  /** Where rounds go: the live link while it is open (live.ts), else POST /sync. */
  private exchange: ((frame: Buffer) => Promise<Buffer>) | null = null;
  private liveState: LiveState = 'none';
  /** Hub: members whose live link is open now (setLinked). */
  private linked: ReadonlySet<string> = new Set();
  /** An empty laptop's first copy under way (firstCopy): received so far, of how many. */
  private joining: { done: number; total: number | null } | null = null;
  /** The interrupted first copy kept aside, as last read or written (undefined: not read yet). */
  private stageCache: JoinStage | null | undefined = undefined;
  private readonly hubProbeMs: number;
  private readonly postTimeoutMs: number;
  private readonly quickRoundMs: number;
  private probing = false;
  /** Hub: addresses members said another hub answers at, and not before when to look (hubs.ts). */
  private readonly hubHints = new Map<string, number>();
  /** Laptops that answered as another hub of this event and have not merged yet, by address. */
  private readonly otherHubs = new Map<string, { name: string | null }>();
  /** Member: what its hub calls itself (its /hello). */
  private hubName: string | null = null;
  /** Member: hubs of this event mDNS found. */
  private found: string[] = [];
  /** Sharing's part when this hub steps down (two hubs met): close its links, open one to the other hub. */
  onStepDown: (() => void) | null = null;
  /** Sharing's part when a round over HTTP reached the hub: the live link, if down, reopens now (live.ts hubAnswered). */
  onHubAnswered: (() => void) | null = null;

  constructor(options: SyncServiceOptions) {
    this.core = options.core;
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? ((line) => console.warn(line));
    this.refusals = new OncePerAddress(this.log);
    this.intervalMs = options.intervalMs ?? 2000;
    this.hubProbeMs = options.hubProbeMs ?? HUB_PROBE_MS;
    this.postTimeoutMs = options.postTimeoutMs ?? POST_TIMEOUT_MS;
    this.quickRoundMs = options.quickRoundMs ?? QUICK_ROUND_MS;
    this.core.setSyncView(() => this.view());
  }

  // ---------------------------------------------------------------------
  // Configuration, kept in the event database (the core's SyncStore): it
  // belongs to this copy of the event, not to the laptop.

  private meta(key: string): string | null {
    return this.core.sync.meta(key);
  }

  private setMeta(key: string, value: string | null): void {
    this.core.sync.setMeta({ [key]: value });
  }

  get role(): Role {
    const r = this.meta(META.role);
    return r === 'hub' || r === 'member' ? r : 'alone';
  }

  /**
   * The feedback tokens of this event (issue 15): their secret derives from
   * the event key, so the hub checks what any laptop of the event issued.
   * Null when sharing is not set up.
   */
  feedbackTokens(): FeedbackTokens | null {
    const key = this.key();
    const eventId = this.core.event()?.id;
    return key && eventId ? new FeedbackTokens(feedbackSecret(key, eventId), () => this.core.clock.now()) : null;
  }

  /** A one-time feedback card for `turnId`: the address on the hub's listener a phone opens (issue 15). */
  feedbackOffer(turnId: string): { url: string; expiresAt: number } {
    const view = this.view();
    const base = view.role === 'hub' ? view.listening[0] : view.role === 'member' ? view.hubUrl : null;
    const tokens = this.feedbackTokens();
    if (!base || !tokens) throw new RejectedError('A phone answers through the hub: share the event first (Sharing between laptops).', 'feedback_needs_hub');
    const { token, claims } = tokens.issue(turnId);
    return { url: `${base.replace(/\/$/, '')}/feedback#t=${token}`, expiresAt: claims.expiresAt };
  }

  private key(): Buffer | null {
    const k = this.meta(META.key);
    return k ? Buffer.from(k, 'base64') : null;
  }

  private eventId(): string | null {
    return this.meta(META.eventId) ?? this.core.event()?.id ?? null;
  }

  get hubPort(): number | null {
    const p = this.meta(META.hubPort);
    return p ? Number(p) : null;
  }

  setHubPort(port: number): void {
    this.setMeta(META.hubPort, String(port));
  }

  /**
   * The next counter for a message this laptop sends. Counters are reserved
   * in blocks: the stored value is a ceiling no message has used, so after a
   * restart counting resumes above it, and sending a message costs no commit.
   */
  private nextCounter(): number {
    if (this.counter === null || this.counter >= this.counterCeiling) {
      const stored = Number(this.meta(META.counter) ?? 0);
      this.counter = Math.max(this.counter ?? 0, stored);
      this.counterCeiling = this.counter + COUNTER_BLOCK;
      this.setMeta(META.counter, String(this.counterCeiling));
    }
    this.counter += 1;
    return this.counter;
  }

  /**
   * The hub says this laptop's counter is behind (`above`, from its 409):
   * the next message counts on from there, reserved as usual. Refused (false)
   * if `above` is not ahead, or further ahead than MAX_COUNTER_JUMP.
   */
  private skipCounterPast(above: number): boolean {
    const current = this.counter ?? Number(this.meta(META.counter) ?? 0);
    if (!Number.isSafeInteger(above) || above <= current || above - current > MAX_COUNTER_JUMP) return false;
    this.counter = above;
    // Reserve a block from here at the next message (nextCounter).
    if (this.counter >= this.counterCeiling) this.counterCeiling = 0;
    return true;
  }

  private hubHave(): Record<string, number> {
    const raw = this.meta(META.hubHave);
    return raw ? (JSON.parse(raw) as Record<string, number>) : {};
  }

  // ---------------------------------------------------------------------
  // What the UI shows.

  view(): SyncView {
    const role = this.role;
    const peers: PeerView[] = this.peersHeard().map((p) => ({ ...p, linked: role === 'hub' && this.linked.has(p.deviceId) }));
    return {
      role,
      eventCode: role === 'alone' ? null : this.meta(META.code),
      pairingQr: role === 'hub' ? this.qr : null,
      hubUrl: role === 'member' ? this.meta(META.hubUrl) : null,
      listening: role === 'hub' ? this.listening : [],
      lastSyncedAt: this.lastSyncedAt,
      lastError: this.lastError?.text ?? null,
      lastErrorCode: this.lastError ? { code: this.lastError.code, params: this.lastError.params } : null,
      pending: role === 'member' ? this.core.countMissing(this.hubHave()) : 0,
      clockSkewMs: this.clockSkewMs,
      heldAhead: this.core.heldAhead(),
      live: role === 'member' ? this.liveState : 'none',
      peers,
      joining: this.joining ?? this.pausedJoin(),
      otherHubs: role === 'alone' ? [] : [...this.otherHubs].map(([address, h]) => ({ address: bare(address), name: h.name })),
      hubName: role === 'member' ? this.hubName : null,
      keptCode: role === 'alone' ? this.keptCode() : null,
      movedTo: role === 'member' ? this.meta(META.movedTo) : null,
      sharingSince: role === 'hub' ? this.sharingSince() : null,
    };
  }

  /** The laptops heard from, with what this hub heard since its last commit of them (admit). */
  private peersHeard(): PeerRecord[] {
    const peers = this.core.sync.peers();
    if (this.heard.size === 0) return peers;
    return peers.map((p) => {
      const h = this.heard.get(p.deviceId);
      return h && h.seenAt > (p.lastSeenAt ?? -Infinity) ? { ...p, lastSeenAt: h.seenAt, name: h.name ?? p.name } : p;
    });
  }

  /**
   * The code of the sharing this laptop stopped as the hub (kept with its
   * key): sharing again keeps it, so its members reconnect by themselves.
   * Null when none is kept or it belongs to another event.
   */
  private keptCode(): string | null {
    const code = this.meta(META.code);
    return code && this.key() && this.meta(META.eventId) === (this.core.event()?.id ?? null) ? code : null;
  }

  /** Hub: when its current sharing began (its code made, floor ms), or null if it does not know (a code from before this was kept). */
  private sharingSince(): number | null {
    const since = Number(this.meta(META.sharingSince) ?? NaN);
    return Number.isFinite(since) ? since : null;
  }

  /** An interrupted first copy waiting for the next try, as the page shows it. */
  private pausedJoin(): { done: number; total: number | null; paused: true } | null {
    const stage = this.stage();
    return stage ? { done: stage.done, total: stage.total, paused: true } : null;
  }

  private changed(): void {
    this.core.notifyChanged();
  }

  /** The hub's server tells where it listens, for the UI and the QR code. */
  async setListening(addresses: string[]): Promise<void> {
    this.listening = addresses;
    const key = this.key();
    const eventId = this.eventId();
    const first = addresses[0];
    this.qr =
      key && eventId && first
        ? await QRCode.toString(pairingUri(first, eventId, key, this.meta(META.code)), { type: 'svg', margin: 1 }).then(
            (svg) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
          )
        : null;
    this.changed();
  }

  // ---------------------------------------------------------------------
  // Setting up.

  /**
   * Make this laptop the hub. It keeps the event code (and key) it has, from
   * joining or from sharing before on this laptop, so members linked before
   * reconnect by themselves; `newCode` makes a new code and key instead (a
   * new sharing: members sealing with the old key are told so, 409
   * sharing_renewed, and need the new code).
   */
  becomeHub(takeover = false, newCode = false): { code: string } {
    const event = this.core.event();
    if (!event) throw new RejectedError('Create or open the event first.', 'no_event');
    const other = takeover ? null : this.hubAnsweredRecently();
    if (other) {
      throw new RejectedError(
        `The hub at ${other.address} answered ${other.seconds} seconds ago: a second hub would split the floor. ` +
          'Make this laptop the hub only to take over from it (Take over as the hub), then point the other laptops here.',
        'hub_active',
        { hub: other.address, seconds: other.seconds },
      );
    }
    let code = this.meta(META.code);
    let key = this.key();
    const kept = code !== null && key !== null && (this.meta(META.eventId) ?? event.id) === event.id;
    const retired =
      kept && newCode ? JSON.stringify([key!.toString('base64'), ...this.retiredKeys()].slice(0, MAX_RETIRED_KEYS)) : this.meta(META.retiredKey);
    const fresh = !kept || newCode || !code || !key;
    if (!kept || newCode || !code || !key) {
      code = newEventCode();
      key = deriveEventKey(code, event.id);
    }
    // A member made the hub takes over from its hub (hubs.ts: that decides who stays when they meet),
    // and keeps an eye on it: if it still runs, the two reconcile.
    const former = this.role === 'member' ? this.meta(META.hubUrl) : null;
    const formerHub = former ? this.core.sync.peers().filter((p) => p.name === 'hub').sort((a, b) => (b.lastSeenAt ?? 0) - (a.lastSeenAt ?? 0))[0] : undefined;
    this.core.sync.setMeta({
      [META.role]: 'hub',
      [META.code]: code,
      [META.key]: key.toString('base64'),
      [META.eventId]: event.id,
      [META.hubUrl]: null,
      [META.hubSince]: String(this.core.clock.now()),
      [META.tookOver]: formerHub?.deviceId ?? null,
      [META.movedTo]: null,
      [META.formerHubs]: JSON.stringify(this.withFormer(former)),
      [META.retiredKey]: retired,
      ...(fresh ? { [META.sharingSince]: String(this.core.clock.now()) } : {}),
    });
    this.otherHubs.clear();
    this.settle();
    this.stopLoop();
    this.changed();
    return { code };
  }

  /**
   * Join the event a hub runs: ask it which event it is (that is public),
   * derive the key from the typed code, and check with a first sync that the
   * hub accepts it. Nothing is kept if it does not.
   */
  async join(typedCode: string, hubAddress: string): Promise<void> {
    if (!isValidCode(typedCode)) {
      throw new RejectedError('An event code has 12 letters and digits, like 7K3M-Q9TX-2BRD.', 'bad_code');
    }
    const hubUrl = normalizeHubUrl(hubAddress);
    if (!hubUrl) throw new RejectedError('Type the hub address as shown on the hub, like 192.168.1.20:5190.', 'bad_hub_address');
    const eventId = await this.hello(hubUrl);
    const code = formatCode(typedCode);
    await this.joinWith(hubUrl, eventId, deriveEventKey(code, eventId), code);
  }

  /**
   * Join with what the hub's QR code holds: its address, the event, and the
   * full-strength key (no slow derivation), and the code to show here.
   */
  async joinScanned(pairing: string): Promise<void> {
    const parsed = parsePairingUri(pairing.trim());
    const hubUrl = parsed && normalizeHubUrl(parsed.hubUrl);
    if (!parsed || !hubUrl) throw new RejectedError('That QR code is not a Tableside event code. Scan the code shown on the hub.', 'qr_not_ours');
    const eventId = await this.hello(hubUrl);
    if (eventId !== parsed.eventId) {
      throw new RejectedError(`The hub at ${hubUrl} now runs another event than this QR code's. Scan the code on its screen again.`, 'qr_other_event', { hub: hubUrl });
    }
    await this.joinWith(hubUrl, eventId, parsed.eventKey, parsed.code);
  }

  /**
   * What a sealed header says of the event this laptop holds (issue 15): a
   * rehearsal or a real one; nothing when it holds none yet (an empty laptop
   * may join either). The header is authenticated, so it cannot be altered.
   */
  private rehearsalMark(): { rehearsal?: boolean } {
    const kind = this.core.heldEventKind();
    return kind ? { rehearsal: kind === 'rehearsal' } : {};
  }

  /** Which event the hub at `hubUrl` runs (public), refusing what this laptop cannot join. */
  private async hello(hubUrl: string): Promise<string> {
    let hello: { eventId?: unknown; rehearsal?: unknown };
    try {
      const res = await fetchAgainIfClosed(new URL('/hello', hubUrl), 5000);
      hello = (await res.json()) as { eventId?: unknown; rehearsal?: unknown };
    } catch {
      throw new RejectedError(`No Tableside hub answers at ${hubUrl}. Check the address and that both laptops are on the same network.`, 'hub_unreachable', { hub: hubUrl });
    }
    const eventId = typeof hello.eventId === 'string' ? hello.eventId : null;
    if (!eventId) throw new RejectedError(`${hubUrl} is not a Tableside hub.`, 'not_a_hub', { hub: hubUrl });
    const local = this.core.event();
    // A rehearsal never syncs with a real event, nor a real event with a rehearsal (issue 15).
    if (local) refuseMixing(local.rehearsal === true, hello.rehearsal === true, 'hub');
    if (local && local.id !== eventId) {
      throw new RejectedError(
        `This laptop already holds another event ("${local.name}"). To join, start Tableside with an empty data folder.`,
        'other_event',
        { event: local.name },
      );
    }
    return eventId;
  }

  private async joinWith(hubUrl: string, eventId: string, key: Buffer, code: string | null): Promise<void> {
    if (this.core.event()) {
      // This laptop holds the event already (joining again, as after the hub's new sharing): the
      // hub is asked first whether it takes this code, with nothing of this laptop's changed, so a
      // code it refuses leaves the code, the link, what the hub has and the reason shown as they were.
      const have = await this.tryCode(hubUrl, eventId, key);
      this.core.sync.setMeta({
        [META.role]: 'member',
        [META.key]: key.toString('base64'),
        [META.code]: code,
        [META.hubUrl]: hubUrl,
        [META.eventId]: eventId,
        [META.hubHave]: JSON.stringify(have),
      });
      this.lastError = null;
      this.changed();
      // The code is the hub's: what a round now meets (the network) is the status line's to say.
      await this.syncNow();
      this.startLoop();
      return;
    }
    const previous = {
      role: this.meta(META.role),
      key: this.meta(META.key),
      code: this.meta(META.code),
      hubUrl: this.meta(META.hubUrl),
      eventId: this.meta(META.eventId),
    };
    this.setMeta(META.role, 'member');
    this.setMeta(META.key, key.toString('base64'));
    this.setMeta(META.code, code);
    this.setMeta(META.hubUrl, hubUrl);
    this.setMeta(META.eventId, eventId);
    this.setMeta(META.hubHave, null);
    try {
      await this.firstCopy(hubUrl, eventId, key);
    } catch (error) {
      // Put everything back: a laptop without the right code keeps nothing.
      this.setMeta(META.role, previous.role);
      this.setMeta(META.key, previous.key);
      this.setMeta(META.code, previous.code);
      this.setMeta(META.hubUrl, previous.hubUrl);
      this.setMeta(META.eventId, previous.eventId);
      this.lastError = null;
      this.changed();
      throw error instanceof RejectedError ? error : new RejectedError(String((error as Error).message));
    }
    this.startLoop();
  }

  /**
   * Whether the hub at `hubUrl` takes `key` (a laptop holding the event joins
   * again): one sealed request sending nothing, changing nothing here but the
   * message counter. Returns what the hub holds (its version vector). Throws
   * RejectedError: join_wrong_code (the hub refuses the code), join_old_code
   * (the code of its earlier sharing), hub_not_verified, join_failed (the
   * network, with its detail).
   */
  private async tryCode(hubUrl: string, eventId: string, key: Buffer): Promise<Record<string, number>> {
    try {
      const { answer } = await this.firstCopyRound(hubUrl, eventId, key, this.core.vector(), 1);
      return answer.have;
    } catch (error) {
      const problem = syncProblem(error);
      if (problem.code === 'sync_forbidden') {
        throw new RejectedError('The hub refused this code: it is not the code of its sharing now. Check it against the code shown on the hub; nothing was changed.', 'join_wrong_code');
      }
      if (problem.code === 'sync_renewed') {
        throw new RejectedError("That is the code of the hub's earlier sharing. Type the new code shown on the hub; nothing was changed.", 'join_old_code');
      }
      if (problem.code === 'sync_unverified') throw new RejectedError('The hub could not be verified: wrong event code?', 'hub_not_verified');
      throw new RejectedError(`${problem.text} Nothing was kept; try again.`, 'join_failed', { detail: problem.text });
    }
  }

  /**
   * One hub per event: the hub this member syncs with, if it answered within
   * HUB_RECENT_MS, by its address and how long ago; else null.
   */
  private hubAnsweredRecently(): { address: string; seconds: number } | null {
    const hubUrl = this.meta(META.hubUrl);
    if (this.role !== 'member' || !hubUrl || this.lastSyncedAt === null) return null;
    const ago = this.core.clock.now() - this.lastSyncedAt;
    if (ago > HUB_RECENT_MS) return null;
    return { address: hubUrl.replace(/^https?:\/\//, ''), seconds: Math.max(0, Math.round(ago / 1000)) };
  }

  /**
   * An empty laptop's first copy of the event, resumable (issue 18): rounds
   * ask with the version vector of what has arrived so far (the hub sends
   * each laptop's operations in order, so a prefix of each), and each batch is
   * committed to a staging area in the sync metadata, with where the copy
   * stands, not to the event: nothing is shown until the copy is whole. The
   * page shows "joining, N of M changes" meanwhile. When the hub has no more,
   * the staged operations are applied and the staging area cleared in one
   * commit. Cut off midway (the hub gone, the lid closed), what arrived stays
   * aside and the next try for the same event continues from there; giving up
   * (giveUpJoin) clears it, leaving the laptop as empty as before.
   */
  private async firstCopy(hubUrl: string, eventId: string, key: Buffer): Promise<void> {
    let stage = this.stage();
    if (stage && stage.eventId !== eventId) {
      this.clearStage();
      stage = null;
    }
    const have: Record<string, number> = { ...(stage?.have ?? {}) };
    let hubHave: Record<string, number> = stage?.hubHave ?? {};
    let chunks = stage?.chunks ?? 0;
    let done = stage?.done ?? 0;
    let total = stage?.total ?? null;
    let hub: { deviceId: string; counter: number } | null = null;
    let batch = BATCH;
    this.joining = { done, total };
    this.changed();
    try {
      for (let round = 0; round < 10_000; round++) {
        const started = performance.now();
        const sentAt = this.clock.now();
        const { answer, sealed } = await this.firstCopyRound(hubUrl, eventId, key, have, batch);
        this.clockSkewMs = clockOffsetOf([{ sentAt, receivedAt: this.clock.now(), at: answer.hubTime }]) ?? this.clockSkewMs;
        if (this.clockSkewMs !== null) this.core.setFloorOffset(this.clockSkewMs);
        this.followRehearsal(answer.rehearsal, (this.clock.now() - sentAt) / 2);
        for (const op of answer.ops) have[op.deviceId] = Math.max(have[op.deviceId] ?? 0, op.seq);
        done += answer.ops.length;
        total = done + (answer.remaining ?? 0);
        hubHave = answer.have;
        hub = { deviceId: sealed.deviceId, counter: sealed.counter };
        // One commit: this batch, aside, and where the copy stands.
        const next: JoinStage = { eventId, chunks: chunks + (answer.ops.length > 0 ? 1 : 0), done, total, have, hubHave };
        this.core.sync.setMeta({
          ...(answer.ops.length > 0 ? { [stageChunkKey(chunks)]: JSON.stringify(answer.ops) } : {}),
          [STAGE_KEY]: JSON.stringify(next),
        });
        this.stageCache = next;
        chunks = next.chunks;
        this.joining = { done, total };
        this.changed();
        batch = nextBatch(batch, performance.now() - started, answer.ops.length >= batch, this.quickRoundMs);
        if (!answer.more) break;
      }
      // Whole: the staged operations become the event, and the staging area is cleared, in one commit.
      const staged: Op[] = [];
      const clear: Record<string, null> = { [STAGE_KEY]: null };
      for (let i = 0; i < chunks; i++) {
        staged.push(...(JSON.parse(this.meta(stageChunkKey(i)) ?? '[]') as Op[]));
        clear[stageChunkKey(i)] = null;
      }
      this.core.receive(staged, {
        meta: { [META.hubHave]: JSON.stringify(hubHave), ...clear },
        ...(hub ? { peer: { ...hub, name: 'hub', seenAt: this.core.clock.now() } } : {}),
      });
      this.stageCache = null;
      this.lastSyncedAt = this.core.clock.now();
      this.lastError = null;
    } catch (error) {
      if (error instanceof SealError) throw new RejectedError('The hub could not be verified: wrong event code?', 'hub_not_verified');
      if (done === 0) throw new RejectedError(`${describe(error)} Nothing was kept; try again.`, 'join_failed', { detail: describe(error) });
      throw new RejectedError(
        `${describe(error)} ${done} of ${total ?? done} changes have arrived; they wait aside, not as an event. Join again to continue, or give up to clear them.`,
        'join_paused',
        { detail: describe(error), done, total: total ?? done },
      );
    } finally {
      this.joining = null;
      this.changed();
    }
  }

  /** An interrupted first copy kept aside (firstCopy), or null. */
  private stage(): JoinStage | null {
    if (this.stageCache === undefined) {
      try {
        const raw = this.meta(STAGE_KEY);
        this.stageCache = raw ? (JSON.parse(raw) as JoinStage) : null;
      } catch {
        this.stageCache = null;
      }
    }
    return this.stageCache;
  }

  /** Drop an interrupted first copy, in one commit: the laptop is as empty as before. */
  private clearStage(): number {
    const stage = this.stage();
    const clear: Record<string, null> = { [STAGE_KEY]: null };
    for (let i = 0; i < (stage?.chunks ?? 0); i++) clear[stageChunkKey(i)] = null;
    this.core.sync.setMeta(clear);
    this.stageCache = null;
    return stage?.done ?? 0;
  }

  /**
   * Give up an interrupted join: what arrived of the first copy is cleared
   * and the laptop is left as empty as before. Returns how many changes were
   * dropped. Refused while a join is under way (join_running).
   */
  giveUpJoin(): { cleared: number } {
    if (this.joining) throw new RejectedError('A join is under way; wait until it ends.', 'join_running');
    const cleared = this.clearStage();
    this.changed();
    return { cleared };
  }

  /** One sealed request to the hub with no operations of this laptop's, and its opened answer. */
  private async firstCopyRound(
    hubUrl: string,
    eventId: string,
    key: Buffer,
    have: Record<string, number>,
    want: number,
    again = true,
  ): Promise<{ answer: SyncResponse; sealed: { deviceId: string; counter: number } }> {
    try {
      return await this.firstCopyRoundOnce(hubUrl, eventId, key, have, want);
    } catch (error) {
      // The hub restarted and reserved counters past this laptop's (admit): count on from there, once, and ask again.
      if (again && error instanceof CounterBehind && this.skipCounterPast(error.above)) return this.firstCopyRound(hubUrl, eventId, key, have, want, false);
      throw error;
    }
  }

  private async firstCopyRoundOnce(
    hubUrl: string,
    eventId: string,
    key: Buffer,
    have: Record<string, number>,
    want: number,
  ): Promise<{ answer: SyncResponse; sealed: { deviceId: string; counter: number } }> {
    const header = { v: 1 as const, kind: 'request' as const, eventId, deviceId: this.core.deviceId, counter: this.nextCounter(), ...this.rehearsalMark() };
    const request = sealFrame(
      key,
      header,
      `{"have":${JSON.stringify(have)},"ops":[],"want":${want},` +
        `"deviceName":${JSON.stringify(this.core.deviceName || hostname())},"sentAt":${this.clock.now()}}`,
    );
    const frame = parseFrame(await postFrame(hubUrl, request.frame, this.postTimeoutMs));
    if (!frame) throw new HubAnswerError('sync_not_ours', {}, 'The hub sent something that is not a Tableside message; ignored.');
    const sealed = frame.header;
    if (sealed.kind !== 'response' || sealed.inReplyTo !== request.nonce || sealed.eventId !== eventId) {
      throw new HubAnswerError('sync_wrong_answer', {}, 'The hub sent an answer to another request; ignored.');
    }
    return { answer: syncResponse.parse(openFrame(key, sealed, frame.data)), sealed };
  }

  /** Follow the hub to a new address (a laptop made hub mid-session). */
  setHubAddress(hubAddress: string): void {
    const hubUrl = normalizeHubUrl(hubAddress);
    if (!hubUrl) throw new RejectedError('Type the hub address as shown on the hub, like 192.168.1.20:5190.', 'bad_hub_address');
    if (this.role !== 'member') throw new RejectedError('This laptop has not joined an event.', 'not_joined');
    const former = this.meta(META.hubUrl);
    // The hub it leaves is kept an eye on (watchHubs): if it still says it is the hub, the two reconcile.
    this.core.sync.setMeta({
      [META.hubUrl]: hubUrl,
      [META.hubHave]: null,
      [META.formerHubs]: JSON.stringify(this.withFormer(former && former !== hubUrl ? former : null)),
    });
    this.hubName = null;
    this.otherHubs.delete(hubUrl);
    this.startLoop();
    this.changed();
  }

  /**
   * Stop sharing on this laptop. A hub keeps its code, key and port
   * (KEPT_BY_A_HUB_THAT_STOPS): sharing again is the same sharing, and its
   * members, who keep working meanwhile, reconnect by themselves. A member
   * forgets its hub and key.
   */
  leave(): void {
    this.stopLoop();
    const kept = this.role === 'hub' ? KEPT_BY_A_HUB_THAT_STOPS : [META.counter];
    const clear: Record<string, null> = {};
    for (const key of Object.values(META)) if (!kept.includes(key)) clear[key] = null;
    this.settle();
    this.core.sync.setMeta(clear);
    this.lastSyncedAt = null;
    this.lastError = null;
    this.clockSkewMs = null;
    this.changed();
  }

  // ---------------------------------------------------------------------
  // The member's side.

  startLoop(): void {
    this.stopped = false;
    if (this.role !== 'member' || this.timer) return;
    const tick = async () => {
      this.timer = null;
      if (this.stopped || this.role !== 'member') return;
      await this.syncNow().catch(() => {});
      const delay = this.lastError ? Math.min(this.intervalMs * 3, 10_000) : this.intervalMs;
      if (!this.stopped) {
        this.timer = setTimeout(() => void tick(), delay);
        this.timer.unref?.();
      }
    };
    this.timer = setTimeout(() => void tick(), 0);
    this.timer.unref?.();
  }

  stopLoop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * One sync with the hub: rounds until neither side has more. What was
   * committed before the call has gone when it resolves: a call while a
   * sync runs gets one more after it (calls meanwhile share that one).
   */
  syncNow(): Promise<void> {
    if (this.running) {
      this.queued ??= this.running.then(() => {
        this.queued = null;
        return this.syncNow();
      });
      return this.queued;
    }
    this.running = this.syncRounds().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async syncRounds(): Promise<void> {
    const key = this.key();
    const hubUrl = this.meta(META.hubUrl);
    const eventId = this.eventId();
    if (this.role !== 'member' || !key || !hubUrl || !eventId) return;
    const before = this.lastError?.text ?? null;
    try {
      // Each sync starts at BATCH operations a message and grows while rounds are quick (nextBatch).
      let batch = BATCH;
      let skipped = false;
      for (let round = 0; round < 1000; round++) {
        const started = performance.now();
        const hubHadBefore = JSON.stringify(this.hubHave());
        const hadBefore = JSON.stringify(this.core.vector());
        const { parts: ops, count: sent, more: moreHere } = this.core.missingBytes(this.hubHave(), batch, MAX_OPS_BYTES);
        const header = { v: 1 as const, kind: 'request' as const, eventId, deviceId: this.core.deviceId, counter: this.nextCounter(), ...this.rehearsalMark() };
        const sentAt = this.clock.now();
        const request = sealFrame(key, header, [
          `{"have":${JSON.stringify(this.core.vector())},"ops":`,
          ...ops,
          `,"want":${batch},"deviceName":${JSON.stringify(this.core.deviceName || hostname())},"sentAt":${sentAt}${this.otherHubsField()}}`,
        ]);
        let body: Buffer;
        try {
          body = await (this.exchange ?? ((frame: Buffer) => postFrame(hubUrl, frame, this.postTimeoutMs)))(request.frame);
        } catch (error) {
          // The hub restarted and reserved counters past this laptop's (admit): count on from there, once, and send again.
          if (error instanceof CounterBehind && !skipped && this.skipCounterPast(error.above)) {
            skipped = true;
            continue;
          }
          throw error;
        }
        const frame = parseFrame(body);
        if (!frame) throw new HubAnswerError('sync_not_ours', {}, 'The hub sent something that is not a Tableside message; ignored.');
        const sealed = frame.header;
        if (sealed.kind !== 'response' || sealed.inReplyTo !== request.nonce || sealed.eventId !== eventId) {
          throw new HubAnswerError('sync_wrong_answer', {}, 'The hub sent an answer to another request; ignored.');
        }
        const answer = syncResponse.parse(openFrame(key, sealed, frame.data));
        const receivedAt = this.clock.now();
        // The hub's (floor) clock minus this laptop's own, at the middle of the round trip: this
        // laptop's floor offset from now on, before what arrived is merged (so the merge and
        // everything recorded next are in floor time).
        this.clockSkewMs = clockOffsetOf([{ sentAt, receivedAt, at: answer.hubTime }]) ?? this.clockSkewMs;
        if (this.clockSkewMs !== null) this.core.setFloorOffset(this.clockSkewMs);
        this.followRehearsal(answer.rehearsal, (receivedAt - sentAt) / 2);
        // One commit for what arrived, what the hub holds, and when it was seen.
        this.core.receive(answer.ops, {
          meta: { [META.hubHave]: JSON.stringify(answer.have) },
          peer: { deviceId: sealed.deviceId, name: 'hub', counter: sealed.counter, seenAt: this.core.clock.now() },
        });
        batch = nextBatch(batch, performance.now() - started, sent >= batch || answer.ops.length >= batch, this.quickRoundMs);
        this.lastSyncedAt = this.core.clock.now();
        this.lastError = null;
        if (!answer.more && !moreHere) break;
        // Neither side took anything (what is left is held back as stamped too far ahead, Core.admitted): the next sync tries again.
        if (JSON.stringify(answer.have) === hubHadBefore && JSON.stringify(this.core.vector()) === hadBefore) break;
      }
      if (!this.exchange) this.onHubAnswered?.();
    } catch (error) {
      if (error instanceof HubMoved) {
        this.followHub(error.hubUrl);
        return;
      }
      // A round the live link's drop cut short is no error to show: the link's state says it, and rounds over HTTP follow.
      if (!(error instanceof LinkClosedError)) {
        this.lastError = syncProblem(error);
      }
    }
    if (before !== (this.lastError?.text ?? null) || this.lastError === null) this.changed();
  }

  // ---------------------------------------------------------------------
  // Two hubs for one event (hubs.ts). A hub keeps an eye on the hubs it has
  // heard of (the one it took over from, ones its members name, ones mDNS
  // finds); when one answers as a hub of this event, the two exchange what
  // each lacks (ordinary sync rounds, both ways) and the rule decides which
  // stays; the other becomes its member and sends its own members there.

  /** What this hub says of itself to another hub. */
  private facts(): HubFacts {
    return {
      deviceId: this.core.deviceId,
      name: [...(this.core.deviceName || hostname())].slice(0, 60).join(''),
      since: Math.max(0, Math.floor(Number(this.meta(META.hubSince) ?? 0) || 0)),
      tookOver: this.meta(META.tookOver),
      addresses: this.listening.slice(0, 8),
    };
  }

  private formerHubs(): string[] {
    try {
      const list: unknown = JSON.parse(this.meta(META.formerHubs) ?? '[]');
      return Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string') : [];
    } catch {
      return [];
    }
  }

  /** The former hubs with `address` first (the newest), at most MAX_OTHER_HUBS. */
  private withFormer(address: string | null): string[] {
    const list = this.formerHubs().filter((a) => a !== address);
    if (address) list.unshift(address);
    return list.slice(0, MAX_OTHER_HUBS);
  }

  private isMe(address: string): boolean {
    return this.listening.includes(address);
  }

  /** The member's request field naming the other hubs it sees (hubs.ts), or nothing. */
  private otherHubsField(): string {
    const others = [...this.otherHubs.keys()].slice(0, MAX_OTHER_HUBS);
    return this.role === 'member' && others.length > 0 ? `,"otherHubs":${JSON.stringify(others)}` : '';
  }

  /** Hub: a member says another laptop answers as the hub at `address`: looked at one probe interval from now. */
  private hintHub(address: string): void {
    const url = normalizeHubUrl(address);
    if (!url || this.isMe(url) || this.hubHints.has(url) || this.hubHints.size >= 4 * MAX_OTHER_HUBS) return;
    this.hubHints.set(url, this.clock.now() + this.hubProbeMs);
  }

  /** Hub: another hub of this event asked. If the rule keeps that one, this one looks there at once (and steps down). */
  private metHub(other: HubFacts, from: string): void {
    if (other.deviceId === this.core.deviceId) return;
    const ip = from.replace(/^::ffff:/, '');
    const urls = other.addresses.map(normalizeHubUrl).filter((a): a is string => a !== null);
    const address = urls.find((a) => new URL(a).hostname === ip) ?? urls[0];
    if (!address) return;
    const mine = this.facts();
    if (staysHub(mine, other) === mine) return; // The other steps down after its own exchange.
    this.hubHints.set(address, 0);
    setTimeout(() => void this.probeHubs(), 0).unref?.();
  }

  /**
   * Hub: look at the other hubs heard of (the hub it took over from, members'
   * hints that are due, or all with `force`). One that answers as a hub of
   * this event exchanges what each lacks with this one, then the rule
   * (staysHub) decides; if the other stays, this laptop becomes its member.
   * Never throws; what happened is logged.
   */
  async probeHubs(force = false): Promise<void> {
    if (this.probing || this.role !== 'hub') return;
    this.probing = true;
    try {
      const now = this.clock.now();
      const due = new Set(this.formerHubs());
      for (const [address, at] of this.hubHints) if (force || at <= now) due.add(address);
      for (const address of due) {
        if (this.role !== 'hub') break;
        if (!this.isMe(address)) await this.probeOne(address);
      }
    } finally {
      this.probing = false;
    }
  }

  private async probeOne(address: string): Promise<void> {
    const eventId = this.eventId();
    const hello = await helloOf(address);
    if (!hello || hello.eventId !== eventId || hello.deviceId === this.core.deviceId) {
      // Not (or no longer) a hub of this event: a hint that answered so is dropped; a former hub is asked again later.
      if (hello) this.hubHints.delete(address);
      if (this.otherHubs.delete(address)) this.changed();
      return;
    }
    if (!this.otherHubs.has(address)) {
      this.otherHubs.set(address, { name: hello.name });
      this.changed();
    }
    let met: { facts: HubFacts; have: Record<string, number> } | null;
    try {
      met = await this.hubRounds(address);
    } catch (error) {
      if (error instanceof HubMoved) {
        // It stepped down meanwhile (the rule kept this one): nothing more to do.
        this.hubHints.delete(address);
        if (this.otherHubs.delete(address)) this.changed();
        return;
      }
      this.log(`Tableside sync: another hub of this event answers at ${bare(address)}, but the exchange failed: ${describe(error)}`);
      return;
    }
    if (!met) return;
    const mine = this.facts();
    const stays = staysHub(mine, met.facts);
    this.log(
      `Tableside sync: two hubs for this event met: ${mine.name} (${mine.deviceId}) and ${met.facts.name} (${met.facts.deviceId}, ${bare(address)}); ` +
        `each now holds what the other had; ${stays.name} (${stays.deviceId}) stays the hub` +
        (stays === mine ? '.' : ': this laptop becomes its member and sends its members there.'),
    );
    this.hubHints.delete(address);
    this.otherHubs.delete(address);
    if (stays !== mine) this.stepDown(address, met.have);
    this.changed();
  }

  /** Sync rounds with another hub, both ways, until neither has more: what it says of itself, and what it holds. */
  private async hubRounds(hubUrl: string): Promise<{ facts: HubFacts; have: Record<string, number> } | null> {
    const key = this.key();
    const eventId = this.eventId();
    if (!key || !eventId) return null;
    let theirs: Record<string, number> | null = null;
    let facts: HubFacts | null = null;
    let skipped = false;
    for (let round = 0; round < 1000; round++) {
      const mine = theirs ? this.core.missingBytes(theirs, BATCH, MAX_OPS_BYTES) : { parts: ['[]'], count: 0, more: false };
      const request = sealFrame(
        key,
        { v: 1, kind: 'request', eventId, deviceId: this.core.deviceId, counter: this.nextCounter(), ...this.rehearsalMark() },
        [
          `{"have":${JSON.stringify(this.core.vector())},"ops":`,
          ...mine.parts,
          `,"want":${BATCH},"deviceName":${JSON.stringify(this.facts().name)},"sentAt":${this.clock.now()},"hub":${JSON.stringify(this.facts())}}`,
        ],
      );
      let body: Buffer;
      try {
        body = await postFrame(hubUrl, request.frame, this.postTimeoutMs);
      } catch (error) {
        // The other hub restarted and reserved counters past this one's (admit): count on from there, once.
        if (error instanceof CounterBehind && !skipped && this.skipCounterPast(error.above)) {
          skipped = true;
          continue;
        }
        throw error;
      }
      const frame = parseFrame(body);
      if (!frame) throw new HubAnswerError('sync_not_ours', {}, 'The other hub sent something that is not a Tableside message; ignored.');
      const sealed = frame.header;
      if (sealed.kind !== 'response' || sealed.inReplyTo !== request.nonce || sealed.eventId !== eventId) {
        throw new HubAnswerError('sync_wrong_answer', {}, 'The other hub sent an answer to another request; ignored.');
      }
      const answer = syncResponse.parse(openFrame(key, sealed, frame.data));
      this.core.receive(answer.ops, {
        peer: { deviceId: sealed.deviceId, name: answer.hub?.name ?? null, counter: sealed.counter, seenAt: this.core.clock.now() },
      });
      facts = answer.hub ?? facts;
      const sentAll = theirs !== null && !mine.more;
      theirs = answer.have;
      if (!answer.more && sentAll) break;
    }
    return facts && theirs ? { facts, have: theirs } : null;
  }

  /** This hub lost to `hubUrl` (two hubs met): a member of it now; its own members are sent there (hub_moved). */
  private stepDown(hubUrl: string, have: Record<string, number>): void {
    this.core.sync.setMeta({
      [META.role]: 'member',
      [META.hubUrl]: hubUrl,
      [META.hubHave]: JSON.stringify(have),
      [META.hubSince]: null,
      [META.tookOver]: null,
      [META.movedTo]: hubUrl,
      [META.formerHubs]: JSON.stringify(this.formerHubs().filter((a) => a !== hubUrl)),
    });
    this.lastSyncedAt = this.core.clock.now();
    this.lastError = null;
    this.hubHints.clear();
    this.otherHubs.clear();
    this.onStepDown?.();
    this.startLoop();
    this.changed();
  }

  /** Member: its hub stepped down (two hubs met) and names the hub that stays: sync there from now on. */
  private followHub(hubUrl: string): void {
    const current = this.meta(META.hubUrl);
    if (this.role !== 'member' || !current || current === hubUrl) return;
    this.log(`Tableside sync: the hub at ${bare(current)} stepped down (two hubs met); now syncing with ${bare(hubUrl)}.`);
    this.core.sync.setMeta({ [META.hubUrl]: hubUrl, [META.hubHave]: null, [META.formerHubs]: JSON.stringify(this.withFormer(current)) });
    this.lastError = null;
    this.hubName = null;
    this.otherHubs.delete(hubUrl);
    this.changed();
  }

  /** Hubs of this event mDNS found (their addresses): a member checks them at its next look (watchHubs), a hub probes them. */
  noteFoundHubs(addresses: string[]): void {
    const found = addresses.map(normalizeHubUrl).filter((a): a is string => a !== null && !this.isMe(a)).slice(0, MAX_OTHER_HUBS);
    if (this.role === 'hub') for (const a of found) if (!this.hubHints.has(a)) this.hubHints.set(a, 0);
    this.found = this.role === 'member' ? found : [];
  }

  /**
   * Member: ask its hub's /hello (for its name), and the hubs it synced with
   * before or mDNS found whether they still say they are the hub of this
   * event. Those that do are shown ("Two laptops say they are the hub") and
   * named to its hub in the next request, so the hubs reconcile.
   */
  async watchHubs(): Promise<void> {
    const hubUrl = this.meta(META.hubUrl);
    const eventId = this.eventId();
    if (this.role !== 'member' || !hubUrl || !eventId) return;
    const own = await helloOf(hubUrl);
    let changed = false;
    if (own?.eventId === eventId && own.name !== this.hubName) {
      this.hubName = own.name;
      changed = true;
    }
    const looked = new Set([...this.formerHubs(), ...this.found].filter((a) => a !== hubUrl));
    let news = false;
    for (const address of looked) {
      const hello = await helloOf(address);
      const isHub = hello !== null && hello.eventId === eventId && hello.deviceId !== (own?.deviceId ?? null);
      if (isHub && !this.otherHubs.has(address)) {
        this.otherHubs.set(address, { name: hello.name });
        news = true;
      } else if (!isHub && this.otherHubs.delete(address)) {
        changed = true;
      }
    }
    for (const address of [...this.otherHubs.keys()]) if (!looked.has(address) && this.otherHubs.delete(address)) changed = true;
    if (news || changed) this.changed();
    // Its hub hears of the other at once (the request names it), and reconciles with it.
    if (news) await this.syncNow();
  }

  /** The look every HUB_PROBE_MS (sharing.ts): a hub probes, a member watches. */
  lookAround(): Promise<void> {
    return this.role === 'hub' ? this.probeHubs() : this.role === 'member' ? this.watchHubs() : Promise.resolve();
  }

  /** How often sharing calls lookAround. */
  get probeIntervalMs(): number {
    return this.hubProbeMs;
  }

  // ---------------------------------------------------------------------
  // The hub's side.

  /** Answer one sync request. Anything refused is logged and changes nothing. */
  handleRequest(raw: Buffer, from: string): HubAnswer {
    try {
      if (this.role !== 'hub') {
        const movedTo = this.meta(META.movedTo);
        if (movedTo) throw new Refused(409, 'hub_moved', movedTo);
        throw new Refused(503, 'this laptop is not the hub now');
      }
      const key = this.key();
      const eventId = this.eventId();
      if (!key || !eventId) throw new Refused(503, 'the hub has no event key');
      const frame = parseFrame(raw);
      if (!frame) throw new Refused(400, 'malformed message');
      const sealed = frame.header;
      if (sealed.kind !== 'request') throw new Refused(400, `unexpected ${sealed.kind} message`);
      // A rehearsal laptop is refused by the hub of a real event, and a real one by a rehearsal's hub (issue 15).
      const here = this.rehearsalMark().rehearsal ?? false;
      if (sealed.rehearsal !== undefined && sealed.rehearsal !== here) {
        throw new Refused(
          409,
          here
            ? 'hub_is_rehearsal: this hub runs a rehearsal; a laptop holding a real event cannot sync with it'
            : 'hub_is_real: this hub runs a real event; a rehearsal laptop cannot sync with it',
        );
      }
      if (sealed.eventId !== eventId) throw new Refused(403, `message for another event (${sealed.eventId})`);
      let opened: unknown;
      try {
        opened = openFrame(key, sealed, frame.data);
      } catch (error) {
        // Sealed with the key of the sharing before a new code was chosen: that laptop is told so plainly.
        if (this.sealedWithRetiredKey(sealed, frame.data)) throw new Refused(409, 'sharing_renewed');
        throw new Refused(403, (error as Error).message);
      }
      const stored = this.core.sync.lastCounter(sealed.deviceId);
      const heard = this.heard.get(sealed.deviceId);
      const last = heard?.counter ?? stored;
      if (sealed.counter <= last) {
        // Heard from since this hub started: a counter not above the last one heard is a replay. Not heard from
        // since: the stored counter may be a block this hub reserved ahead before it restarted (admit), which a
        // member's next counter is below after a crash; a replay of an old message gets the same answer.
        throw new Refused(
          409,
          heard
            ? `replayed message from ${sealed.deviceId} (counter ${sealed.counter}, already at ${last})`
            : `counter behind from ${sealed.deviceId}: ${sealed.counter} is not above ${last}, the counter this hub kept for it from before it started (counters it reserved ahead before a crash; an old message sent again gets the same answer); told to count on past ${last}`,
          undefined,
          last,
        );
      }
      const request = syncRequest.safeParse(opened);
      if (!request.success) throw new Refused(400, `bad request: ${request.error.issues[0]?.message ?? ''}`);
      // What may not leave a laptop (a private note) is refused if one sends it anyway.
      if (!request.data.ops.every(mayLeave)) throw new Refused(400, 'a private note was sent; refused');
      this.admit(sealed.deviceId, sealed.counter, stored, request.data.deviceName || null, request.data.ops);
      // The dashboard and the list of laptops show when each was last heard from.
      this.changed();
      // Two hubs (hubs.ts): another hub asking, or a member that heard of one; this hub looks there too.
      if (request.data.hub) this.metHub(request.data.hub, from);
      for (const address of request.data.otherHubs ?? []) this.hintHub(address);
      const { parts: ops, count, more } = this.core.missingBytes(request.data.have, request.data.want ?? BATCH, MAX_OPS_BYTES);
      // For a joining laptop's "N of M": what it will still lack after these.
      const remaining = more ? Math.max(0, this.core.countMissing(request.data.have) - count) : 0;
      // The operations go as kept (UTF-8 bytes), encrypted piece by piece, never joined into one string.
      const { frame: response } = sealFrame(
        key,
        { v: 1, kind: 'response', eventId, deviceId: this.core.deviceId, counter: this.nextCounter(), ...this.rehearsalMark(), inReplyTo: sealed.nonce },
        [
          `{"have":${JSON.stringify(this.core.vector())},"ops":`,
          ...ops,
          `,"more":${more},"hubTime":${this.core.clock.floor()}${this.rehearsalField()},"remaining":${remaining},"hub":${JSON.stringify(this.facts())}}`,
        ],
      );
      return { status: 200, body: response };
    } catch (error) {
      const status = error instanceof Refused ? error.status : 500;
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof Refused && error.hubUrl) {
        // A hub that stepped down sends its members to the hub that stays.
        return { status, body: { ok: false, error: reason, hubUrl: error.hubUrl } };
      }
      // Once per address and status (a stranger knocking a thousand times writes one line).
      this.refusals.note(`${from} ${status}`, `Tableside sync: refused a request from ${from}: ${reason}`);
      // A replay names the counter to pass: the laptop whose counter is behind (this hub restarted) counts on from there.
      const above = error instanceof Refused ? error.counterAbove : undefined;
      return { status, body: { ok: false, error: status === 403 ? 'Forbidden' : reason, ...(above === undefined ? {} : { counterAbove: above }) } };
    }
  }

  /**
   * Hub: record a request that passed every check: its operations and the
   * sender's counter, so a replay of it is refused, now and after a restart.
   * Operations are one commit with the counter, as always. A request
   * carrying nothing (a member looking again) costs no commit while its
   * counter is within the block reserved for that laptop: the stored counter
   * (`stored`) is then a ceiling above every counter heard, as a sender
   * reserves its own (nextCounter), so after a restart this hub refuses
   * anything up to it, replays included; the member is told to count on
   * from there (409 `counterAbove`, skipCounterPast). Past the block, one
   * commit reserves the next. "Last heard from" is kept here meanwhile
   * (peersHeard) and committed with the next reservation or operations.
   */
  private admit(deviceId: string, counter: number, stored: number, name: string | null, ops: readonly Op[]): void {
    // When the hub received it, by the hub's (floor) clock: "last heard from" never trusts the sender's stamp.
    const seenAt = this.core.clock.now();
    // The ceiling this hub reserved for that laptop, while it is still what is stored.
    let reserved = this.heard.get(deviceId)?.reserved ?? null;
    if (ops.length > 0 || counter > stored || this.closing) {
      // One commit: the operations received and the sender's counter (or, carrying nothing, a block reserved past it).
      const recorded = ops.length > 0 || this.closing ? counter : counter + COUNTER_BLOCK;
      this.core.receive(ops, { peer: { deviceId, name, counter: recorded, seenAt } });
      if (recorded > stored) reserved = recorded > counter ? recorded : null;
    }
    this.heard.set(deviceId, { counter, seenAt, name, reserved });
  }

  /** Whether a message this hub's key cannot open is sealed with a key it retired (becomeHub with newCode). */
  sealedWithRetiredKey(sealed: Parameters<typeof openFrame>[1], data: Buffer): boolean {
    return this.retiredKeys().some((retired) => {
      try {
        openFrame(Buffer.from(retired, 'base64'), sealed, data);
        return true;
      } catch {
        return false;
      }
    });
  }

  /** The keys of this event's earlier sharings (base64), newest first; one key as kept before the list. */
  private retiredKeys(): string[] {
    const kept = this.meta(META.retiredKey);
    if (!kept) return [];
    if (!kept.startsWith('[')) return [kept];
    try {
      const list: unknown = JSON.parse(kept);
      return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string').slice(0, MAX_RETIRED_KEYS) : [];
    } catch {
      return [];
    }
  }

  // ---------------------------------------------------------------------
  // By file, for when there is no network at all.

  exportFile(): { fileName: string; content: string } {
    const key = this.key();
    const eventId = this.eventId();
    if (!key || !eventId) throw new RejectedError('Set up sharing first (hub or join): the file is sealed with the event key.', 'no_sharing');
    const { ops } = this.core.missingFor({});
    const sealed = seal(
      key,
      { v: 1, kind: 'file', eventId, deviceId: this.core.deviceId, counter: this.nextCounter(), ...this.rehearsalMark() },
      {
        format: 'tableside-sync',
        exportedAt: this.clock.now(),
        // This laptop's floor time, and whether it is the floor's (fileClock on the laptop that opens the file).
        floorAt: this.core.clock.floor(),
        floorFrom: this.role === 'hub' ? 'hub' : this.core.floorLearned ? 'learned' : 'own',
        ops,
      },
    );
    // The event's wall time, as every file name (not UTC's: at 08:00 in Tokyo that is still yesterday).
    const stamp = zonedFileStamp(this.clock.now(), eventZoneOf(this.core.snapshot().event?.timeZone));
    return { fileName: `tableside-${stamp}.tablesidesync`, content: JSON.stringify(sealed) };
  }

  /**
   * Import a sync file. A laptop that has not joined the event gives the
   * event code; the file names its event. Importing twice changes nothing.
   */
  importFile(content: string, typedCode?: string): { applied: number; clock: FileClock } {
    let parsed;
    try {
      // The gate's depth limit before anything reads the file (shared/guard.ts).
      const text = parseBounded(content, { clean: false });
      if (!text.ok) throw new Error(text.code);
      parsed = sealedSchema.parse(text.value);
    } catch {
      throw new RejectedError('This is not a Tableside sync file.', 'not_sync_file');
    }
    if (parsed.kind !== 'file') throw new RejectedError('This is not a Tableside sync file.', 'not_sync_file');
    const local = this.core.event();
    if (local && parsed.rehearsal !== undefined) refuseMixing(local.rehearsal === true, parsed.rehearsal, 'file');
    if (local && local.id !== parsed.eventId) throw new RejectedError('This sync file belongs to another event.', 'sync_file_other_event');
    let key = this.key();
    if (!key || this.eventId() !== parsed.eventId) {
      if (!typedCode || !isValidCode(typedCode)) throw new RejectedError('Type the event code to open this file.', 'sync_file_needs_code');
      key = deriveEventKey(typedCode, parsed.eventId);
    }
    let file;
    try {
      file = syncFile.parse(open(key, parsed as Sealed));
    } catch (error) {
      throw error instanceof SealError
        ? new RejectedError('This file was not made with this event code, or it was altered.', 'sync_file_wrong_code')
        : new RejectedError('This sync file is damaged.', 'sync_file_damaged');
    }
    if (!file.ops.every(mayLeave)) throw new RejectedError('This sync file holds a private note; refused.', 'sync_file_private');
    // Before what arrived is merged, as a hub's answer is: the floor's time as far as the file tells it.
    const before = this.core.clock.offsetMs;
    const clock = this.fileClock(file);
    if (clock.kind === 'moved') this.core.setFloorOffset(before + clock.byMs);
    let applied: number;
    try {
      applied = this.core.applyOps(file.ops);
    } catch (error) {
      // Refused: nothing changed, the clock included.
      if (clock.kind === 'moved') this.core.setFloorOffset(before);
      throw error;
    }
    if (clock.kind === 'moved') this.clockSkewMs = this.core.clock.offsetMs;
    if (this.role === 'alone') {
      this.setMeta(META.role, 'member');
      this.setMeta(META.key, key.toString('base64'));
      if (typedCode) this.setMeta(META.code, formatCode(typedCode));
      this.setMeta(META.eventId, parsed.eventId);
    }
    this.changed();
    return { applied, clock };
  }

  /**
   * What a sync file tells of the floor's time, and what this laptop does
   * with it (FileClock in shared/contract.ts). The file carries the floor
   * time of the laptop that made it, when it made it (`floorAt`). If that
   * laptop had the floor's time (the hub's, or learned from it), `floorAt`
   * is a time the floor had certainly reached: when this laptop's floor time
   * is behind it, its clock is behind by at least that much, and its floor
   * offset moves forward by as much (`moved`; never on the hub, which is the
   * floor). A file behind this laptop's time may simply be old (carried
   * around for hours), so it never moves a clock back: it says how much
   * earlier it was made (`older`), for the coach who knows it was made just
   * now to check this laptop's clock. A file from a laptop that met no hub
   * tells nothing sure either way: it is compared and said (`unsure`), and
   * moves nothing. Differences within FILE_CLOCK_NOTE_MS are said as `same`.
   */
  private fileClock(file: { floorAt?: number | undefined; floorFrom?: 'hub' | 'learned' | 'own' | undefined }): FileClock {
    if (file.floorAt === undefined || file.floorFrom === undefined) return { kind: 'unknown' };
    const aheadMs = file.floorAt - this.core.clock.floor();
    const sure = file.floorFrom !== 'own';
    if (sure && this.role !== 'hub' && aheadMs > FLOOR_OFFSET_STEP_MS) return { kind: 'moved', byMs: Math.round(aheadMs) };
    if (Math.abs(aheadMs) < FILE_CLOCK_NOTE_MS) return { kind: 'same' };
    if (!sure) return { kind: 'unsure', aheadMs: Math.round(aheadMs) };
    return aheadMs < 0 ? { kind: 'older', byMs: Math.round(-aheadMs) } : { kind: 'same' };
  }

  // ---------------------------------------------------------------------
  // The live link (live.ts): what it needs from here.

  /** Member: run rounds over the live link (`exchange`), or over POST /sync again (null). */
  useExchange(exchange: ((frame: Buffer) => Promise<Buffer>) | null): void {
    this.exchange = exchange;
  }

  /** Member: the live link's state, for the UI. */
  setLiveState(state: LiveState): void {
    if (this.liveState === state) return;
    this.liveState = state;
    this.changed();
  }

  /** Hub: the members whose live link is open now (live.ts); a change is told to the UI. */
  setLinked(deviceIds: ReadonlySet<string>): void {
    if (deviceIds.size === this.linked.size && [...deviceIds].every((id) => this.linked.has(id))) return;
    this.linked = new Set(deviceIds);
    this.changed();
  }

  /** Member: whether this laptop holds operations the hub lacks. */
  hasPending(): boolean {
    return this.role === 'member' && this.core.countMissing(this.hubHave()) > 0;
  }

  /** Member: the sealed hello that opens the live link (a request carrying no operations), and the hub's address. */
  liveHello(): { frame: Buffer; hubUrl: string } | null {
    const key = this.key();
    const hubUrl = this.meta(META.hubUrl);
    const eventId = this.eventId();
    if (this.role !== 'member' || !key || !hubUrl || !eventId) return null;
    const { frame } = sealFrame(
      key,
      { v: 1, kind: 'request', eventId, deviceId: this.core.deviceId, counter: this.nextCounter(), ...this.rehearsalMark() },
      `{"have":${JSON.stringify(this.core.vector())},"ops":[],"want":1,` +
        `"deviceName":${JSON.stringify(this.core.deviceName || hostname())},"sentAt":${this.clock.now()}}`,
    );
    return { frame, hubUrl };
  }

  /** Hub: a sealed push of what a member holding `have` lacks (one batch at most); null if it lacks nothing. */
  pushFor(have: Readonly<Record<string, number>>): { frame: Buffer; more: boolean } | null {
    const key = this.key();
    const eventId = this.eventId();
    if (this.role !== 'hub' || !key || !eventId) return null;
    const { parts: ops, count, more } = this.core.missingBytes(have, BATCH, MAX_OPS_BYTES);
    if (count === 0) return null;
    const { frame } = sealFrame(
      key,
      { v: 1, kind: 'push', eventId, deviceId: this.core.deviceId, counter: this.nextCounter(), ...this.rehearsalMark() },
      [`{"have":${JSON.stringify(this.core.vector())},"ops":`, ...ops, `,"more":${more},"hubTime":${this.clock.now()}${this.rehearsalField()}}`],
    );
    return { frame, more };
  }

  /**
   * Member: take a sealed push from the hub, in one commit, as a round's
   * answer is taken. Applied only if its counter is above the last one seen
   * from the hub (a replay is refused) and it continues what this laptop
   * holds: a device's first operation in it must be the next one held here,
   * or the vector would hide a hole; otherwise it is left for a round
   * ('more'). Throws (changing nothing) if it is not a sound push.
   */
  takePush(raw: Buffer): 'done' | 'more' {
    const key = this.key();
    const eventId = this.eventId();
    if (this.role !== 'member' || !key || !eventId) throw new Error('this laptop is not a member');
    const frame = parseFrame(raw);
    if (!frame || frame.header.kind !== 'push' || frame.header.eventId !== eventId) throw new Error('not a push for this event');
    const sealed = frame.header;
    const last = this.core.sync.lastCounter(sealed.deviceId);
    if (sealed.counter <= last) throw new Error(`replayed push (counter ${sealed.counter}, already at ${last})`);
    const answer = syncResponse.parse(openFrame(key, sealed, frame.data));
    this.followRehearsal(answer.rehearsal, 0);
    const held = this.core.vector();
    const first = new Map<string, number>();
    for (const op of answer.ops) first.set(op.deviceId, Math.min(first.get(op.deviceId) ?? Infinity, op.seq));
    for (const [device, seq] of first) if (seq > (held[device] ?? 0) + 1) return 'more';
    this.core.receive(answer.ops, {
      meta: { [META.hubHave]: JSON.stringify(answer.have) },
      peer: { deviceId: sealed.deviceId, name: 'hub', counter: sealed.counter, seenAt: this.clock.now() },
    });
    this.lastSyncedAt = this.clock.now();
    this.lastError = null;
    this.changed();
    return answer.more ? 'more' : 'done';
  }

  /** A rehearsal's hub: `,"rehearsal":{…}` (its rehearsal time now and speed) for an answer or a push; '' on floor time. */
  private rehearsalField(): string {
    const r = this.core.clock.rehearsalNow();
    return r ? `,"rehearsal":{"at":${r.at},"speed":${r.speed}}` : '';
  }

  /**
   * Member of a rehearsal's hub: take the hub's rehearsal time (at the hub's
   * answer, `halfTripMs` before it arrived) as this laptop's clock, so its
   * waits, countdowns and the bar's minute are the rehearsal's, not floor time.
   */
  private followRehearsal(r: SyncResponse['rehearsal'], halfTripMs: number): void {
    if (!r) return;
    this.core.clock.setRehearsal({ floorAt: this.core.clock.floor(), at: r.at + Math.round(halfTripMs * r.speed), speed: r.speed });
  }

  /**
   * Hub: write back the last counter heard from each laptop, exactly, in
   * place of the blocks reserved ahead (admit), with when it was heard: after
   * a clean stop, members count on without being told they are behind. Only
   * a ceiling this hub reserved and still stored is lowered: a counter stored
   * otherwise since (this laptop a member meanwhile) only grows. After a
   * crash the reservations stand, and replays stay refused all the same.
   */
  private settle(): void {
    if (this.heard.size === 0) return;
    this.core.sync.settle([...this.heard].map(([deviceId, h]) => ({ deviceId, counter: h.counter, seenAt: h.seenAt, name: h.name, reserved: h.reserved })));
    this.heard.clear();
  }

  /** Stop: no more rounds, and the counters heard written back (settle); a request still answered is committed exactly. */
  close(): void {
    this.stopLoop();
    this.settle();
    this.closing = true;
  }
}

export function normalizeHubUrl(address: string): string | null {
  const trimmed = address.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(/^https?:\/\//.test(trimmed) ? trimmed : `http://${trimmed}`);
    if (url.protocol !== 'http:' || url.pathname !== '/' || url.search || url.hash) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * A rehearsal and a real event never mix (issue 15): refused with a reason
 * the screens translate. `here`: this laptop holds a rehearsal; `there`: the
 * hub, or the sync file, is one.
 */
function refuseMixing(here: boolean, there: boolean, what: 'hub' | 'file'): void {
  if (here === there) return;
  if (what === 'file') {
    throw here
      ? new RejectedError('This sync file comes from a real event; a rehearsal never mixes with one.', 'sync_file_real')
      : new RejectedError('This sync file comes from a rehearsal; it never mixes with a real event.', 'sync_file_rehearsal');
  }
  throw here
    ? new RejectedError('That hub runs a real event; a rehearsal laptop cannot join or sync with it.', 'hub_is_real')
    : new RejectedError('That hub runs a rehearsal; a laptop holding a real event cannot join or sync with it.', 'hub_is_rehearsal');
}

/** Network errors that mean the hub cannot be reached (refused, gone mid-message, no route). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETIMEDOUT', 'EADDRNOTAVAIL']);

/** Why the last sync round failed: a code the renderer translates, its parameters, and the English words. */
export type SyncProblemCode =
  | 'sync_timeout'
  | 'sync_unreachable'
  | 'sync_unverified'
  | 'sync_forbidden'
  | 'sync_hub_answered'
  | 'sync_not_ours'
  | 'sync_wrong_answer'
  | 'sync_too_large'
  | 'sync_renewed'
  | 'sync_failed';
export interface SyncProblem {
  code: SyncProblemCode;
  params: Record<string, string | number>;
  text: string;
}

/** A failed round's error as a SyncProblem (what the sharing line shows, translated). */
export function syncProblem(error: unknown): SyncProblem {
  if (error instanceof SealError) return { code: 'sync_unverified', params: {}, text: 'The hub could not be verified: wrong event code?' };
  if (error instanceof HubAnswerError) return { code: error.code, params: error.params, text: error.message };
  const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string } };
  const text = describe(error);
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return { code: 'sync_timeout', params: {}, text };
  const code = e.code ?? e.cause?.code;
  if ((code && UNREACHABLE.has(code)) || e.message === 'fetch failed') return { code: 'sync_unreachable', params: {}, text };
  return { code: 'sync_failed', params: { detail: text.slice(0, 200) }, text };
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'The hub did not answer in time.';
  const code = e.code ?? e.cause?.code;
  if ((code && UNREACHABLE.has(code)) || e.message === 'fetch failed') return 'The hub cannot be reached right now.';
  return e.message ?? String(error);
}

/** The reason word of a hub's JSON refusal ({ ok: false, error }), or null. */
function refusal(text: string): string | null {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : null;
  } catch {
    return null;
  }
}

/** The hub that stays, from a stepped-down hub's refusal ({ error: 'hub_moved', hubUrl }); else null. */
function movedTo(text: string): string | null {
  try {
    const body = JSON.parse(text) as { error?: unknown; hubUrl?: unknown };
    return body.error === 'hub_moved' && typeof body.hubUrl === 'string' ? normalizeHubUrl(body.hubUrl) : null;
  } catch {
    return null;
  }
}

/** The counter a hub's 409 says the next message must pass ({ counterAbove }), or null. */
function counterAbove(text: string): number | null {
  try {
    const body = JSON.parse(text) as { counterAbove?: unknown };
    return typeof body.counterAbove === 'number' && Number.isSafeInteger(body.counterAbove) && body.counterAbove >= 0 ? body.counterAbove : null;
  } catch {
    return null;
  }
}

/** An address as people read it: without http://. */
function bare(address: string): string {
  return address.replace(/^https?:\/\//, '');
}

function safeMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return typeof body.error === 'string' ? body.error.slice(0, 200) : '';
  } catch {
    return '';
  }
}

/** What a laptop's public /hello says: the event it is the hub of (null: not a hub), its name and device id; null if it does not answer. */
async function helloOf(hubUrl: string): Promise<{ eventId: string | null; name: string | null; deviceId: string | null } | null> {
  try {
    const res = await fetchAgainIfClosed(new URL('/hello', hubUrl), HELLO_TIMEOUT_MS);
    const text = (await readLimited(res, 4096)).toString('utf8');
    const body = JSON.parse(text) as { app?: unknown; eventId?: unknown; name?: unknown; deviceId?: unknown };
    if (body.app !== 'tableside') return null;
    const str = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : null);
    return { eventId: str(body.eventId, 64), name: str(body.name, 60), deviceId: str(body.deviceId, 64) };
  } catch {
    return null;
  }
}

/** How long a sync message may take, there and back (the answer read whole). */
const POST_TIMEOUT_MS = 15_000;

/**
 * One sealed request by POST /sync; the hub's answer, or an error saying why
 * not. Over node:http rather than fetch: a catch-up moves megabytes, and
 * reading them as a web stream cost a member several times the CPU.
 */
function postFrame(hubUrl: string, frame: Buffer, timeoutMs = POST_TIMEOUT_MS): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    let settled = false;
    const done = (error: Error | null, body?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(body!);
    };
    const req = httpRequest(
      new URL('/sync', hubUrl),
      { method: 'POST', headers: { 'Content-Type': FRAME_TYPE, 'Content-Length': frame.length } },
      (res) => {
        const status = res.statusCode ?? 0;
        const tooLarge = () => done(tooLargeAnswer(MAX_MESSAGE_BYTES));
        // A stranger posing as the hub cannot fill this laptop's memory.
        if (Number(res.headers['content-length'] ?? 0) > MAX_MESSAGE_BYTES) return tooLarge();
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_MESSAGE_BYTES) return tooLarge();
          chunks.push(chunk);
        });
        res.on('error', (error) => done(error));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          if (status === 403) return done(new HubAnswerError('sync_forbidden', {}, 'The hub refused this laptop: the event code does not match.'));
          const moved = status === 409 ? movedTo(body.toString('utf8')) : null;
          if (moved) return done(new HubMoved(moved));
          if (status === 409 && refusal(body.toString('utf8')) === 'sharing_renewed') {
            return done(new HubAnswerError('sync_renewed', {}, 'The hub started a new sharing with a new event code: type the new code on the Sharing page.'));
          }
          const above = status === 409 ? counterAbove(body.toString('utf8')) : null;
          if (above !== null) return done(new CounterBehind(above, safeMessage(body.toString('utf8'))));
          if (status < 200 || status >= 300) {
            const reason = safeMessage(body.toString('utf8'));
            return done(new HubAnswerError('sync_hub_answered', { status, reason }, `The hub answered ${status}: ${reason}`));
          }
          done(null, body);
        });
      },
    );
    const timer = setTimeout(
      () => done(Object.assign(new Error('The hub did not answer in time.'), { name: 'TimeoutError' })),
      timeoutMs,
    );
    req.on('error', (error) => done(error));
    req.end(frame);
  });
}

/** The hub's answer was over `maxBytes`: refused, saying the limit as a size ("32 MB"). */
function tooLargeAnswer(maxBytes: number): HubAnswerError {
  return new HubAnswerError('sync_too_large', { maxBytes }, `The hub sent an answer too large to take (more than ${humanSize(maxBytes)}); ignored.`);
}

/** A response's bytes, refused past `max` (a stranger posing as the hub cannot fill this laptop's memory). */
async function readLimited(res: Response, max: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > max) {
    await res.body?.cancel();
    throw tooLargeAnswer(max);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > max) throw tooLargeAnswer(max);
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}
