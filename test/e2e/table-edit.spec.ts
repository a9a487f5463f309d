/**
 * Editing a table after it is created (issue 13), by role and label: "Edit
 * table" on the table screen opens the details in a dialog; a wrong field is
 * refused beside it in the shown language with nothing changed, and takes the
 * focus in view; a language or topic typed but not added is added on Save
 * (or, naming no language, stops the Save at its box); the saved
 * details show at once and after a reload, during a running turn too.
 */
import AxeBuilder from '@axe-core/playwright';
import { addWalkIn, createEvent, createTable, expect, openApp, test } from './fixtures.js';

test.describe.configure({ timeout: 120_000 });

test('Edit table changes name, coaches, topics, language and turn length; refusals show beside the field', async ({ page, host }) => {
  await openApp(page, host.url);
  await createEvent(page);
  await createTable(page, { coaches: 'Amara Okafor', topics: [], newTopics: ['Personal branding', 'Careers'] });
  await addWalkIn(page, { name: 'Lucía Fernández' });
  await page.getByRole('button', { name: /^Start next/ }).click();
  await expect(page.getByRole('timer')).toBeVisible();

  await page.getByRole('button', { name: 'Edit table' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Table 1' });
  await expect(dialog).toBeVisible();
  const form = dialog.getByRole('form', { name: 'Table details' });
  await expect(form.getByLabel('Coaches')).toHaveValue('Amara Okafor');
  // The dialog passes axe.
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Wrong fields: refused beside each, in words; nothing saved. On a small
  // screen Save sits below the fold: the first field marked takes the focus
  // and comes into view with its error.
  await page.setViewportSize({ width: 1024, height: 700 });
  await form.getByLabel('Coaches').fill('');
  await form.getByLabel('Turn length (minutes)').fill('0');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByText('Please correct the fields marked below.')).toBeVisible();
  await expect(form.getByLabel('Turn length (minutes)')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText(/^At least \W*1\W*\.$/)).toBeVisible();
  await expect(form.getByLabel('Coaches')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Coaches')).toBeFocused();
  await expect(form.getByLabel('Coaches')).toBeInViewport();
  await expect(page.getByRole('heading', { level: 2, name: /Amara Okafor/ })).toBeVisible();

  // A language typed but not added is not dropped on Save: one that names no
  // language stops the Save at its box, saying why.
  const languages = form.getByRole('group', { name: 'Languages offered' });
  await form.getByLabel('Coaches').fill('Amara Okafor, Li Wei');
  await form.getByLabel('Turn length (minutes)').fill('20');
  await languages.getByLabel('Another language').fill('qwertyuiop');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(languages.getByRole('alert')).toHaveText(/does not know “qwertyuiop”/);
  await expect(languages.getByLabel('Another language')).toBeFocused();
  await expect(dialog).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 860 });

  await form.getByLabel('Table name').fill('Table 7 (by the window)');
  await form.getByRole('checkbox', { name: 'Personal branding' }).uncheck();
  await languages.getByRole('checkbox', { name: 'English', exact: true }).uncheck();
  await languages.getByRole('checkbox', { name: 'French', exact: true }).check();
  await languages.getByRole('checkbox', { name: 'Arabic', exact: true }).check();
  // Typed, not added with their buttons: Save adds them, as typed (a sign language by its tag).
  await languages.getByLabel('Another language').fill('ase');
  await form.getByLabel('New topic').fill('Mentoring');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();

  const check = async () => {
    await expect(page.getByRole('heading', { level: 2, name: 'Table 7 (by the window) Amara Okafor and Li Wei' })).toBeVisible();
    await expect(page.getByText(/In French, Arabic, and (American Sign Language|ase) · turns of 20 minutes/)).toBeVisible();
    await expect(page.getByRole('list', { name: 'Topics offered' }).getByRole('listitem')).toHaveText(['Careers', 'Mentoring']);
    // The turn that runs keeps its time; the new length is for the next.
    await expect(page.getByRole('timer')).toBeVisible();
  };
  await check();
  await openApp(page, host.url);
  await check();

  // Cancel changes nothing.
  await page.getByRole('button', { name: 'Edit table' }).click();
  const again = page.getByRole('dialog', { name: 'Edit Table 7 (by the window)' });
  await again.getByLabel('Coaches').fill('Someone else');
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expect(again).toBeHidden();
  await openApp(page, host.url);
  await check();

  // A topic removed from the event's list since: the table still offers it, and Edit table lists it ticked, so it
  // can be unticked (before, it was not listed at all).
  await page.evaluate(async () => {
    const rpc = async (method: string, args: unknown) =>
      (await (await fetch('/api/rpc', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method, args }) })).json()) as {
        ok: boolean;
        value: { event: { topics: { id: string; label: string }[] } };
      };
    const snapshot = await rpc('snapshot.get', {});
    const careers = snapshot.value.event.topics.find((x) => x.label === 'Careers')!;
    if (!(await rpc('topic.remove', { topicId: careers.id })).ok) throw new Error('topic.remove refused');
  });
  await page.getByRole('button', { name: 'Edit table' }).click();
  const removed = page.getByRole('dialog', { name: 'Edit Table 7 (by the window)' }).getByRole('checkbox', { name: 'Careers' });
  await expect(removed).toBeChecked();
  await removed.uncheck();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('list', { name: 'Topics offered' }).getByRole('listitem')).toHaveText(['Mentoring']);
});
