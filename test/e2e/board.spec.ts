/**
 * The queue board as the floor's big screen: every table on a 1080p screen
 * and on a phone, on one page or paged; wait figures of at least 40 px; the
 * ticket being served, never a name; "try table N" from the one estimate;
 * and the board changing on push when the floor changes.
 */
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { allOfTomorrow, expect, test } from './fixtures.js';

const NAMES = ['Lucía Fernández', 'Kenji Watanabe', 'Ana Souza', 'Amara Okafor'];

async function rpc<T>(request: APIRequestContext, base: string, method: string, args: unknown): Promise<T> {
  const res = await request.post(`${base}api/rpc`, { data: { method, args } });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

/**
 * What of a card's waits is cut: the wait lines must lie whole inside the card (above its padding's
 * bottom edge, each line as wide as its text). Empty when nothing is cut.
 */
async function cutWaits(card: Locator): Promise<string[]> {
  return card.evaluate((li) => {
    const cut: string[] = [];
    for (const line of Array.from(li.querySelectorAll<HTMLElement>('.board-waits .wait'))) {
      const r = line.getBoundingClientRect();
      const text = line.textContent ?? '';
      if (line.scrollWidth > line.clientWidth + 1) cut.push(`"${text}" ${line.clientWidth} of ${line.scrollWidth} px wide`);
      // Every box between the line and the card that clips (overflow not visible) holds the whole line.
      for (let box: HTMLElement | null = line.parentElement; box; box = box === li ? null : box.parentElement) {
        if (getComputedStyle(box).overflowY === 'visible') continue;
        const style = getComputedStyle(box);
        const b = box.getBoundingClientRect();
        const top = b.top + parseFloat(style.borderTopWidth) - 1;
        const bottom = b.bottom - parseFloat(style.borderBottomWidth) - (box === li ? parseFloat(style.paddingBottom) : 0) + 1;
        if (r.top < top || r.bottom > bottom) cut.push(`"${text}" at y ${Math.round(r.top)}–${Math.round(r.bottom)}, shown ${Math.round(top)}–${Math.round(bottom)} (${box.className})`);
      }
    }
    return cut;
  });
}

/** Every table's name, page by page, and each page's smallest wait figure in px. */
async function readAllPages(page: Page): Promise<{ names: string[]; smallestFigurePx: number; pages: number }> {
  const list = page.getByRole('list', { name: 'Tables' });
  const status = page.getByRole('navigation', { name: 'Pages' }).getByRole('status');
  const shownText = (await status.count()) > 0 ? ((await status.textContent()) ?? '') : 'Page 1 of 1';
  const [, first, count] = /Page (\d+) of (\d+)/.exec(shownText) ?? ['', '1', '1'];
  const pages = Number(count);
  const names: string[] = [];
  let smallestFigurePx = Infinity;
  // From the page shown now, once round (the last page's Next comes back to the first).
  for (let p = 0; p < pages; p++) {
    if (p > 0) {
      await page.getByRole('button', { name: 'Next page' }).click();
      await expect(status).toHaveText(`Page ${((Number(first) - 1 + p) % pages) + 1} of ${pages}`);
    }
    const items = list.getByRole('listitem');
    for (const item of await items.all()) {
      names.push((await item.getAttribute('aria-label')) ?? '');
      // Each card lies wholly on the screen.
      const box = await item.boundingBox();
      const viewport = page.viewportSize()!;
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width + 0.5);
      expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height + 0.5);
      // Its waits whole (on a 1024×768 projector the second language's line was clipped, at 1024×700 "try table N").
      expect(await cutWaits(item), `${await item.getAttribute('aria-label')} at ${viewport.width}×${viewport.height}`).toEqual([]);
    }
    const sizes = await list.locator('.board-waits > .wait').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
    smallestFigurePx = Math.min(smallestFigurePx, ...sizes);
  }
  return { names, smallestFigurePx, pages };
}

