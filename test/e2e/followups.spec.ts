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
