/**
 * Participants' feedback (issue 15): a card on the coach's laptop, one on a
 * phone through the hub's listener (a second browser context), a reused and
 * an expired token refused, and the report's "What participants said".
 */
import type { Page } from '@playwright/test';
import { startHostProcess } from '../support/host.js';
import { advanceClock, becomeHub, expect, openApp, test } from './fixtures.js';

async function endATurn(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Start next/ }).click();
  await page.getByRole('button', { name: /^End turn/ }).click();
  await expect(page.getByRole('button', { name: 'Feedback card on this laptop' })).toBeVisible();
}

test('feedback cards on the laptop and on a phone; a reused or expired card refused; the report says what participants said', async ({ browser }) => {
  test.setTimeout(150_000);
  const host = await startHostProcess({ args: ['--sync-host', '127.0.0.1', '--sync-port', '0'] });
  try {
    const page = await (await browser.newContext()).newPage();
    await openApp(page, host.url);
    await page.getByRole('button', { name: 'Demo event' }).click();
    await becomeHub(page);
    await page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /^Table 1/ }).click();

    // On the laptop: a full-screen card that returns to the table by itself.
    await endATurn(page);
    await page.getByRole('button', { name: 'Feedback card on this laptop' }).click();
    const card = page.getByRole('dialog', { name: 'How was your conversation?' });
    // The participant holds the laptop: the table behind (its private note) is out of reach of Tab.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      // Past the card's last control focus leaves the page (the body), as a modal dialog does; never the table.
      const where = await page.evaluate(() => {
        const a = document.activeElement;
        return !a || a === document.body ? 'nothing' : a.closest('dialog[open]') ? 'card' : `${a.tagName} ${a.getAttribute('aria-label') ?? a.textContent ?? ''}`;
      });
      expect(['card', 'nothing']).toContain(where);
    }
    await card.getByText('Useful', { exact: true }).click();
    await card.getByLabel('I would like a mentoring follow-up').check();
    await card.getByLabel('Anything you would like to add? (optional)').fill('Clear next steps');
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: test.info().outputPath('feedback-laptop-1024.png') });
    await card.getByRole('button', { name: 'Send' }).click();
    await expect(card.getByRole('status')).toHaveText('Thank you! Your answer was received.');
    await expect(card).toBeHidden({ timeout: 10_000 });

    // On a phone: the QR code's address, opened in another browser context.
    await endATurn(page);
    await page.getByRole('button', { name: 'Feedback by phone (QR code)' }).click();
    const code = page.getByRole('dialog', { name: 'Feedback on a phone' });
    await expect(code.getByRole('img', { name: 'QR code to the feedback card' })).toBeVisible();
    const url = (await code.getByRole('link').getAttribute('href')) ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/feedback#t=v1\./);
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await phone.goto(url);
    await expect(phone.getByRole('heading', { name: 'How was your conversation?' })).toBeVisible();
    await expect(phone.getByText('Plan test')).toHaveCount(0);
    await phone.screenshot({ path: test.info().outputPath('feedback-phone-390.png') });
    await phone.getByText('Very useful', { exact: true }).click();
    await phone.getByLabel('Anything you would like to add? (optional)').fill('Great');
    await phone.getByRole('button', { name: 'Send' }).click();
    await expect(phone.getByRole('status')).toHaveText('Thank you! Your answer was received.');
    await code.getByRole('button', { name: 'Back to the table' }).click();

    // The same card again: refused.
    const again = await (await browser.newContext()).newPage();
    await again.goto(url);
    await again.getByText('Not useful', { exact: true }).click();
    await again.getByRole('button', { name: 'Send' }).click();
    await expect(again.getByRole('alert')).toHaveText('This card has already been answered. Thank you!');

    // A card not answered in time: refused as expired.
    await page.getByRole('button', { name: 'Feedback by phone (QR code)' }).click();
    const late = (await code.getByRole('link').getAttribute('href')) ?? '';
    expect(late).not.toBe(url);
    await code.getByRole('button', { name: 'Back to the table' }).click();
    await advanceClock(page, host, 6 * 60_000);
    const later = await (await browser.newContext()).newPage();
    await later.goto(late);
    await later.getByText('Somewhat', { exact: true }).click();
    await later.getByRole('button', { name: 'Send' }).click();
    await expect(later.getByRole('alert')).toHaveText('This card has expired. Ask the coach for a new code.');

    // The report: both cards, and no more.
    await page.getByRole('button', { name: 'Export and report' }).click();
    await page.getByRole('button', { name: 'Open the report' }).click();
    const said = page.getByRole('region', { name: 'What participants said' });
    await expect(said).toContainText('Feedback cards answered2');
    await expect(said).toContainText('1 on a coach\'s laptop, 1 on a phone');
    await expect(said).toContainText('4.5');
    // Counted, not quoted: the report follows the anonymised export's rule (no participant's words).
    await expect(said.getByRole('heading', { name: '2 comments' })).toBeVisible();
    await expect(said).not.toContainText('Clear next steps');
    await expect(said.getByRole('list', { name: '2 comments' })).toHaveCount(0);
  } finally {
    await host.kill('SIGTERM');
  }
});
