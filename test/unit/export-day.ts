/**
 * A generated full day, driven through the real core with commands and a
 * manual clock: 20 tables, 100 interactions each (one-to-one turns, parties
 * of several, plenaries, topic focus, sub-group rotations), walk-ins with
 * names in many scripts and anonymous ones, no-shows and people who left,
 * people not reached when each table closes, notes (shared and private) and
 * follow-ups with and without consent.
 *
 * The generator keeps its own account of what it did (the "truth"), from
 * which the tests check every exported total; it never reads the exports'
 * code.
 */
import type { ManualClock } from '../../electron/core/clock.js';
import type { Core } from '../../electron/core/core.js';
import type { Envelope, SupportKind } from '../../shared/contract.js';

export type TruthMode = 'one_to_one' | 'group' | 'plenary' | 'topic_focus' | 'rotation';
export type TruthOutcome = 'served' | 'served_group' | 'plenary_only' | 'no_show' | 'left' | 'not_reached' | 'waiting';

export interface TruthPerson {
  entryId: string;
  tableId: string;
  ticket: number;
  name: string | null;
  topics: string[];
  partySize: number;
  joinedAt: number;
  /**
   * By what they received (ARCHITECTURE.md, "Outcomes"): a turn of their own
   * (a party's too) is served, a topic focus or a rotation group served in a
   * group, a plenary and nothing more plenary only, whatever was pressed after.
   */
  outcome: TruthOutcome;
  /** They attended a plenary. */
  plenary?: boolean;
  /** When they stopped waiting without being served (no-show, left, not reached). */
  goneAt: number | null;
  /** Start of each interaction they took part in. */
  interactions: { turnId: string; mode: TruthMode; startedAt: number; endedAt: number }[];
  followUp: { consent: boolean; contact: string | null; note: string } | null;
}

export interface TruthInteraction {
  turnId: string;
  tableId: string;
  mode: TruthMode;
  /** A topic focus's topic. */
  topic: string | null;
  startedAt: number;
  endedAt: number;
  entryIds: string[];
  note: { text: string; topics: string[]; supportKind: SupportKind | null; shared: boolean } | null;
}

export interface TruthTable {
  tableId: string;
  name: string;
  coaches: string[];
}

export interface DayTruth {
  tables: TruthTable[];
  people: TruthPerson[];
  interactions: TruthInteraction[];
  rotations: number;
  /** Every string that must never appear in an anonymised export. */
  secrets: { names: string[]; contacts: string[]; notes: string[]; followUpNotes: string[] };
  startedAt: number;
  endedAt: number;
}

export interface DayOptions {
  tables?: number;
  interactionsPerTable?: number;
  seed?: number;
}

const FIRST = [
  'Łucja', 'Zhang', 'Oluwaseun', 'Ingrid', 'Mateus', 'Aigerim', 'Søren', 'Priyanka', 'Ngozi', 'Tomás',
  'Chiara', 'Kwame', 'Yuki', 'Fatima', 'Dmitri', 'Aroha', 'Émilie', 'Hamid', 'Leilani', 'Bongani',
  'Jiří', 'Marisol', 'Tupac', 'Nilufar', 'Oskar', 'Amaru', 'Daniela', 'Kofi', 'Rasmus', 'Zeynep',
  'Мария', 'Алексей', '美咲', '伟', 'محمد', 'فاطمة', 'Δήμητρα', 'Γιώργος', 'אורית', 'สมชาย',
];
const LAST = [
  'Wróbel', 'Wei', 'Adeyemi', 'Halvorsen', 'Carvalho', 'Nurlanovna', 'Kjærgaard', 'Raghunathan', 'Eze', 'Quispe',
  'Bianchi', 'Mensah', 'Takahashi', 'Haddad', 'Voronin', 'Ngata', 'Lefèvre', 'Karimi', 'Kahale', 'Dlamini',
  'Dvořák', 'Villanueva', 'Mamani', 'Rahimova', 'Lindqvist', 'Condori', 'Restrepo', 'Boateng', 'Nyström', 'Aydın',
  'Иванова', 'Смирнов', '佐藤', '王', 'الحسيني', 'الزهراء', 'Παπαδοπούλου', 'Οικονόμου', 'כהן', 'ใจดี',
];
const COACH_FIRST = ['Amara', 'Birgit', 'Carlos', 'Dewi', 'Elif', 'Farid', 'Grace', 'Hiroshi', 'Isabel', 'Jonas'];
const COACH_LAST = ['Okafor', 'Lund', 'Mendes', 'Santoso', 'Kaya', 'Nasser', 'Mwangi', 'Sato', 'Ortega', 'Berg'];
export const DAY_TOPICS = [
  'Career and professional development',
  'Getting involved in IFLA',
  'International collaboration',
  'Personal learning plan',
  'Networking and social media',
  'Personal branding',
  'Your role as a manager or leader',
  'A difficult conversation',
  'How to maintain motivation',
  'Work-life balance',
  'Internships and exchanges',
];
const SUPPORT: SupportKind[] = ['coaching', 'mentoring', 'training', 'consulting', 'supervision'];
const PHRASES = [
  'wants a learning plan for the next year',
  'asked about chairing a standing committee',
  'plans to shadow a colleague abroad',
  'will write to the section secretary',
  'considering a move into management',
];

