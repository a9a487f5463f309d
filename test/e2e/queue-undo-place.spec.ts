/**
 * In a long (virtualised) queue (issue 13): the Undo of a no-show marked near
 * the bottom stands where that person stood, inside the window, not far
 * above; the keyboard goes through the rows in queue order; and while a turn
 * runs and nobody touches the screen, its ticks redraw the countdown alone.
 */
import type { Page } from '@playwright/test';
import { allOfTomorrow, createEvent, createTable, entryAction, expect, openApp, queueItems, test } from './fixtures.js';

test.describe.configure({ timeout: 120_000 });

const NAMES = Array.from({ length: 40 }, (_, i) => `Person ${String(i + 1).padStart(2, '0')}`);

async function rpc(page: Page, url: string, method: string, args: unknown): Promise<unknown> {
  const response = await page.request.post(`${url}api/rpc`, { data: { method, args } });
  const body = (await response.json()) as { ok: boolean; value: unknown };
  expect(body.ok).toBe(true);
  return body.value;
}

test.beforeEach(async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, host.url);
  await createEvent(page, { name: 'Drop-in coaching', ...allOfTomorrow(), place: 'Hall 1/2' });
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: ['Careers'] });
  const { tables } = (await rpc(page, host.url, 'snapshot.get', {})) as { tables: { id: string }[] };
  for (const name of NAMES) await rpc(page, host.url, 'walkin.add', { tableId: tables[0]!.id, name, topics: [], partySize: 1 });
  await expect(page.getByRole('heading', { name: `Waiting (${NAMES.length})` })).toBeVisible();
});

test('the Undo of a no-show near the bottom stands where the person stood, inside the window', async ({ page }) => {
  const who = NAMES[37]!;
  // The list is virtualised (the rows near its visible part are in the page): scroll to the end, as a coach would.
  await page.getByRole('list', { name: 'Queue, in order of arrival' }).hover();
  await page.mouse.wheel(0, 40 * 100);
  const row = page.getByRole('listitem', { name: `38. ${who}`, exact: true });
  await row.scrollIntoViewIfNeeded();
  const rowBox = (await row.boundingBox())!;
  await (await entryAction(page, who, `${who} did not show`)).click();
  const undo = page.getByRole('status').filter({ hasText: `${who} marked as a no-show.` });
  await expect(undo).toBeVisible();
  const box = (await undo.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  // Where the row was (within one row's height), not thousands of pixels above.
  expect(Math.abs(box.y - rowBox.y)).toBeLessThan(rowBox.height + 20);
  await undo.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('listitem', { name: `38. ${who}`, exact: true })).toBeVisible();
});

test('Tab goes through the queue rows in queue order', async ({ page }) => {
  await page.getByRole('button', { name: 'Start turn with Person 01' }).click();
  await expect(page.getByRole('timer')).toBeVisible();
  await page.getByRole('button', { name: 'More for Person 02', exact: true }).focus();
  const seen: string[] = [];
  for (let i = 0; i < 12; i++) {
    seen.push((await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')) || '');
    await page.keyboard.press('Tab');
  }
  const more = seen.filter((s) => s.startsWith('More for '));
  expect(more).toEqual(NAMES.slice(1, 1 + more.length).map((n) => `More for ${n}`));
  expect(more.length).toBeGreaterThanOrEqual(6);
  await expect(queueItems(page).first()).toHaveAttribute('aria-posinset', '1');
});

/**
 * Records, in the page, each React commit and the components it drew, through
 * the hook React offers its developer tools (also in a production build). A
 * component counts as drawn when React ran it in that commit (its fiber is
 * new in this commit and flagged PerformedWork); it is named by the first
 * element it draws (tag and classes), and `inCountdown` says whether that
 * element is the countdown or inside it.
 */
function recordCommits(): void {
  type Fiber = {
    tag: number;
    flags: number;
    child: Fiber | null;
    sibling: Fiber | null;
    alternate: Fiber | null;
    stateNode: unknown;
  };
  const commits: { at: number; drawn: { element: string; inCountdown: boolean }[] }[] = [];
  (window as unknown as { __commits: typeof commits }).__commits = commits;
  // Function, class, forwardRef, memo and simple memo components.
  const COMPOSITE = new Set([0, 1, 11, 14, 15]);
  const firstElement = (fiber: Fiber): Element | null => {
    for (let f: Fiber | null = fiber.child; f; f = f.child) if (f.tag === 5) return f.stateNode as Element;
    return null;
  };
  const walk = (fiber: Fiber, drawn: { element: string; inCountdown: boolean }[]) => {
    const before = fiber.alternate;
    if (COMPOSITE.has(fiber.tag) && (before === null || (fiber.flags & 1) === 1)) {
      const el = firstElement(fiber);
      drawn.push({
        element: el ? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}` : '(nothing)',
        inCountdown: el?.closest('.countdown') !== null && el !== null,
      });
    }
    // Its children were reconciled in this commit only if they are new objects.
    if (before === null || fiber.child !== before.child) {
      for (let c = fiber.child; c; c = c.sibling) walk(c, drawn);
    }
  };
  (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onScheduleFiberRoot: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: (_id: number, root: { current: Fiber }) => {
      const drawn: { element: string; inCountdown: boolean }[] = [];
      walk(root.current, drawn);
      commits.push({ at: performance.now(), drawn });
    },
  };
}

test('while a turn runs and nobody touches the screen, a tick redraws the countdown and nothing else', async ({ page }) => {
  await page.addInitScript(recordCommits);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await page.getByRole('button', { name: 'Start turn with Person 01' }).click();
  const digits = page.getByTestId('countdown');
  await expect(digits).toHaveText(/^\d+:\d\d$/);
  // Settled: the turn's own redraws are done once the countdown has ticked.
  const first = await digits.textContent();
  await expect(digits).not.toHaveText(first!);
  const shown = await digits.textContent();
  const since = await page.evaluate(() => performance.now());
  await page.waitForTimeout(3000); // the window is what is measured: three ticks of the countdown
  const commits = await page.evaluate(
    (t) => (window as unknown as { __commits: { at: number; drawn: { element: string; inCountdown: boolean }[] }[] }).__commits.filter((c) => c.at > t),
    since,
  );
  // It did tick (three times in three seconds, give or take one).
  await expect(digits).not.toHaveText(shown!);
  const ticks = commits.filter((c) => c.drawn.some((d) => d.inCountdown));
  expect(ticks.length).toBeGreaterThanOrEqual(2);
  // At most once a second, and nothing but the countdown drew: not the turn panel, the note or the queue.
  // (One commit may redraw the waits: the screen's "now" moves every 15 s.)
  expect(commits.length).toBeLessThanOrEqual(4);
  const others = commits.filter((c) => c.drawn.some((d) => !d.inCountdown));
  test.info().annotations.push({
    type: 'commits in 3 s',
    description: commits.map((c) => c.drawn.map((d) => d.element).join(' ')).join(' | '),
  });
  expect(others.length, others.map((c) => c.drawn.filter((d) => !d.inCountdown).map((d) => d.element).join(', ')).join(' | ')).toBeLessThanOrEqual(1);
  expect(ticks.every((c) => c.drawn.length <= 2)).toBe(true);
});
