/**
 * The session in the event's time zone: both directions of daylight saving,
 * a session across midnight, several days, and two laptops in different
 * zones computing the same minutes left. The zone is always passed in (the
 * event's), and the laptop's own zone is switched with process.env.TZ to
 * show it plays no part.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { estimateWaits } from '../../shared/domain/estimate.js';
import type { Person } from '../../shared/domain/people.js';
import {
  endsNextDay,
  extendSessionTo,
  inSession,
  isAfterSession,
  moveSessionTo,
  sessionAt,
  sessionDays,
  sessionEndsAt,
  sessionMinutesLeft,
  sessionProblem,
  type SessionPlan,
} from '../../shared/domain/session.js';
import {
  addDays,
  canonicalTimeZone,
  formatOffset,
  isoWithOffset,
  isTimeZone,
  zonedClock,
  zonedDate,
  zonedInstant,
  zoneOffsetMs,
} from '../../shared/domain/zone.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const utc = (iso: string) => Date.parse(iso);

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('zone: wall time to instant and back', () => {
  it('reads Berlin in winter (+01:00) and summer (+02:00)', () => {
    expect(zonedInstant('2026-01-15', '12:00', BERLIN)).toBe(utc('2026-01-15T11:00:00Z'));
    expect(zonedInstant('2026-07-15', '12:00', BERLIN)).toBe(utc('2026-07-15T10:00:00Z'));
    expect(zoneOffsetMs(utc('2026-07-15T10:00:00Z'), BERLIN)).toBe(2 * HOUR);
    expect(zonedInstant('2026-07-15', '12:00', 'Asia/Kathmandu')).toBe(utc('2026-07-15T06:15:00Z'));
    expect(formatOffset(zoneOffsetMs(0, 'Asia/Kathmandu'))).toBe('+05:30'); // before 1986
    expect(formatOffset(zoneOffsetMs(utc('2026-07-15T06:15:00Z'), 'Asia/Kathmandu'))).toBe('+05:45');
  });

  it('daylight saving ends (Berlin, 25 October 2026, 03:00 back to 02:00): 02:30 happens twice; the first is taken', () => {
    const first = zonedInstant('2026-10-25', '02:30', BERLIN);
    expect(first).toBe(utc('2026-10-25T00:30:00Z')); // 02:30 +02:00
    expect(isoWithOffset(first, BERLIN)).toBe('2026-10-25T02:30:00+02:00');
    expect(isoWithOffset(first + HOUR, BERLIN)).toBe('2026-10-25T02:30:00+01:00');
    // Around the change, each instant keeps its own offset.
    expect(zonedInstant('2026-10-25', '01:59', BERLIN)).toBe(utc('2026-10-24T23:59:00Z'));
    expect(zonedInstant('2026-10-25', '03:00', BERLIN)).toBe(utc('2026-10-25T02:00:00Z'));
  });

  it('daylight saving begins (Berlin, 29 March 2026, 02:00 on to 03:00): 02:30 never happens and moves on with the clocks', () => {
    expect(zonedInstant('2026-03-29', '02:30', BERLIN)).toBe(utc('2026-03-29T01:30:00Z')); // 03:30 +02:00
    expect(isoWithOffset(utc('2026-03-29T01:30:00Z'), BERLIN)).toBe('2026-03-29T03:30:00+02:00');
    expect(zonedInstant('2026-03-29', '01:59', BERLIN)).toBe(utc('2026-03-29T00:59:00Z'));
    expect(zonedInstant('2026-03-29', '03:00', BERLIN)).toBe(utc('2026-03-29T01:00:00Z'));
  });

  it('and the southern hemisphere, where daylight saving ends in April (Sydney, 5 April 2026, 03:00 back to 02:00)', () => {
    expect(isoWithOffset(zonedInstant('2026-04-05', '02:30', 'Australia/Sydney'), 'Australia/Sydney')).toBe(
      '2026-04-05T02:30:00+11:00',
    );
    expect(isoWithOffset(zonedInstant('2026-04-05', '03:30', 'Australia/Sydney'), 'Australia/Sydney')).toBe(
      '2026-04-05T03:30:00+10:00',
    );
  });

  it('a 15-minute turn across the end of daylight saving keeps its order and length in ISO 8601 with offsets', () => {
    const started = utc('2026-10-25T00:50:00Z');
    const ended = started + 15 * MIN;
    expect(isoWithOffset(started, BERLIN)).toBe('2026-10-25T02:50:00+02:00');
    expect(isoWithOffset(ended, BERLIN)).toBe('2026-10-25T02:05:00+01:00');
    // Read back by any ISO 8601 parser, the duration is 15 minutes, not -45.
    expect(Date.parse(isoWithOffset(ended, BERLIN)) - Date.parse(isoWithOffset(started, BERLIN))).toBe(15 * MIN);
  });

  it('refuses malformed dates, times and zones with NaN', () => {
    expect(zonedInstant('2026-02-30', '12:00', BERLIN)).toBeNaN();
    expect(zonedInstant('2026-02-10', '24:00', BERLIN)).toBeNaN();
    expect(zonedInstant('2026-02-10', '12:00', 'Mars/Olympus_Mons')).toBeNaN();
    expect(isTimeZone('+01:00')).toBe(false);
    expect(isTimeZone('Europe/Berlin; drop table')).toBe(false);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(canonicalTimeZone('europe/berlin')).toBe(BERLIN);
  });

  it('property: every instant, read as a wall minute in its zone and back, is that minute (its first occurrence)', () => {
    const zones = [BERLIN, NEW_YORK, 'Australia/Sydney', 'Asia/Kathmandu', 'America/Santiago', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: utc('2020-01-01T00:00:00Z'), max: utc('2035-12-31T00:00:00Z') }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const minute = Math.floor(instant / MIN) * MIN;
          const back = zonedInstant(zonedDate(minute, zone), zonedClock(minute, zone), zone);
          // Either the same instant, or, in a repeated hour, an earlier one showing the same wall time.
          expect(back).toBeLessThanOrEqual(minute);
          expect(minute - back).toBeLessThanOrEqual(HOUR);
          expect(zonedClock(back, zone)).toBe(zonedClock(minute, zone));
          expect(zonedDate(back, zone)).toBe(zonedDate(minute, zone));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('session: its days as instants in the event zone', () => {
  const plan = (over: Partial<SessionPlan> = {}): SessionPlan => ({
    date: '2026-08-26',
    startTime: '11:45',
    endTime: '13:30',
    timeZone: BERLIN,
    ...over,
  });

  it('one day, read in the event zone (the seed session, 105 minutes)', () => {
    const [day] = sessionDays(plan());
    expect(day).toEqual({ date: '2026-08-26', startAt: utc('2026-08-26T09:45:00Z'), endAt: utc('2026-08-26T11:30:00Z') });
    expect(sessionMinutesLeft(plan(), utc('2026-08-26T09:45:00Z'))).toBe(105);
  });

  it('the night daylight saving ends, 01:00–04:00 lasts four hours; the night it begins, two', () => {
    const [autumn] = sessionDays(plan({ date: '2026-10-25', startTime: '01:00', endTime: '04:00' }));
    expect(autumn!.endAt - autumn!.startAt).toBe(4 * HOUR);
    const [spring] = sessionDays(plan({ date: '2026-03-29', startTime: '01:00', endTime: '04:00' }));
    expect(spring!.endAt - spring!.startAt).toBe(2 * HOUR);
    // Minutes left at 02:30 the second time (+01:00): 90, not 150 as wall clocks subtracted would say.
    expect(sessionMinutesLeft(plan({ date: '2026-10-25', startTime: '01:00', endTime: '04:00' }), utc('2026-10-25T01:30:00Z'))).toBe(90);
    // And a session that daylight saving leaves empty is refused.
    expect(sessionProblem(plan({ date: '2026-03-29', startTime: '02:00', endTime: '03:00' }))).toMatchObject({
      code: 'session_empty_day',
      path: 'endTime',
    });
  });

  it('a session across midnight (22:00–01:30) ends the next day', () => {
    const p = plan({ date: '2026-12-31', startTime: '22:00', endTime: '01:30' });
    expect(endsNextDay(p)).toBe(true);
    expect(sessionProblem(p)).toBeNull();
    const [day] = sessionDays(p);
    expect(day!.endAt - day!.startAt).toBe(3.5 * HOUR);
    expect(isoWithOffset(day!.endAt, BERLIN)).toBe('2027-01-01T01:30:00+01:00');
    // Half past midnight on New Year's Day is still the 31st's session: running, 60 minutes left.
    const now = utc('2026-12-31T23:30:00Z');
    expect(sessionAt(p, now)).toMatchObject({ phase: 'running', dayIndex: 0 });
    expect(sessionMinutesLeft(p, now)).toBe(60);
    expect(sessionAt(p, day!.endAt)?.phase).toBe('over');
  });

  it('several days (a congress): which day matters, running, paused between days, over after the last', () => {
    const p = plan({ date: '2026-10-24', endDate: '2026-10-26', startTime: '09:00', endTime: '17:00' });
    const days = sessionDays(p);
    expect(days.map((d) => d.date)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    // The 25th's 09:00 is +01:00, the 24th's +02:00: each day in its own offset.
    expect(days.map((d) => isoWithOffset(d.startAt, BERLIN))).toEqual([
      '2026-10-24T09:00:00+02:00',
      '2026-10-25T09:00:00+01:00',
      '2026-10-26T09:00:00+01:00',
    ]);
    const at = (iso: string) => sessionAt(p, Date.parse(iso));
    expect(at('2026-10-23T12:00:00+02:00')).toMatchObject({ phase: 'upcoming', dayIndex: 0, dayCount: 3 });
    expect(at('2026-10-24T12:00:00+02:00')).toMatchObject({ phase: 'running', dayIndex: 0 });
    expect(at('2026-10-24T20:00:00+02:00')).toMatchObject({ phase: 'paused', dayIndex: 0 });
    expect(at('2026-10-25T08:00:00+01:00')).toMatchObject({ phase: 'upcoming', dayIndex: 1 });
    expect(at('2026-10-26T16:59:00+01:00')).toMatchObject({ phase: 'running', dayIndex: 2 });
    expect(at('2026-10-26T17:00:00+01:00')).toMatchObject({ phase: 'over', dayIndex: 2 });
    expect(at('2026-11-02T12:00:00+01:00')).toMatchObject({ phase: 'over', dayIndex: 2 });
    // In the evening between days, anyone still waiting is past today's end.
    expect(sessionEndsAt(p, Date.parse('2026-10-24T20:00:00+02:00'))).toBe(days[0]!.endAt);
    expect(inSession(p, Date.parse('2026-10-25T10:00:00+01:00'))).toBe(true);
    expect(inSession(p, Date.parse('2026-10-25T18:00:00+01:00'))).toBe(false);
  });

  it('refuses what cannot be a session, with a code and the field', () => {
    expect(sessionProblem(plan({ endTime: '11:45' }))).toMatchObject({ code: 'session_same_times', path: 'endTime' });
    expect(sessionProblem(plan({ timeZone: 'Berlin' }))).toMatchObject({ code: 'session_bad_zone', path: 'timeZone' });
    expect(sessionProblem(plan({ endDate: '2026-08-25' }))).toMatchObject({ code: 'session_end_date_before_start' });
    expect(sessionProblem(plan({ endDate: '2026-09-26' }))).toMatchObject({ code: 'session_too_many_days', params: { max: 31 } });
    expect(sessionProblem(plan({ date: '2026-02-29' }))).toMatchObject({ code: 'session_bad_date', path: 'date' });
    expect(sessionProblem(plan({ startTime: '7:00' }))).toMatchObject({ code: 'session_bad_time', path: 'startTime' });
    expect(sessionDays(plan({ endTime: '11:45' }))).toEqual([]);
    expect(sessionEndsAt(plan({ endTime: '11:45' }), 0)).toBeNull();
    expect(sessionEndsAt(null, 0)).toBeNull();
  });

  it('after the session\'s day: extend it to today, or move it there', () => {
    const p = plan({ date: '2026-08-26' });
    expect(isAfterSession(p, '2026-08-26')).toBe(false);
    expect(isAfterSession(p, '2026-08-27')).toBe(true);
    const extended = extendSessionTo(p, '2026-08-27');
    expect(sessionDays(extended).map((d) => d.date)).toEqual(['2026-08-26', '2026-08-27']);
    const moved = moveSessionTo(plan({ endDate: '2026-08-27' }), '2026-09-01');
    expect(sessionDays(moved).map((d) => d.date)).toEqual(['2026-09-01', '2026-09-02']);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('two laptops, two zones, one session', () => {
  // The case: an event today ending 07:00 in Berlin, six waiting,
  // 20-minute turns, at 06:14 Berlin time.
  const event: SessionPlan = { date: '2026-11-30', startTime: '05:00', endTime: '07:00', timeZone: BERLIN };
  const now = utc('2026-11-30T05:14:00Z'); // 06:14 in Berlin, 00:14 in New York
  const queue: Person[] = Array.from({ length: 6 }, (_, i) => ({ id: `p${i}`, topics: [], partySize: 1, joinedAt: now, rank: i }));

  function onLaptop(tz: string) {
    process.env.TZ = tz;
    const sessionEnds = sessionEndsAt(event, now);
    const waits = estimateWaits({ now, nominalTurnMs: 20 * MIN, pastTurnDurationsMs: [], current: null, queue, sessionEndsAt: sessionEnds });
    return {
      // The laptop's own zone is really switched: its Date reads the wall clock differently.
      localHour: new Date(now).getHours(),
      minutesLeft: sessionMinutesLeft(event, now),
      notReached: waits.filter((w) => w.likelyNotReached).length,
      phase: sessionAt(event, now)?.phase,
    };
  }

  it('Berlin and New York laptops compute 46 minutes left and 4 people likely not reached', () => {
    // 20-minute turns in 46 minutes: the first two likely turns end at 20 and 40; the third would end at 60.
    const berlin = onLaptop(BERLIN);
    const newYork = onLaptop(NEW_YORK);
    expect(berlin.localHour).toBe(6);
    expect(newYork.localHour).toBe(0);
    expect(berlin).toMatchObject({ minutesLeft: 46, notReached: 4, phase: 'running' });
    expect(newYork).toMatchObject({ minutesLeft: 46, notReached: 4, phase: 'running' });
    // Within Tokyo's next calendar day, too.
    expect(onLaptop('Asia/Tokyo')).toMatchObject({ minutesLeft: 46, notReached: 4, phase: 'running' });
  });
});

describe('the event keeps its zone (core, with the zone injected by the clock)', () => {
  it('a new event takes the laptop zone unless the form names one; an update without a zone keeps it; the demo is dated in it', async () => {
    const { ManualClock } = await import('../../electron/core/clock.js');
    const { testCore, ok, EVENT } = await import('./helpers.js');
    // 23:30 UTC on 25 October is already the 26th in Tokyo.
    const clock = new ManualClock(utc('2026-10-25T23:30:00Z'), 'Asia/Tokyo');
    let { core } = testCore({ clock });
    ok(core.call('event.create', EVENT));
    expect(core.snapshot().event).toMatchObject({ timeZone: 'Asia/Tokyo', endDate: null });
    ok(core.call('event.update', { ...EVENT, timeZone: BERLIN, endDate: '2026-08-27' }));
    ok(core.call('event.update', { ...EVENT, place: 'Hall 2', endDate: '2026-08-27' }));
    expect(core.snapshot().event).toMatchObject({ timeZone: BERLIN, endDate: '2026-08-27', place: 'Hall 2' });
    core.close();
    ({ core } = testCore({ clock }));
    ok(core.call('event.createDemo', {}));
    expect(core.snapshot().event).toMatchObject({ timeZone: 'Asia/Tokyo', date: '2026-10-26' });
    core.close();
  });
});