/** Mulberry32: a small seeded generator, so every run makes the same day. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    some: <T>(list: readonly T[], max: number): T[] => {
      const n = Math.floor(next() * (max + 1));
      const copy = [...list];
      const out: T[] = [];
      for (let i = 0; i < n && copy.length; i++) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0] as T);
      return out;
    },
  };
}

function must<T>(e: Envelope<T>, what: string): T {
  if (!e.ok) throw new Error(`${what}: ${e.error.code} ${e.error.message}`);
  return e.value;
}

interface Running {
  turnId: string;
  mode: TruthMode;
  endAt: number;
  entryIds: string[];
  rotation: { rotationId: string; groups: string[][]; next: number } | null;
}

interface TableState {
  truth: TruthTable;
  topics: string[];
  plan: ('one' | 'plenary' | 'focus' | 'rotation')[];
  done: number;
  target: number;
  waiting: string[];
  running: Running | null;
  closed: boolean;
}

const MIN = 60_000;

export function generateDay(core: Core, clock: ManualClock, options: DayOptions = {}): DayTruth {
  const r = rng(options.seed ?? 20260826);
  const nTables = options.tables ?? 20;
  const perTable = options.interactionsPerTable ?? 100;
  const startedAt = clock.now();
  // The countdown service re-reads every running turn after each command; the
  // day runs on a manual clock and checks no countdown, so it stays quiet.
  const timers = core.timers as { refresh(): void };
  timers.refresh = () => {};
  must(
    core.call('event.create', {
      name: 'WLIC drop-in coaching — full day',
      date: '2026-08-26',
      startTime: '09:00',
      endTime: '17:00',
      place: 'Hall 1/2',
    }),
    'event.create',
  );
  for (const label of DAY_TOPICS) must(core.call('topic.add', { label }), 'topic.add');

  const people = new Map<string, TruthPerson>();
  const interactions: TruthInteraction[] = [];
  const byTurn = new Map<string, TruthInteraction>();
  const secrets: DayTruth['secrets'] = { names: [], contacts: [], notes: [], followUpNotes: [] };
  let nameIndex = 0;
  let noteIndex = 0;
  let followIndex = 0;
  let rotations = 0;

  const tables: TableState[] = [];
  for (let t = 0; t < nTables; t++) {
    const coaches = [`${COACH_FIRST[t % 10]} ${COACH_LAST[(t * 3) % 10]}`];
    if (t % 4 === 0) coaches.push(`${COACH_FIRST[(t + 5) % 10]} ${COACH_LAST[(t + 7) % 10]}`);
    const topics = r.some(DAY_TOPICS, 4);
    if (topics.length === 0) topics.push(DAY_TOPICS[t % DAY_TOPICS.length] as string);
    const name = `Table ${t + 1}`;
    const tableId = must(
      core.call('table.create', { name, coaches, topics, languages: ['en'], turnMinutes: 5 }),
      'table.create',
    ).tableId;
    // The modes this table will use, in a shuffled order.
    const plan: TableState['plan'] = [];
    for (let i = 0; i < perTable; i++) {
      const x = r.next();
      plan.push(x < 0.07 ? 'plenary' : x < 0.15 ? 'focus' : x < 0.21 ? 'rotation' : 'one');
    }
    tables.push({ truth: { tableId, name, coaches }, topics, plan, done: 0, target: perTable, waiting: [], running: null, closed: false });
  }

  const arrive = (s: TableState) => {
    const named = r.chance(0.75);
    let name: string | null = null;
    if (named) {
      const k = nameIndex++;
      name = `${FIRST[k % FIRST.length]} ${LAST[Math.floor(k / FIRST.length) % LAST.length]}`;
      if (k >= FIRST.length * LAST.length) name += ` ${Math.floor(k / (FIRST.length * LAST.length)) + 1}`;
      secrets.names.push(name);
    }
    // A walk-in asks only for topics its table offers (walkin.add refuses others: topic_not_offered).
    const topics = r.some(s.topics, 2);
    const partySize = r.chance(0.88) ? 1 : r.int(2, 3);
    const { entryId, ticket } = must(
      core.call('walkin.add', { tableId: s.truth.tableId, ...(name ? { name } : {}), topics, partySize }),
      'walkin.add',
    );
    people.set(entryId, {
      entryId,
      tableId: s.truth.tableId,
      ticket,
      name,
      topics,
      partySize,
      joinedAt: clock.now(),
      outcome: 'waiting',
      goneAt: null,
      interactions: [],
      followUp: null,
    });
    s.waiting.push(entryId);
  };

  const start = (
    s: TableState,
    mode: TruthMode,
    turnId: string,
    entryIds: string[],
    minutes: number,
    rotation: Running['rotation'] = null,
    topic: string | null = null,
  ) => {
    s.running = { turnId, mode, endAt: clock.now() + minutes * MIN, entryIds, rotation };
    const record: TruthInteraction = { turnId, tableId: s.truth.tableId, mode, topic, startedAt: clock.now(), endedAt: 0, entryIds, note: null };
    interactions.push(record);
    byTurn.set(turnId, record);
  };

  const finishInteraction = (s: TableState) => {
    const run = s.running;
    if (!run) return;
    const record = byTurn.get(run.turnId);
    if (!record) throw new Error('lost an interaction');
    // A note on most interactions; half of them shared with the organisers.
    if (r.chance(0.75)) {
      const text = `Note ${++noteIndex}: ${r.pick(PHRASES)} (${s.truth.name}).`;
      const topics = r.some(s.topics.length ? s.topics : DAY_TOPICS, 2);
      const supportKind = r.chance(0.8) ? r.pick(SUPPORT) : null;
      const shared = r.chance(0.5);
      must(core.call('note.save', { turnId: run.turnId, text, topics, supportKind, shared }), 'note.save');
      record.note = { text, topics, supportKind, shared };
      secrets.notes.push(text);
    }
    // Follow-ups: some people want a mentoring relationship; most of them consent to be contacted.
    if (run.mode !== 'plenary') {
      for (const entryId of run.entryIds) {
        const p = people.get(entryId);
        if (!p || p.followUp || !r.chance(0.15)) continue;
        const consent = r.chance(0.65);
        const k = ++followIndex;
        const contact = consent ? `mentee.${k}.${entryId.slice(-4)}@example.org` : null;
        const note = `Follow-up ${k}: ${r.pick(PHRASES)}.`;
        must(
          core.call('followup.record', {
            entryId,
            turnId: run.turnId,
            consent,
            ...(contact ? { contact } : {}),
            note,
          }),
          'followup.record',
        );
        p.followUp = { consent, contact, note };
        if (contact) secrets.contacts.push(contact);
        secrets.followUpNotes.push(note);
      }
    }
    record.endedAt = clock.now();
    for (const entryId of run.entryIds) {
      const p = people.get(entryId);
      if (!p) continue;
      p.interactions.push({ turnId: run.turnId, mode: run.mode, startedAt: record.startedAt, endedAt: record.endedAt });
      if (run.mode === 'one_to_one' || run.mode === 'group') p.outcome = 'served';
      else if (run.mode !== 'plenary' && p.outcome !== 'served') p.outcome = 'served_group';
      else if (run.mode === 'plenary') p.plenary = true;
    }
    s.done += 1;
    if (run.rotation) {
      const next = must(core.call('rotation.next', { rotationId: run.rotation.rotationId }), 'rotation.next');
      const group = run.rotation.groups[run.rotation.next];
      if (next.turnId && group) {
        const rotation = { ...run.rotation, next: run.rotation.next + 1 };
        start(s, 'rotation', next.turnId, group, 4, rotation);
        return;
      }
      if (next.turnId || group) throw new Error('rotation out of step with the generator');
    } else {
      must(core.call('turn.end', { turnId: run.turnId }), 'turn.end');
    }
    s.running = null;
  };

  const need = (s: TableState, n: number) => {
    while (s.waiting.length < n) arrive(s);
  };

  const begin = (s: TableState) => {
    const remaining = s.target - s.done;
    let kind = s.plan[s.done] ?? 'one';
    if (kind === 'rotation' && remaining < 2) kind = 'one';
    const tableId = s.truth.tableId;
    if (kind === 'one') {
      need(s, 1);
      const entryId = s.waiting.shift() as string;
      const party = people.get(entryId)?.partySize ?? 1;
      const { turnId } = must(core.call('turn.start', { tableId, entryId }), 'turn.start');
      start(s, party > 1 ? 'group' : 'one_to_one', turnId, [entryId], r.int(3, 7));
    } else if (kind === 'plenary') {
      need(s, 3);
      const { turnId } = must(core.call('plenary.start', { tableId, minutes: 3 }), 'plenary.start');
      start(s, 'plenary', turnId, [...s.waiting], 3);
    } else if (kind === 'focus') {
      need(s, 2);
      const n = Math.min(s.waiting.length, r.int(2, 4));
      const entryIds = s.waiting.splice(0, n);
      const topic = r.pick(s.topics.length ? s.topics : DAY_TOPICS);
      const { turnId } = must(core.call('focus.start', { tableId, topic, entryIds, minutes: 5 }), 'focus.start');
      start(s, 'topic_focus', turnId, entryIds, 5, null, topic);
    } else {
      const nGroups = Math.min(remaining, r.int(2, 3));
      need(s, nGroups * 2);
      const members = s.waiting.splice(0, Math.min(s.waiting.length, nGroups * 3));
      const groups: string[][] = Array.from({ length: nGroups }, () => []);
      members.forEach((id, i) => groups[i % nGroups]?.push(id));
      const { rotationId, turnId } = must(
        core.call('rotation.start', { tableId, maxGroupSize: 3, turnMinutes: 4, autoAdvance: false, groups }),
        'rotation.start',
      );
      rotations += 1;
      start(s, 'rotation', turnId, groups[0] ?? [], 4, { rotationId, groups, next: 1 });
    }
  };

  for (let tick = 0; tables.some((s) => !s.closed); tick++) {
    if (tick > 24 * 60) throw new Error('the generated day did not end');
    for (const s of tables) {
      if (s.closed) continue;
      const inRotation = s.running !== null && s.running.rotation !== null;
      // New arrivals (not during a rotation: the core would fold them into its groups).
      if (!inRotation && s.done < s.target && r.chance(0.35)) arrive(s);
      // Now and then someone at the back gives up, or never comes back (not
      // during a plenary or a rotation, where the waiting take part).
      const quiet = s.running === null || s.running.mode === 'one_to_one' || s.running.mode === 'group' || s.running.mode === 'topic_focus';
      if (quiet && s.waiting.length > 2 && r.chance(0.06)) {
        const entryId = s.waiting.splice(r.int(1, s.waiting.length - 1), 1)[0] as string;
        const status = r.chance(0.6) ? 'no_show' : 'left';
        must(core.call('entry.setStatus', { entryId, status }), 'entry.setStatus');
        const p = people.get(entryId);
        if (p) {
          p.outcome = p.plenary ? 'plenary_only' : status;
          p.goneAt = clock.now();
        }
      }
      if (s.running && clock.now() >= s.running.endAt) finishInteraction(s);
      if (!s.running && s.done < s.target) begin(s);
      if (!s.running && s.done >= s.target) {
        must(core.call('table.close', { tableId: s.truth.tableId }), 'table.close');
        for (const entryId of s.waiting) {
          const p = people.get(entryId);
          if (p) {
            p.outcome = p.plenary ? 'plenary_only' : 'not_reached';
            p.goneAt = clock.now();
          }
        }
        s.waiting = [];
        s.closed = true;
      }
    }
    clock.advance(MIN);
  }
  delete (timers as { refresh?: unknown }).refresh;
  core.timers.stop();

  return {
    tables: tables.map((s) => s.truth),
    people: [...people.values()],
    interactions,
    rotations,
    secrets,
    startedAt,
    endedAt: clock.now(),
  };
}