test('the board fills a 1080p screen and a phone, pages when the tables do not fit, shows tickets and no names', async ({ host, browser, page }) => {
  test.setTimeout(120_000);
  const base = host.url;
  const session = allOfTomorrow();
  await rpc(page.request, base, 'event.create', { name: 'WLIC drop-in coaching', date: session.date, startTime: session.start, endTime: session.end, place: 'Hall 1' });
  const languages = ['en', 'fr', 'es', 'de'];
  const tableIds: string[] = [];
  for (let i = 1; i <= 20; i++) {
    const { tableId } = await rpc<{ tableId: string }>(page.request, base, 'table.create', {
      name: `Table ${i}`,
      coaches: [`Coach ${i}`],
      topics: [],
      languages: [languages[i % languages.length]!],
      // Table 1's turns are two hours long, so its queue outlasts any session.
      turnMinutes: i === 1 ? 120 : 20,
    });
    tableIds.push(tableId);
  }
  // Table 1: forty people waiting, so someone joining now would not be reached before tomorrow ends.
  for (let k = 0; k < 40; k++) {
    await rpc(page.request, base, 'walkin.add', { tableId: tableIds[0]!, name: NAMES[k % NAMES.length], topics: [], partySize: 1 });
  }
  // Table 2: two waiting and one in a turn.
  for (const name of NAMES.slice(0, 3)) await rpc(page.request, base, 'walkin.add', { tableId: tableIds[1]!, name, topics: [], partySize: 1 });
  await rpc(page.request, base, 'turn.start', { tableId: tableIds[1]! });

  // A 1080p screen across the hall.
  const big = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await big.goto(`${base}board`);
  const list = big.getByRole('list', { name: 'Tables' });
  await expect(list.getByRole('listitem', { name: 'Table 2', exact: true })).toContainText('Now serving: ticket 1');
  await expect(list.getByRole('listitem', { name: 'Table 1', exact: true })).toContainText("Won't be reached here — try table");
  await expect(big.getByLabel('Languages')).toContainText('français');
  await big.screenshot({ path: test.info().outputPath('board-1080p.png') });
  const wide = await readAllPages(big);
  expect(wide.names.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `Table ${i + 1}`).sort());
  expect(wide.pages).toBe(2);
  expect(wide.smallestFigurePx).toBeGreaterThanOrEqual(40);
  // The cards fill the screen: the grid reaches most of the way down.
  const grid = await list.boundingBox();
  expect(grid!.height).toBeGreaterThan(1080 * 0.8);
  for (const name of NAMES) await expect(big.locator('body')).not.toContainText(name);

  // The board changes on push: a walk-in at table 3 shows without a reload.
  const three = list.getByRole('listitem', { name: 'Table 3', exact: true });
  await big.getByRole('button', { name: 'Previous page' }).click();
  await expect(three).toContainText('0 people waiting');
  await rpc(page.request, base, 'walkin.add', { tableId: tableIds[2]!, name: 'Kenji Watanabe', topics: [], partySize: 1 });
  await expect(three).toContainText('1 person waiting', { timeout: 2000 });

  // A laptop's screen or a projector: still every table over the pages, figures still 40 px, no wait cut.
  for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }, { width: 1024, height: 768 }, { width: 1280, height: 720 }, { width: 1366, height: 768 }]) {
    await big.setViewportSize(size);
    await expect(list.getByRole('listitem').first()).toBeVisible();
    await big.screenshot({ path: test.info().outputPath(`board-${size.width}x${size.height}.png`) });
    const seen = await readAllPages(big);
    expect(seen.names.sort()).toEqual(wide.names.sort());
    expect(seen.smallestFigurePx).toBeGreaterThanOrEqual(40);
  }

  // A phone on the floor: one column of every table, scrolled by hand (no pages); each card's wait whole
  // (squeezed onto pages, the waits were 0 px tall on every card).
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await phone.goto(`${base}board`);
  const column = phone.getByRole('list', { name: 'Tables' });
  await expect(column.getByRole('listitem').first()).toBeVisible();
  await phone.screenshot({ path: test.info().outputPath('board-phone.png') });
  await expect(phone.getByRole('navigation', { name: 'Pages' })).toHaveCount(0);
  const cards = await column.getByRole('listitem').all();
  expect((await Promise.all(cards.map((c) => c.getAttribute('aria-label')))).sort()).toEqual(wide.names.sort());
  for (const card of cards) {
    const name = (await card.getAttribute('aria-label')) ?? '';
    const box = (await card.boundingBox())!;
    expect(box.x, name).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, name).toBeLessThanOrEqual(390.5);
    expect(await cutWaits(card), name).toEqual([]);
    const waits = card.locator('.board-waits');
    expect((await waits.boundingBox())!.height, name).toBeGreaterThan(40);
    const sizes = await waits.locator(':scope > .wait').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
    expect(Math.min(...sizes), name).toBeGreaterThanOrEqual(40);
  }
  await column.getByRole('listitem', { name: 'Table 1', exact: true }).scrollIntoViewIfNeeded();
  await expect(column.getByRole('listitem', { name: 'Table 1', exact: true }).getByText(/Won't be reached here — try table \d+/)).toBeInViewport({ ratio: 1 });
  await phone.getByText('Now serving: ticket 1').scrollIntoViewIfNeeded();
  await phone.screenshot({ path: test.info().outputPath('board-phone-scrolled.png') });
  for (const name of NAMES) await expect(phone.locator('body')).not.toContainText(name);
});
