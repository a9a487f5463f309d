/** An event exported as JSON opens in an empty Tableside, from the welcome screen. */
import type { Page } from '@playwright/test';
import { startHostProcess } from '../support/host.js';
import { expect, openApp, test } from './fixtures.js';

async function rpc<T>(page: Page, url: string, method: string, args: unknown): Promise<T> {
  const res = await page.request.post(`${url}api/rpc`, { data: { method, args } });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

test('an exported event opens in an empty Tableside, in UTF-8 or UTF-16; a damaged or non-Unicode file is refused and changes nothing', async ({ page, host }) => {
  // Laptop A: the demo event, exported as the complete log.
  await openApp(page, host.url);
  await page.getByRole('button', { name: 'Demo event' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /WLIC 2018 demo/ })).toBeVisible();
  const { exportId } = await rpc<{ exportId: string }>(page, host.url, 'export.start', { format: 'json', privacy: 'full' });
  await expect.poll(async () => (await rpc<{ state: string }>(page, host.url, 'export.status', { exportId })).state).toBe('done');
  const file = await page.request.get(`${host.url}api/exports/${exportId}/0`);
  expect(file.ok()).toBe(true);
  const content = await file.body();

  // Laptop B, empty: a damaged file first, then the real one.
  const empty = await startHostProcess();
  try {
    await openApp(page, empty.url);
    const open = page.getByLabel('Open an exported event (.tableside)');
    await open.setInputFiles({ name: 'broken.tableside', mimeType: 'application/json', buffer: Buffer.from('{"format": "nope"}') });
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Welcome to Tableside' })).toBeVisible();

    // Not UTF-8 (Windows-1252 "é"): refused with words that say how to save it, never read as Latin-1.
    await open.setInputFiles({ name: 'latin.tableside', mimeType: 'application/json', buffer: Buffer.from('{"format": "caf\xe9"}', 'latin1') });
    await expect(page.getByRole('alert')).toContainText('not saved as UTF-8 or UTF-16');
    await expect(page.getByRole('heading', { name: 'Welcome to Tableside' })).toBeVisible();

    // The real file as Notepad's "Unicode" saves it (UTF-16 LE with its byte order mark): read as such.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(content.toString('utf8'), 'utf16le')]);
    await open.setInputFiles({ name: 'event.tableside', mimeType: 'application/json', buffer: utf16 });
    await expect(page.getByRole('heading', { level: 1, name: /WLIC 2018 demo/ })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Tables' });
    await expect(nav.getByRole('button', { name: /^Table \d/ })).toHaveCount(4);
    await expect(page.getByText('Next: Lucía Fernández')).toBeVisible();

    // It was committed: a reload shows the same.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
    await expect(nav.getByRole('button', { name: /^Table \d/ })).toHaveCount(4);
  } finally {
    await empty.kill('SIGTERM');
  }
});
