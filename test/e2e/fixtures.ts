/**
 * Fixtures for the web suite: every test gets its own web host process and
 * data folder (like `npm run serve -- --data-dir DIR`), and waits for the
 * app's own readiness signal rather than a fixed sleep.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host.js';

export { expect };

/**
 * One spare web host per Playwright worker, started while the worker's
 * previous test runs: a test still gets a host of its own (a new process on a
 * new, empty data folder, started with the defaults), only without waiting
 * for it to start. Each host taken starts the next spare.
 */
class SpareHosts {
  private spare: Promise<HostProcess> | null = null;

  /** A fresh host (the spare if one was started), and the next spare on its way. */
  take(): Promise<HostProcess> {
    const host = this.spare ?? startHostProcess();
    // Started once the one taken is up, so the two do not start at once (a worker's first test).
    this.spare = host.then(
      () => startHostProcess(),
      () => startHostProcess(),
    );
    // A spare that fails to start fails the test that takes it, not the worker in between.
    this.spare.catch(() => undefined);
    return host;
  }

  /** Stop the spare not taken (at the worker's end). */
  async close(): Promise<void> {
    const spare = this.spare;
    this.spare = null;
    const host = await spare?.catch(() => null);
    await host?.kill('SIGTERM');
  }
}

export const test = base.extend<{ host: HostProcess }, { spareHosts: SpareHosts }>({
  spareHosts: [
    // Playwright reads the fixture's dependencies from this (empty) pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const hosts = new SpareHosts();
      await use(hosts);
      await hosts.close();
    },
    { scope: 'worker' },
  ],
  host: async ({ spareHosts }, use) => {
    const host = await spareHosts.take();
    await use(host);
    await host.kill('SIGTERM');
  },
});

/**
 * Start several laptops (each its own host and page) at once rather than one
 * after another: a test with three laptops waits for one start-up, not three.
 * Each host is added to `hosts` as soon as it is up (the test's `finally`
 * stops them), also when another fails to start, whose error is thrown.
 */
export async function startLaptops<T extends readonly Promise<{ host: HostProcess }>[]>(
  hosts: HostProcess[],
  starts: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(starts);
  for (const s of settled) if (s.status === 'fulfilled') hosts.push(s.value.host);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<{ host: HostProcess }>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

/** Count the chimes the page plays (each chime starts Web Audio oscillators). */
export async function countChimes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __oscillators: number };
    w.__oscillators = 0;
    const original = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.__oscillators += 1;
      return original.call(this);
    };
  });
}

export async function oscillatorsStarted(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __oscillators: number }).__oscillators);
}

/** Today's date on this machine (the host's and the browser's), as the event form takes it. */
export function today(): string {
  return isoDate(new Date());
}

/**
 * A session no queue in a test can outlast, whatever the time of day the
 * test runs: all of tomorrow. (Today from 00:00 to 23:59 ends within the
 * hour of a late-evening run, and then the queue's later people are,
 * rightly, "likely not reached".)
 */
export function allOfTomorrow(): { date: string; start: string; end: string } {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return { date: isoDate(d), start: '00:00', end: '23:59' };
}

function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
}

/** Move the host's clock forward, as if the laptop had slept (test hosts only). */
export async function advanceClock(page: Page, host: HostProcess, ms: number): Promise<void> {
  const response = await page.request.post(`${host.url}__test__/clock/advance?ms=${ms}`);
  expect(response.ok()).toBe(true);
}

/** How far the host's test clock has been moved, to start a replacement host at the same time. */
export async function clockOffset(page: Page, host: HostProcess): Promise<number> {
  const response = await page.request.get(`${host.url}__test__/clock`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { value: { offsetMs: number } }).value.offsetMs;
}

export async function createEvent(
  page: Page,
  fields = { name: 'Drop-in coaching', date: '2026-08-26', start: '11:45', end: '13:30', place: 'Hall 1/2' },
): Promise<void> {
  await page.getByRole('button', { name: 'New event' }).click();
  await page.getByLabel('Session name').fill(fields.name);
  await page.getByLabel('Date').fill(fields.date);
  await page.getByLabel('Starts at').fill(fields.start);
  await page.getByLabel('Ends at').fill(fields.end);
  await page.getByLabel('Place').fill(fields.place);
  await page.getByRole('button', { name: 'Create event' }).click();
  await expect(page.getByRole('heading', { level: 1, name: fields.name })).toBeVisible();
}

/** A language's name in English, as the UI names it (Intl.DisplayNames). */
export function englishName(tag: string): string {
  return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
}

export async function createTable(
  page: Page,
  /** `languages`: BCP 47 tags, ticked in this order (the first the main one) in place of the default English. */
  table: { coaches: string; topics: string[]; newTopics?: string[]; languages?: string[]; minutes?: number; name?: string },
): Promise<void> {
  const form = page.getByRole('form', { name: 'Table details' });
  if (table.name) await form.getByLabel('Table name').fill(table.name);
  await form.getByLabel('Coaches').fill(table.coaches);
  for (const topic of table.newTopics ?? []) {
    await form.getByLabel('New topic').fill(topic);
    await form.getByRole('button', { name: 'Add topic' }).click();
    await expect(form.getByRole('checkbox', { name: topic })).toBeChecked();
  }
  for (const topic of table.topics) await form.getByRole('checkbox', { name: topic }).check();
  if (table.languages) {
    const offered = form.getByRole('group', { name: 'Languages offered' });
    await offered.getByRole('checkbox', { name: 'English', exact: true }).uncheck();
    for (const tag of table.languages) {
      const box = offered.getByRole('checkbox', { name: englishName(tag), exact: true });
      if ((await box.count()) === 0) {
        await offered.getByLabel('Another language').fill(tag);
        await offered.getByRole('button', { name: 'Add language' }).click();
      }
      await box.check();
    }
  }
  if (table.minutes !== undefined) await form.getByLabel('Turn length (minutes)').fill(String(table.minutes));
  await form.getByRole('button', { name: 'Create table' }).click();
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(table.coaches.split(',')[0]!.trim()) })).toBeVisible();
}

