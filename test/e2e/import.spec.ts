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

test('an exported event opens in an empty Tableside; a damaged file is refused and changes nothing', async ({ page, host }) => {
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

    await open.setInputFiles({ name: 'event.tableside', mimeType: 'application/json', buffer: content });
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
