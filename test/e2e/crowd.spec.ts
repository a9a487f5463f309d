/**
 * A crowded table: twelve walk-ins with mixed topics arrive over time; the
 * coach gives a plenary, splits them into sub-groups, and runs the rotation
 * through with a late arrival and a person leaving, writing notes and
 * recording follow-ups; the host restarts in the middle and nothing changes.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startHostProcess } from '../support/host.js';
import { addWalkIn, advanceClock, clockOffset, createEvent, createTable, expect, openApp, queueItems, test, allOfTomorrow } from './fixtures.js';

const A = 'Personal branding';
const B = 'Work-life balance';
const C = 'Leadership styles';

// Arrival order interleaves the topics, so grouping by topic is not just arrival order.
const CROWD = [
  { name: 'Amina A', topics: [A] },
  { name: 'Bruno B', topics: [B] },
  { name: 'Chen C', topics: [C] },
  { name: 'Anna A', topics: [A] },
  { name: 'Bea B', topics: [B] },
  { name: 'Carlos C', topics: [C] },
  { name: 'Aiko A', topics: [A] },
  { name: 'Ben B', topics: [B] },
  { name: 'Chiara C', topics: [C] },
  { name: 'Ade A', topics: [A] },
  { name: 'Björn B', topics: [B] },
  { name: 'Cyrus C', topics: [C] },
];

function crowdTools(page: Page) {
  return page.getByRole('region', { name: /: handle the crowd$/ });
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

function group(page: Page, n: number) {
  return page.getByRole('region', { name: /^Rotation:/ }).getByRole('listitem', { name: `Group ${n}`, exact: true });
}

test('plenary, sub-groups and a full rotation with a late arrival, a leaver, notes and follow-ups', async ({ page, host }) => {
  test.setTimeout(180_000);
  await openApp(page, host.url);
  // The session clock must not cut anyone off in this test, whenever it runs.
  await createEvent(page, { name: 'Drop-in coaching', ...allOfTomorrow(), place: 'Hall 1/2' });
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: [A, B, C] });

  for (const person of CROWD) {
    await addWalkIn(page, person);
    await advanceClock(page, host, 60_000);
  }
  await expect(queueItems(page)).toHaveCount(12);
  // Each person sees an expected wait as a range of minutes, never a precise number.
  await expect(page.getByRole('listitem', { name: '12. Cyrus C' })).toContainText(/expected wait \d+–\d+ min/);
  await expectNoAxeViolations(page);

  // 1. A plenary for everyone waiting; they all keep their place.
  await crowdTools(page).getByRole('button', { name: 'Plenary' }).click();
  await crowdTools(page).getByLabel('Plenary length (minutes)').fill('5');
  await crowdTools(page).getByRole('button', { name: 'Start plenary for 12 people' }).click();
  await expect(page.locator('.mode')).toHaveText('Plenary for everyone waiting');
  await expect(page.getByRole('list', { name: 'Taking part' }).getByRole('listitem')).toHaveCount(12);
  await page.getByLabel('Note', { exact: true }).fill('Explained what coaching is and how the table works.');
  await expect(page.getByRole('region', { name: 'Now at the table' }).getByRole('status').filter({ hasText: /^Saved at / })).toBeVisible();
  await advanceClock(page, host, 5 * 60_000);
  await page.getByRole('button', { name: /End turn/ }).click();
  await expect(queueItems(page)).toHaveCount(12);

  // 2. Split into sub-groups of at most 4: people with the same topic together.
  await crowdTools(page).getByRole('button', { name: 'Split into groups' }).click();
  await crowdTools(page).getByLabel('Largest group').fill('4');
  await crowdTools(page).getByLabel('Minutes per group').fill('15');
  await crowdTools(page).getByRole('button', { name: 'Propose groups' }).click();
  const proposal = page.getByRole('list', { name: 'Proposed groups' });
  await expect(proposal.getByRole('listitem', { name: /^Group \d$/ })).toHaveCount(3);
  const groupTexts = await proposal.getByRole('listitem', { name: /^Group \d$/ }).allTextContents();
  for (const text of groupTexts) {
    const topics = new Set([A, B, C].filter((topic) => text.includes(topic)));
    expect(topics.size).toBe(1);
  }
  // The group holding the longest-waiting person goes first.
  await expect(proposal.getByRole('listitem', { name: 'Group 1' })).toContainText('Amina A');
  // The coach can move someone before confirming, and back.
  await proposal.getByLabel('Group for Ade A').selectOption({ label: 'Group 2' });
  await expect(proposal.getByRole('listitem', { name: 'Group 2' })).toContainText('Ade A');
  await proposal.getByLabel('Group for Ade A').selectOption({ label: 'Group 1' });
  await page.getByRole('button', { name: 'Start rotation with 3 groups' }).click();

  await expect(page.locator('.mode')).toHaveText('Sub-group 1 of 3');
  await expect(group(page, 1)).toContainText('now at the table');
  await expect(group(page, 2)).toContainText(/expected at/);
  await expect(group(page, 3)).toContainText(/expected at/);
  await expectNoAxeViolations(page);

  // Notes on group 1, about one participant, with the kind of support.
  await page.getByLabel('Note', { exact: true }).fill('Group 1 worked on their personal brand online.');
  await expect(page.getByRole('region', { name: 'Now at the table' }).getByRole('status').filter({ hasText: /^Saved at / })).toBeVisible();
  await page.getByRole('group', { name: 'This note is about' }).getByRole('checkbox', { name: 'Aiko A' }).check();
  await page.getByLabel('Kind of support').selectOption('coaching');
  await expect(page.getByRole('group', { name: 'This note is about' }).getByRole('checkbox', { name: 'Aiko A' })).toBeChecked();

  // A mentoring follow-up with consent, and one without.
  // The running turn's form (Earlier turns have one each too, for a follow-up after the turn).
  const atTable = page.getByRole('region', { name: 'Now at the table' });
  await atTable.getByText('Mentoring follow-up', { exact: true }).click();
  const followUp = atTable.getByRole('form', { name: 'Mentoring follow-up' });
  await followUp.getByLabel('Who').selectOption({ label: 'Anna A' });
  await expect(followUp.getByRole('textbox', { name: 'Contact details' })).toBeDisabled();
  await followUp.getByRole('checkbox', { name: /Anna A agrees/ }).check();
  await followUp.getByRole('textbox', { name: 'Contact details' }).fill('anna@example.org');
  await followUp.getByRole('button', { name: 'Record follow-up' }).click();
  await expect(followUp.getByRole('status')).toHaveText('Follow-up recorded for Anna A, with contact details.');
  await followUp.getByLabel('Who').selectOption({ label: 'Amina A' });
  await followUp.getByLabel('What they would like').fill('Would like a mentor in marketing');
  await followUp.getByRole('button', { name: 'Record follow-up' }).click();
  await expect(followUp.getByRole('status')).toHaveText('Follow-up recorded for Amina A, without contact details.');
  const followUps = page.getByRole('region', { name: 'Mentoring follow-ups' });
  await expect(followUps).toContainText('Anna A · consented: anna@example.org');
  await expect(followUps).toContainText('Amina A · no consent, no contact kept');

  // Someone in the current group leaves mid-rotation.
  await page.getByRole('button', { name: 'Someone leaves…' }).click();
  await page.getByRole('button', { name: 'Ade A leaves' }).click();
  await expect(page.getByRole('list', { name: 'Taking part' })).toContainText(/Ade A\s*left at/);

  // A late arrival during the rotation: every group is full, so a new group at the end.
  await addWalkIn(page, { name: 'Lina Late', topics: [B] });
  await expect(group(page, 4)).toContainText('Lina Late');
  await expect(group(page, 4)).toContainText(/expected at/);

  // The host restarts in the middle of the rotation: nothing changes.
  const membersOf = async () => {
    const out: string[] = [];
    for (const n of [1, 2, 3, 4]) out.push(await group(page, n).getByRole('list').innerText());
    return out;
  };
  const before = await membersOf();
  const offset = await clockOffset(page, host);
  await host.kill('SIGKILL');
  const again = await startHostProcess({ dataDir: host.dataDir, port: host.port, clockOffsetMs: offset });
  try {
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
    await expect(page.locator('.mode')).toHaveText('Sub-group 1 of 4');
    expect(await membersOf()).toEqual(before);
    await expect(group(page, 1)).toContainText('now at the table');
    await expect(page.getByLabel('Note', { exact: true })).toHaveValue('Group 1 worked on their personal brand online.');

    // Run the rotation through: each group gets its turn, in order.
    for (const n of [2, 3, 4]) {
      await advanceClock(page, again, 15 * 60_000 + 2_000);
      await expect(page.getByRole('alert')).toContainText('Call the next group when ready');
      await page.getByRole('button', { name: /Call next group/ }).first().click();
      await expect(page.locator('.mode')).toHaveText(`Sub-group ${n} of 4`);
      await expect(group(page, n - 1)).toContainText(/done/);
      await page.getByLabel('Note', { exact: true }).fill(`Group ${n} note`);
      await expect(page.getByRole('region', { name: 'Now at the table' }).getByRole('status').filter({ hasText: /^Saved at / })).toBeVisible();
    }
    await advanceClock(page, again, 15 * 60_000);
    await page.getByRole('button', { name: /Call next group/ }).first().click();
    await expect(page.getByRole('region', { name: /^Rotation:/ })).toHaveCount(0);
    await expect(queueItems(page)).toHaveCount(0);
    const past = page.getByRole('region', { name: 'Earlier turns' });
    await expect(past.getByText('sub-group turn')).toHaveCount(4);
    await expect(past.getByText('plenary')).toHaveCount(1);
    await expect(page.getByLabel(/^Note for .*Lina Late/)).toHaveValue('Group 4 note');
  } finally {
    await again.kill('SIGTERM');
  }
});

test('a rotation with auto-advance calls the next group by itself; ended after its last group, it adds no wait', async ({ page, host }) => {
  await openApp(page, host.url);
  // The session clock must not cut anyone off in this test, whenever it runs.
  await createEvent(page, { name: 'Drop-in coaching', ...allOfTomorrow(), place: 'Hall 1/2' });
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: [A, B] });
  for (const p of [{ name: 'P1', topics: [A] }, { name: 'P2', topics: [B] }, { name: 'P3', topics: [A] }, { name: 'P4', topics: [B], partySize: 2 }]) {
    await addWalkIn(page, p);
  }
  // Counts of people are heads: a party of two is two people, on the button and over the plenary alike.
  await crowdTools(page).getByRole('button', { name: 'Plenary' }).click();
  await crowdTools(page).getByRole('button', { name: 'Start plenary for 5 people' }).click();
  await expect(page.getByRole('region', { name: 'Now at the table' }).getByText('5 people', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: /End turn/ }).click();
  await crowdTools(page).getByRole('button', { name: 'Split into groups' }).click();
  await crowdTools(page).getByLabel('Largest group').fill('3');
  await crowdTools(page).getByRole('checkbox', { name: 'Call the next group automatically when time is up' }).check();
  await crowdTools(page).getByRole('button', { name: 'Propose groups' }).click();
  await page.getByRole('button', { name: 'Start rotation with 2 groups' }).click();
  await expect(page.locator('.mode')).toHaveText('Sub-group 1 of 2');
  await advanceClock(page, host, 15 * 60_000 + 2_000);
  await expect(page.locator('.mode')).toHaveText('Sub-group 2 of 2');
  // End turn on the last group, without End rotation: the rotation shows as finished and adds no wait.
  await page.getByRole('button', { name: /End turn/ }).click();
  await expect(page.getByRole('region', { name: /^Rotation:/ }).getByRole('status')).toHaveText(/Every group has had its turn/);
  await expect(page.getByText('Sub-groups are taking turns')).toHaveCount(0);
  await addWalkIn(page, { name: 'Pat Late' });
  await expect(page.getByRole('listitem', { name: '1. Pat Late' })).toContainText('expected wait 0–5 min');
  await page.getByRole('button', { name: /^Start next/ }).click();
  await expect(page.getByRole('region', { name: /^Rotation:/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Now at the table' })).toContainText('Pat Late');
});