export async function addWalkIn(
  page: Page,
  /** `speaks`: BCP 47 tags among the languages the event's tables offer. */
  walkIn: { name?: string; topics?: string[]; partySize?: number; speaks?: string[] },
): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a walk-in' });
  await form.getByLabel('Name').fill(walkIn.name ?? '');
  for (const topic of walkIn.topics ?? []) await form.getByRole('checkbox', { name: topic }).check();
  for (const tag of walkIn.speaks ?? []) await form.getByRole('group', { name: 'Speaks' }).getByRole('checkbox', { name: englishName(tag), exact: true }).check();
  await form.getByLabel('Party size').fill(String(walkIn.partySize ?? 1));
  // Wait for this person's confirmation, not the previous one's.
  const status = form.getByRole('status');
  const before = (await status.count()) > 0 ? await status.textContent() : null;
  await form.getByRole('button', { name: 'Add walk-in' }).click();
  if (walkIn.name) await expect(status).toHaveText(`${walkIn.name} is in the queue.`);
  else await expect(status).toHaveText(before ? new RegExp(`^(?!${escapeRegExp(before)}$)Ticket \\d+ is in the queue\\.$`) : /^Ticket \d+ is in the queue\.$/);
}

export function queueItems(page: Page) {
  return page.getByRole('list', { name: 'Queue, in order of arrival' }).getByRole('listitem').filter({
    has: page.getByRole('button', { name: /^More for / }),
  });
}

/**
 * One of the rarer actions on someone in the queue (move, step away, no-show,
 * remove), which sit behind the row's "More" menu: opens it if it is closed.
 */
export async function entryAction(page: Page, who: string, name: string): Promise<Locator> {
  const more = page.getByRole('button', { name: `More for ${who}`, exact: true });
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  return page.getByRole('button', { name, exact: true });
}

/** The countdown's digits as shown, e.g. "14:59" or "+1:05". */
export async function countdownText(page: Page): Promise<string> {
  return (await page.getByRole('timer').getByTestId('countdown').textContent()) ?? '';
}

export function secondsOf(text: string): number {
  const m = /^(\+?)(\d+):(\d{2})$/.exec(text.trim());
  if (!m) throw new Error(`Not a countdown: ${text}`);
  const s = Number(m[2]) * 60 + Number(m[3]);
  return m[1] ? -s : s;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Sharing between laptops → Make this laptop the hub: its event code, and the first address it listens at. */
export async function becomeHub(page: Page, options: { takeoverFrom?: string } = {}): Promise<{ code: string; address: string }> {
  await page.getByRole('button', { name: 'Sharing between laptops' }).click();
  await page.getByRole('button', { name: 'Make this laptop the hub' }).click();
  if (options.takeoverFrom) {
    // One hub per event: the hub answered recently, so this is refused, naming it, until taken over explicitly.
    await expect(page.getByRole('alert')).toContainText(`The hub at ${options.takeoverFrom} answered`);
    await page.getByRole('button', { name: 'Take over as the hub' }).click();
  }
  const shown = page.getByLabel('Event code', { exact: true });
  await expect(shown).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const code = ((await shown.textContent()) ?? '').trim();
  const address = ((await page.getByRole('list', { name: 'Addresses of this hub' }).getByRole('listitem').first().textContent()) ?? '').trim();
  return { code, address };
}

/** Join an event by typing its code and the hub's address (the outcome is for the caller to check). */
export async function joinByCode(page: Page, code: string, address: string): Promise<void> {
  await page.getByRole('button', { name: 'Join an event' }).click();
  const form = page.getByRole('form', { name: 'Join an event' });
  await form.getByLabel('Event code', { exact: true }).fill(code);
  await form.getByLabel('Hub address').fill(address);
  await form.getByRole('button', { name: 'Join', exact: true }).click();
}

/**
 * Elements whose content spills out of their own box sideways (a long word
 * that did not break: a name, a topic, a German or Russian UI word), up to
 * `max`, as "tag.class: text". What is clipped on purpose (an ancestor or
 * the element itself with overflow other than visible, e.g. a queue row's
 * ellipsis) and inline boxes (no width of their own) are not counted.
 */
export async function spilledText(page: Page, max = 8): Promise<string[]> {
  return page.evaluate((limit) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (out.length >= limit) break;
      if (el.clientWidth === 0 || el.getClientRects().length === 0) continue;
      if (el.closest('svg, canvas, [aria-hidden="true"]')) continue;
      if (el.scrollWidth <= el.clientWidth + 1) continue;
      let clipped = false;
      for (let a: HTMLElement | null = el; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') {
          clipped = true;
          break;
        }
      }
      if (clipped) continue;
      out.push(`${el.tagName.toLowerCase()}.${String(el.className)}: ${(el.textContent ?? '').trim().slice(0, 60)}`);
    }
    return out;
  }, max);
}
