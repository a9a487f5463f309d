/**
 * A browser on another device follows its host's clock (renderer/src/lib/hostClock.ts):
 * an organiser's phone whose own clock is 20 minutes ahead shows the waits the
 * host's laptop shows, and follows the host's clock when it moves.
 */
import type { APIRequestContext } from '@playwright/test';
import type { HostProcess } from '../support/host.js';
import { advanceClock, allOfTomorrow, expect, openApp, test } from './fixtures.js';

const MIN = 60_000;

async function rpc<T>(request: APIRequestContext, host: HostProcess, method: string, args: unknown): Promise<T> {
  const response = await request.post(`${host.url}api/rpc`, { data: { method, args } });
  const body = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  expect(body.ok, body.error?.message).toBe(true);
  return body.value;
}

test("a browser whose own clock is 20 minutes ahead shows the host's waits, and follows the host's clock", async ({ page, host }) => {
  const day = allOfTomorrow();
  await rpc(page.request, host, 'event.create', { name: 'Drop-in coaching', date: day.date, startTime: day.start, endTime: day.end, place: 'Hall 1/2' });
  const { tableId } = await rpc<{ tableId: string }>(page.request, host, 'table.create', { name: 'Table 1', coaches: ['Amara Okafor'], topics: [], languages: ['en'], turnMinutes: 15 });
  await rpc(page.request, host, 'walkin.add', { tableId, name: 'Ana', topics: [], partySize: 1 });

  // The phone's clock runs 20 minutes ahead of the host's.
  await page.clock.setSystemTime(Date.now() + 20 * MIN);
  await openApp(page, host.url);
  await page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /^Table 1/ }).click();
  const ana = page.getByRole('listitem', { name: '1. Ana' });
  // Ana joined just now by the host's clock (the phone's own would say 20 minutes ago).
  await expect(ana).toContainText(/waiting 0 min/);
  await expect(ana).not.toContainText(/waiting 20 min/);

  // The host's clock moves on 7 minutes; the page, reloaded, measures it again: 7, not 27.
  await advanceClock(page, host, 7 * MIN);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  await page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /^Table 1/ }).click();
  await expect(ana).toContainText(/waiting 7 min/);
});
