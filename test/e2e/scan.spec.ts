/**
 * Joining by the hub's QR code, with a camera. Chromium's fake camera plays
 * a video file: the test takes the QR code exactly as the hub's page shows
 * it, films it (a Y4M file), and the coach's laptop scans it from that
 * camera. Also: a QR code that is not Tableside's, and a laptop with no
 * camera, where the coach is told to type the code instead.
 */
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { chromiumExecutable, CHROMIUM_ARGS } from '../support/chromium.js';
import { startHostProcess, type HostProcess } from '../support/host.js';
import { becomeHub, createEvent, expect, openApp, test, today } from './fixtures.js';

const WIDTH = 640;
const HEIGHT = 480;
const SIDE = 400;

/** A grey picture (0–255 per pixel, SIDE x SIDE) filmed for a few frames, as a Y4M video. */
function film(pixels: Uint8Array, file: string): void {
  const y = new Uint8Array(WIDTH * HEIGHT).fill(235);
  const left = (WIDTH - SIDE) / 2;
  const top = (HEIGHT - SIDE) / 2;
  for (let row = 0; row < SIDE; row++) {
    for (let col = 0; col < SIDE; col++) y[(top + row) * WIDTH + left + col] = pixels[row * SIDE + col]!;
  }
  const chroma = new Uint8Array((WIDTH / 2) * (HEIGHT / 2)).fill(128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]));
}

/** The hub's QR code as its page draws it, read back as grey pixels. */
async function hubQrPixels(page: Page): Promise<Uint8Array> {
  const qr = page.getByRole('img', { name: /QR code/ });
  await expect(qr).toBeVisible();
  const grey = await qr.evaluate(async (img: HTMLImageElement, side: number) => {
    const picture = new Image();
    picture.src = img.src;
    await picture.decode();
    const canvas = document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, side, side);
    context.drawImage(picture, 0, 0, side, side);
    const { data } = context.getImageData(0, 0, side, side);
    const out: number[] = [];
    for (let i = 0; i < data.length; i += 4) out.push(Math.round((data[i]! + data[i + 1]! + data[i + 2]!) / 3));
    return out;
  }, SIDE);
  return Uint8Array.from(grey);
}

/** Any text as a QR code, grey pixels, SIDE x SIDE. */
async function qrPixels(text: string): Promise<Uint8Array> {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const cells = modules.size + 2 * quiet;
  const out = new Uint8Array(SIDE * SIDE);
  for (let row = 0; row < SIDE; row++) {
    for (let col = 0; col < SIDE; col++) {
      const r = Math.floor((row * cells) / SIDE) - quiet;
      const c = Math.floor((col * cells) / SIDE) - quiet;
      const dark = r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c);
      out[row * SIDE + col] = dark ? 16 : 235;
    }
  }
  return out;
}

/** A Chromium whose camera films `video`. */
async function withCamera(video: string) {
  const executablePath = chromiumExecutable();
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
}

async function openJoinForm(page: Page) {
  await page.getByRole('button', { name: 'Join an event' }).click();
  return page.getByRole('form', { name: 'Join an event' });
}

test('a coach laptop joins by scanning the QR code the hub shows', async ({ browser }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'tableside-scan-'));
  const hosts: HostProcess[] = [];
  const camera = { browser: null as Awaited<ReturnType<typeof withCamera>> | null };
  try {
    const hub = await startHostProcess({ args: ['--sync-host', '127.0.0.1', '--sync-port', '0'] });
    hosts.push(hub);
    const hubPage = await (await browser.newContext()).newPage();
    await openApp(hubPage, hub.url);
    await createEvent(hubPage, { name: 'Scan test', date: today(), start: '00:00', end: '23:59', place: 'Hall 2' });
    const { code } = await becomeHub(hubPage);
    const video = join(dir, 'hub-qr.y4m');
    film(await hubQrPixels(hubPage), video);

    const coach = await startHostProcess();
    hosts.push(coach);
    camera.browser = await withCamera(video);
    const page = await (await camera.browser.newContext()).newPage();
    await openApp(page, coach.url);
    const form = await openJoinForm(page);
    await form.getByRole('button', { name: "Scan the hub's QR code" }).click();
    // The camera's picture is decoded in the page; the join needs no typing at all.
    await expect(page.getByRole('heading', { level: 1, name: 'Scan test' })).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Sharing between laptops' }).click();
    await expect(page.getByRole('heading', { name: 'This laptop syncs with a hub' })).toBeVisible();
    await expect(page.getByText(`Event code: ${code}`)).toBeVisible();

    // It survives a restart of the coach's laptop: still joined, still syncing.
    const dataDir = coach.dataDir;
    await coach.kill('SIGTERM');
    const again = await startHostProcess({ dataDir });
    hosts.push(again);
    await openApp(page, again.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Scan test' })).toBeVisible();
    await page.getByRole('button', { name: 'Sharing between laptops' }).click();
    await expect(page.getByRole('heading', { name: 'This laptop syncs with a hub' })).toBeVisible();
    await hubPage.getByRole('button', { name: 'Sharing between laptops' }).click();
    await expect(hubPage.getByRole('list', { name: 'Laptops that have synced' }).getByRole('listitem')).toHaveCount(1);
  } finally {
    await camera.browser?.close();
    for (const h of hosts) await h.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a QR code that is not a Tableside event code is not taken, and nothing is joined', async ({ host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'tableside-scan-'));
  const video = join(dir, 'other-qr.y4m');
  film(await qrPixels('https://example.org/menu'), video);
  const camera = await withCamera(video);
  try {
    const page = await (await camera.newContext()).newPage();
    await openApp(page, host.url);
    const form = await openJoinForm(page);
    await form.getByRole('button', { name: "Scan the hub's QR code" }).click();
    const scanner = page.getByRole('group', { name: "Scanning the hub's QR code" });
    await expect(scanner.getByRole('status')).toHaveText(/not a Tableside event code/, { timeout: 20_000 });
    await scanner.getByRole('button', { name: 'Stop scanning' }).click();
    await expect(scanner).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Welcome to Tableside' })).toBeVisible();
  } finally {
    await camera.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with no camera, the coach is told to type the code instead', async ({ page, host }) => {
  await openApp(page, host.url);
  const form = await openJoinForm(page);
  await form.getByRole('button', { name: "Scan the hub's QR code" }).click();
  const scanner = page.getByRole('group', { name: "Scanning the hub's QR code" });
  await expect(scanner.getByRole('status')).toHaveText(/Type the event code and the hub's address instead/);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await scanner.getByRole('button', { name: 'Close' }).click();
  await expect(form.getByLabel('Event code', { exact: true })).toBeVisible();
});
