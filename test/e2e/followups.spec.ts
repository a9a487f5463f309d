/**
 * Follow-ups on the table screen: record one with consent, a second for the
 * same person is refused with a message pointing to the first, edit it,
 * withdraw consent (with a confirm), reload: the contact is gone.
 */
import { addWalkIn, createEvent, createTable, expect, openApp, test } from './fixtures.js';

test('record, refuse a duplicate, edit, withdraw consent, reload: the contact is gone', async ({ page, host }) => {
  test.setTimeout(120_000);
  await openApp(page, host.url);
  await createEvent(page);
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: ['Personal branding'] });
  await addWalkIn(page, { name: 'Lucía Fernández', topics: ['Personal branding'], partySize: 1 });
  await page.getByRole('button', { name: 'Start next' }).click();

  await page.getByText('Mentoring follow-up', { exact: true }).click();
  const form = page.getByRole('form', { name: 'Mentoring follow-up' });
  await form.getByRole('checkbox', { name: /Lucía Fernández agrees/ }).check();
  await form.getByRole('textbox', { name: 'Contact details' }).fill('lucia@example.org');
  await form.getByRole('button', { name: 'Record follow-up' }).click();
  await expect(form.getByRole('status')).toHaveText('Follow-up recorded for Lucía Fernández, with contact details.');
  const list = page.getByRole('region', { name: 'Mentoring follow-ups' });
  await expect(list).toContainText('Lucía Fernández · consented: lucia@example.org');

  // A second one for the same person: refused, pointing to the first; nothing added.
  await form.getByRole('checkbox', { name: /Lucía Fernández agrees/ }).check();
  await form.getByRole('textbox', { name: 'Contact details' }).fill('other@example.org');
  await form.getByRole('button', { name: 'Record follow-up' }).click();
  await expect(form).toContainText('This person already has a follow-up: edit that one in the list of mentoring follow-ups');
  await expect(list.getByRole('listitem')).toHaveCount(1);

  // Edit.
  await list.getByRole('button', { name: 'Edit the follow-up for Lucía Fernández' }).click();
  const edit = list.getByRole('form', { name: 'Edit the follow-up for Lucía Fernández' });
  await edit.getByRole('textbox', { name: 'Contact details' }).fill('lucia.f@example.net');
  await edit.getByRole('textbox', { name: 'What they would like' }).fill('A mentor in publishing');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(list).toContainText('Lucía Fernández · consented: lucia.f@example.net · A mentor in publishing');
  await page.setViewportSize({ width: 1280, height: 800 });
  await list.screenshot({ path: test.info().outputPath('followups-1280x800.png') });

  // Withdraw consent, with a confirm (cancel first changes nothing).
  await list.getByRole('button', { name: 'Withdraw consent for Lucía Fernández' }).click();
  const confirm = list.getByRole('group', { name: 'Withdraw consent for Lucía Fernández' });
  await expect(confirm).toContainText("Erase Lucía Fernández's contact details?");
  await page.setViewportSize({ width: 1024, height: 700 });
  await list.screenshot({ path: test.info().outputPath('followups-confirm-1024x700.png') });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(list).toContainText('lucia.f@example.net');
  await list.getByRole('button', { name: 'Withdraw consent for Lucía Fernández' }).click();
  await confirm.getByRole('button', { name: 'Withdraw and erase contact' }).click();
  await expect(list).toContainText('Lucía Fernández · consent withdrawn, contact erased');
  await expect(list).not.toContainText('example');

  await page.reload();
  const after = page.getByRole('region', { name: 'Mentoring follow-ups' });
  await expect(after).toContainText('Lucía Fernández · consent withdrawn, contact erased');
  await expect(after).not.toContainText('example');
  await expect(after.getByRole('button', { name: /Edit the follow-up/ })).toHaveCount(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await after.screenshot({ path: test.info().outputPath('followups-withdrawn-1280x800.png') });
});

test('a follow-up typed and not recorded is kept: End turn records it, a draft on an earlier turn survives a reload', async ({ page, host }) => {
  test.setTimeout(90_000);
  await openApp(page, host.url);
  await createEvent(page);
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: ['Personal branding'] });
  await addWalkIn(page, { name: 'Nadia Haddad', topics: ['Personal branding'], partySize: 1 });
  await addWalkIn(page, { name: 'Jonas Berg', topics: ['Personal branding'], partySize: 1 });
  await page.getByRole('button', { name: 'Start next' }).click();

  // Consent ticked, contact and note typed, "Record follow-up" not pressed; then End turn (before: lost without a word).
  await page.getByText('Mentoring follow-up', { exact: true }).click();
  const form = page.getByRole('form', { name: 'Mentoring follow-up' });
  await form.getByRole('checkbox', { name: /Nadia Haddad agrees/ }).check();
  await form.getByRole('textbox', { name: 'Contact details' }).fill('nadia@example.org');
  await form.getByRole('textbox', { name: 'What they would like' }).fill('A mentor in cataloguing');
  await page.getByRole('button', { name: 'End turn' }).click();
  const list = page.getByRole('region', { name: 'Mentoring follow-ups' });
  await expect(list).toContainText('Nadia Haddad · consented: nadia@example.org · A mentor in cataloguing');
  // Recorded: her earlier turn offers no second one (one per person; the list edits it).
  await expect(page.getByRole('region', { name: 'Earlier turns' }).getByRole('listitem').filter({ hasText: 'Nadia Haddad' })
    .getByText('Mentoring follow-up', { exact: true })).toHaveCount(0);

  // Jonas's turn ends with nothing typed; afterwards, from Earlier turns, his follow-up is typed, then the page reloads.
  await page.getByRole('button', { name: 'Start next' }).click();
  await page.getByRole('button', { name: 'End turn' }).click();
  const earlier = page.getByRole('region', { name: 'Earlier turns' }).getByRole('listitem').filter({ hasText: 'Jonas Berg' });
  await earlier.getByText('Mentoring follow-up', { exact: true }).click();
  const later = earlier.getByRole('form', { name: 'Mentoring follow-up' });
  await later.getByRole('checkbox', { name: /Jonas Berg agrees/ }).check();
  await later.getByRole('textbox', { name: 'Contact details' }).fill('jonas@example.org');
  await page.reload();
  const kept = page.getByRole('region', { name: 'Earlier turns' }).getByRole('listitem').filter({ hasText: 'Jonas Berg' })
    .getByRole('form', { name: 'Mentoring follow-up' });
  await expect(kept.getByRole('textbox', { name: 'Contact details' })).toHaveValue('jonas@example.org');
  await expect(kept).toContainText('not recorded yet');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: test.info().outputPath('followup-draft-1280x800.png'), fullPage: true });
  await kept.getByRole('button', { name: 'Record follow-up' }).click();
  await expect(list).toContainText('Jonas Berg · consented: jonas@example.org');
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: test.info().outputPath('followup-draft-1024x700.png'), fullPage: true });
});
