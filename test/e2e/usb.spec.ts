/**
 * Sync by file, for when there is no network at all: the organiser saves the
 * event to a file (a USB stick), a coach's empty laptop takes the event from
 * it with the code, and the coach's changes come back the same way. Opening
 * the same file twice changes nothing; a damaged file is refused.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Download, Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { startHostProcess, type HostProcess } from '../support/host.js';
import { addWalkIn, becomeHub, createEvent, createTable, expect, openApp, queueItems, test, today } from './fixtures.js';

/** Sharing between laptops → Save changes to a file; where the download went. */
async function saveSyncFile(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Sharing between laptops' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save changes to a file' }).click()]);
  expect((download as Download).suggestedFilename()).toMatch(/\.tablesidesync$/);
  const path = test.info().outputPath(name);
  await download.saveAs(path);
  return path;
}

test('with no network, the event goes to a coach laptop by file and the coach\'s changes come back; twice changes nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  const hosts: HostProcess[] = [];
  try {
    const organiserHost = await startHostProcess({ args: ['--sync-host', '127.0.0.1', '--sync-port', '0'] });
    hosts.push(organiserHost);
    const organiser = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await openApp(organiser, organiserHost.url);
    await createEvent(organiser, { name: 'USB test', date: today(), start: '00:00', end: '23:59', place: 'Hall 4' });
    await createTable(organiser, { name: 'Table 1', coaches: 'Amara Okafor', topics: [] });
    await addWalkIn(organiser, { name: 'Lucía Fernández' });
    const { code } = await becomeHub(organiser);
    const toCoach = await saveSyncFile(organiser, 'to-coach.tablesidesync');

    // An empty laptop: a damaged file is refused and nothing is taken.
    const coachHost = await startHostProcess();
    hosts.push(coachHost);
    const coach = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await openApp(coach, coachHost.url);
    await coach.getByRole('button', { name: 'Join an event' }).click();
    const byFile = coach.getByRole('region', { name: 'No network? Open a sync file' });
    await byFile.getByLabel('Event code (to open a file on a laptop that has not joined yet)').fill(code);
    const damaged = JSON.parse(readFileSync(toCoach, 'utf8')) as { body: string };
    damaged.body = `${damaged.body.slice(0, 20)}${damaged.body[20] === 'A' ? 'B' : 'A'}${damaged.body.slice(21)}`;
    const damagedPath = test.info().outputPath('damaged.tablesidesync');
    writeFileSync(damagedPath, JSON.stringify(damaged));
    await byFile.getByLabel('Open a sync file').setInputFiles(damagedPath);
    await expect(byFile.getByRole('alert')).toHaveText('This file was not made with this event code, or it was altered.');
    await expect(coach.getByRole('heading', { name: 'Welcome to Tableside' })).toBeVisible();
    expect((await new AxeBuilder({ page: coach }).analyze()).violations).toEqual([]);

    // The organiser's file, with the code: the whole event arrives.
    await byFile.getByLabel('Open a sync file').setInputFiles(toCoach);
    await expect(coach.getByRole('heading', { level: 1, name: 'USB test' })).toBeVisible();
    await expect(queueItems(coach)).toHaveCount(1);
    await expect(queueItems(coach).first()).toContainText('Lucía Fernández');
    await addWalkIn(coach, { name: 'Kenji Watanabe' });
    await coach.reload();
    await expect(coach.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
    await expect(queueItems(coach)).toHaveCount(2);
    const toOrganiser = await saveSyncFile(coach, 'to-organiser.tablesidesync');
    await expect(coach.getByRole('region', { name: 'This laptop syncs with a hub' })).toContainText('This laptop took the event from a file.');

    // Back on the organiser's laptop: one new change; the same file again, none.
    const files = organiser.getByRole('region', { name: 'Sync by file' });
    await files.getByLabel('Open a sync file').setInputFiles(toOrganiser);
    await expect(files.getByRole('status')).toHaveText('1 new change taken in.');
    await files.getByLabel('Open a sync file').setInputFiles(toOrganiser);
    await expect(files.getByRole('status')).toHaveText('0 new changes taken in.');
    await organiser.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /Table 1/ }).click();
    await expect(queueItems(organiser)).toHaveCount(2);
    await expect(queueItems(organiser).nth(1)).toContainText('Kenji Watanabe');
  } finally {
    for (const h of hosts) await h.kill('SIGTERM');
  }
});
