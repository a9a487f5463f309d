/**
 * Long unbroken text (issue 12): an 80-character name with no spaces, a long
 * coach name and a long topic wrap wherever they are shown, so the table
 * screen stays within the window at 1280 and 1024 px wide.
 */
import { addWalkIn, createEvent, createTable, expect, openApp, spilledText, test } from './fixtures.js';

const LONG_NAME = 'Maximiliana'.repeat(8).slice(0, 80);
const LONG_COACH = 'Bartholomew-Fitzgerald-Montgomery-Wolfeschlegelsteinhausen';
const LONG_TOPIC = 'Interdisciplinarydigitalhumanitiesinfrastructure';

for (const [width, height] of [
  [1280, 800],
  [1024, 700],
] as const) {
  test(`the table screen stays within ${width} px with an 80-character name without spaces`, async ({ page, host }) => {
    await page.setViewportSize({ width, height });
    await openApp(page, host.url);
    await createEvent(page);
    await createTable(page, { coaches: LONG_COACH, topics: [], newTopics: [LONG_TOPIC] });
    await addWalkIn(page, { name: LONG_NAME, topics: [LONG_TOPIC] });
    await addWalkIn(page, { name: 'Ana' });
    await expect(page.getByText(LONG_NAME).first()).toBeVisible();
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    expect(widths.body).toBeLessThanOrEqual(widths.inner);
    // No element shows past the window's right edge (left in a right-to-left page). What an
    // ancestor clips (overflow other than visible, e.g. a row's topics ending in an ellipsis)
    // is not shown, so each box is first cut to its clipping ancestors.
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          let left = r.left;
          let right = r.right;
          for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX === 'visible') continue;
            const c = a.getBoundingClientRect();
            left = Math.max(left, c.left);
            right = Math.min(right, c.right);
          }
          return r.width > 0 && right > left && (right > window.innerWidth + 1 || left < -1);
        })
        .map((el) => `${el.tagName}.${el.className}`)
        .slice(0, 5),
    );
    expect(overflowing).toEqual([]);
    // Nor does the long name, coach or topic stick out of its own box (a card, a button, a row).
    expect(await spilledText(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`long-name-${width}.png`), fullPage: true });
  });
}
