/**
 * The web host on the floor's network (electron/host/access.ts): an organiser
 * opens the printed link once; a browser without it (a stranger on the venue
 * Wi-Fi) gets only the refusal, in the seven languages; the code survives a
 * restart, so the organiser's open page carries on.
 */
import { startHostProcess } from '../support/host.js';
import { createEvent, expect, openApp, test } from './fixtures.js';

test('a stranger without the access link sees only the refusal; the organiser with it works, reloads and survives a restart', async ({ browser }) => {
  test.setTimeout(120_000);
  // --require-access asks for the code on loopback too, as any address beyond it always does.
  let host = await startHostProcess({ args: ['--require-access'] });
  try {
    expect(host.url).toMatch(/\/\?access=[A-Za-z0-9_-]{24}$/);
    const base = host.url.replace(/\?access=.*$/, '');

    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    const refused = await strangerPage.goto(base);
    expect(refused?.status()).toBe(401);
    await expect(strangerPage.getByText(/^This Tableside answers only the link printed where it was started/)).toBeVisible();
    await expect(strangerPage.locator('p[lang="de"]')).toContainText('Link');
    await expect(strangerPage.locator('p[lang="ar"]')).toHaveAttribute('dir', 'rtl');
    await expect(strangerPage.getByRole('button', { name: 'New event' })).toHaveCount(0);

    const organiser = await browser.newContext();
    const page = await organiser.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page, host.url);
    // The code is not left in the address bar (nor in the history a passer-by could read).
    expect(page.url()).toBe(base);
    await createEvent(page);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Drop-in coaching' })).toBeVisible();

    // The stranger still cannot call the API, even knowing where it is.
    const call = await strangerPage.request.post(`${base}api/rpc`, { data: { method: 'snapshot.get', args: {} } });
    expect(call.status()).toBe(401);

    // A restart keeps the code: the same link, and the open page reconnects by itself.
    await host.kill();
    const before = host.url;
    host = await startHostProcess({ dataDir: host.dataDir, port: host.port, args: ['--require-access'] });
    expect(host.url).toBe(before);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Drop-in coaching' })).toBeVisible();
    await stranger.close();
    await organiser.close();
  } finally {
    await host.kill();
  }
});
