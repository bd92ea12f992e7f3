// Journeys of service owners: create a record of every kind through its form (references
// chosen with pickers), validation on the field, history with undo, delete with the
// references shown and handled, a draft surviving a reload, a change in one tab showing in
// another, and a conflict between two tabs settled field by field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { shot, useSite, watchErrors, ROOT } from './browser.mjs';

const DEMO = JSON.parse(readFileSync(join(ROOT, 'public', 'catalogue.json'), 'utf8'));
const party = (id) => DEMO.parties.find((p) => p.id === id);
const service = (id) => DEMO.services.find((s) => s.id === id);

const site = useSite();

async function fresh() {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

/// Chooses a record in a picker the way a person does: type, take the suggestion.
async function pick(page, label, name, id) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(`${name} (${id})`);
  await input.press('Tab');
}

async function addChip(page, label, name, id) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(`${name} (${id})`);
  await input.press('Enter');
}

async function save(page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.notice.success', { hasText: /Saved as revision/ }).waitFor();
}

test('a record of every kind is created through its form, with references chosen by name', async () => {
  const { context, page, errors } = await fresh();
  await page.goto(site.base + '/');
  await page.locator('.service-row:not(.header)').first().waitFor();

  // Party: the id is proposed from the name.
  await page.getByRole('navigation', { name: 'Create' }).getByRole('link', { name: 'party' }).click();
  await page.getByLabel('Name *').fill('Depot Engineering');
  assert.equal(await page.locator('#f-id').inputValue(), 'depot-engineering');
  await page.getByLabel('Email').fill('depot@northwind.example');
  await save(page);
  assert.match(page.url(), /\/parties\/depot-engineering\?saved=1$/);
  await page.getByRole('heading', { name: 'Depot Engineering', exact: true }).waitFor();

  // Calendar with a weekly range and a holiday.
  await page.goto(site.base + '/new/calendars');
  await page.getByLabel('Name *').fill('Depot hours');
  await page.getByLabel('Time zone *').fill('Europe/Paris');
  await page.getByRole('button', { name: 'Add holiday' }).click();
  await page.getByRole('group', { name: 'holiday 1' }).getByLabel('Date *').fill('2026-12-25');
  await page.getByRole('group', { name: 'holiday 1' }).getByLabel('Name *').fill('Christmas Day');
  await save(page);
  await page.getByRole('heading', { name: 'Depot hours', exact: true }).waitFor();

  // Service: owner, support hours, an escalation level and a dependency, all by name.
  await page.goto(site.base + '/new/services');
  await page.getByLabel('Name *').fill('Depot Scanners');
  await page.getByLabel('Summary *').fill('Handheld scanners used in the depots.');
  await pick(page, 'Owner *', 'Depot Engineering', 'depot-engineering');
  await pick(page, 'Support hours', 'Depot hours', 'depot-hours');
  await page.getByRole('button', { name: 'Add level' }).click();
  await pick(page.getByRole('group', { name: 'level 1' }), 'Escalate to *', party('data-platform').name, 'data-platform');
  await addChip(page, 'Depends on', service('corporate-network').name, 'corporate-network');
  await page.getByLabel('Tags').fill('scanners');
  await page.getByLabel('Tags').press('Enter');
  await shot(page, 'editing-new-service');
  await save(page);
  await page.getByRole('heading', { name: 'Depot Scanners', exact: true }).waitFor();
  const body = await page.locator('main').innerText();
  assert.match(body, /Depot Engineering/, 'the owner is shown by name');
  assert.match(body, new RegExp(service('corporate-network').name.replace(/[()]/g, '.')), 'the dependency is shown');

  // Offering of that service, with goods reordered.
  await page.goto(site.base + '/new/offerings');
  await page.getByLabel('Name *').fill('Scanner replacement');
  await pick(page, 'Service *', 'Depot Scanners', 'depot-scanners');
  await page.getByLabel('Summary *').fill('A working scanner within a day.');
  await page.getByRole('button', { name: 'Add good' }).click();
  await page.getByRole('group', { name: 'good 1' }).getByLabel('Name *').fill('Charger');
  await page.getByRole('button', { name: 'Add good' }).click();
  await page.getByRole('group', { name: 'good 2' }).getByLabel('Name *').fill('Scanner');
  await page.getByRole('button', { name: 'Move good 2 up' }).click();
  assert.equal(await page.getByRole('group', { name: 'good 1' }).getByLabel('Name *').inputValue(), 'Scanner');
  await save(page);

  // Agreement covering the service, with a target.
  await page.goto(site.base + '/new/agreements');
  await page.getByLabel('Name *').fill('Depot Scanners SLA');
  await pick(page, 'Provider *', 'Depot Engineering', 'depot-engineering');
  await pick(page, 'Customer *', party('data-platform').name, 'data-platform');
  await addChip(page, 'Services covered', 'Depot Scanners', 'depot-scanners');
  await page.getByLabel('Valid from *').fill('2026-12-01');
  await page.getByRole('button', { name: 'Add target' }).click();
  await save(page);
  await page.getByRole('heading', { name: 'Depot Scanners SLA', exact: true }).waitFor();

  // Runbook with a step, Markdown previewed as it is typed.
  await page.goto(site.base + '/new/articles');
  await page.getByLabel('Title *').fill('Scanner will not boot');
  await page.getByLabel('Kind *').selectOption('runbook');
  await pick(page, 'Owner *', 'Depot Engineering', 'depot-engineering');
  await addChip(page, 'Services', 'Depot Scanners', 'depot-scanners');
  await page.getByRole('button', { name: 'Add step' }).click();
  await page.getByRole('group', { name: 'step 1' }).getByLabel('Title *').fill('Hold the power key for 20 seconds');
  await page.getByLabel('Body').fill('Check the **battery** first.\n\n<img src=x onerror="window.__pwned=1">');
  await page.locator('.preview strong', { hasText: 'battery' }).waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'the preview is sanitized');
  await save(page);
  await page.getByRole('heading', { name: 'Scanner will not boot', exact: true }).waitFor();

  // Everything created is in "My changes".
  await page.getByRole('link', { name: 'My changes' }).click();
  for (const name of ['Depot Engineering', 'Depot hours', 'Depot Scanners', 'Scanner replacement', 'Depot Scanners SLA', 'Scanner will not boot']) {
    await page.locator('.change.created').getByRole('link', { name, exact: true }).waitFor();
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('validation speaks on the field, and history shows the change and undoes it', async () => {
  const { context, page, errors } = await fresh();
  const invoicing = service('customer-invoicing');
  await page.goto(site.base + '/services/customer-invoicing');
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Summary *').fill('');
  await page.locator('.field.invalid .field-error').first().waitFor();
  assert.match(await page.locator('.field.invalid').first().innerText(), /Summary/);
  assert.equal(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled(), true, 'cannot save while invalid');
  await pick(page, 'Owner *', 'Nobody', 'nobody');
  await page.locator('.field-error', { hasText: 'Choose a party from the suggestions' }).waitFor();
  await page.getByLabel('Criticality tier *').fill('9');
  await page.locator('.field-error', { hasText: /tier/ }).waitFor();
  await shot(page, 'editing-validation');
  await page.getByLabel('Criticality tier *').fill(String(invoicing.tier));
  await page.getByLabel('Summary *').fill('Invoices and credit notes, sent the day an order completes.');
  const indexBuilds = () => page.evaluate(() => performance.getEntriesByName('catalogue:search-ready').length);
  const builtBefore = await indexBuilds();
  await save(page);
  await page.getByText('Invoices and credit notes, sent the day an order completes.').waitFor();

  await page.getByRole('link', { name: 'Undo or see what changed' }).click();
  await page.locator('table.diff', { hasText: 'summary' }).waitFor();
  assert.match(await page.locator('table.diff').first().innerText(), new RegExp(invoicing.summary.slice(0, 30)));
  await page.getByRole('button', { name: 'Undo the last change' }).click();
  await page.getByText(/Restored as revision/).waitFor();
  // Both saves are searchable at once, and only the edited record was indexed again.
  await page.fill('#search-box', invoicing.summary);
  await page.locator('#result-0 .result-title', { hasText: invoicing.name }).waitFor();
  await page.fill('#search-box', 'credit notes sent the day');
  await page.locator('.results[data-query="credit notes sent the day"]').waitFor();
  // Records with some of the words may follow; those with every word come first.
  const count = await page.locator('.result-count').innerText();
  const complete = /No record has every word/.test(count) ? 0 : Number(count.match(/(\d+) with every word/)?.[1] ?? count.match(/\d+/)[0]);
  const titles = await page.locator('#results .result-title').allInnerTexts();
  assert.ok(!titles.slice(0, complete).includes(invoicing.name), `the undone words no longer find it: ${count}`);
  assert.equal(await indexBuilds(), builtBefore, 'a save does not rebuild the search index');
  await page.goto(site.base + '/services/customer-invoicing');
  await page.getByText(invoicing.summary).first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the next start reads the stored search index, and no save leaves it stale', async () => {
  const { context, page, errors } = await fresh();
  const invoicing = service('customer-invoicing');
  const count = (mark) => page.evaluate((n) => performance.getEntriesByName(n).length, mark);
  const reached = (mark) => page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, mark);
  // A result titled `name` among the first of the search for `words`.
  const result = (name) => page.locator('#results .result', { has: page.locator('.result-title', { hasText: new RegExp(`^${name}$`) }) });
  const finds = async (words, name) => {
    await page.fill('#search-box', words);
    await page.locator(`.results[data-query="${words}"]`).waitFor();
    await result(name).waitFor();
  };
  // Opens the service's result and saves it with a new summary.
  const editFirst = async (summary) => {
    await result(invoicing.name).click();
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Summary *').fill(summary);
    await save(page);
  };
  await page.goto(site.base + '/');
  // Built at the first start, then stored once it stays the same for a moment.
  await reached('catalogue:derived-stored');
  await page.reload();
  await reached('catalogue:search-ready');
  assert.equal(await count('catalogue:search-index-read'), 1, 'the next start reads the stored index');
  await finds('customer invoicing', invoicing.name);

  // Reloaded right after a save, before the index is stored again: the stored one is
  // out of date, so it is built anew, with the saved words.
  await editFirst('Invoices printed on zeppelin stationery.');
  await page.reload();
  await reached('catalogue:search-ready');
  assert.equal(await count('catalogue:search-index-read'), 0, 'the index stored before the save is not read');
  await finds('zeppelin stationery', invoicing.name);

  // A save's index is stored too, and read at the next start.
  await editFirst('Invoices printed on airship letterhead.');
  await reached('catalogue:derived-stored');
  await page.reload();
  await reached('catalogue:search-ready');
  assert.equal(await count('catalogue:search-index-read'), 1);
  await finds('airship letterhead', invoicing.name);
  await page.fill('#search-box', 'zeppelin stationery');
  await page.locator('.results[data-query="zeppelin stationery"]').waitFor();
  assert.equal(await page.locator('#results .result').count(), 0, 'the words saved before are gone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('deleting shows what refers to the record and never leaves a dangling reference', async () => {
  const { context, page, errors } = await fresh();
  // The SLA covers only this service: the delete is refused until the SLA is dealt with.
  await page.goto(site.base + '/edit/services/customer-invoicing');
  await page.getByRole('button', { name: /Delete this service/ }).click();
  const plan = page.locator('.delete-plan');
  await plan.waitFor();
  const text = await plan.innerText();
  assert.match(text, /Also deleted/, 'its offerings go with it');
  assert.match(text, /References removed/);
  assert.match(text, /cannot be deleted yet/);
  assert.equal(await plan.getByRole('button', { name: 'Delete', exact: true }).isDisabled(), true);
  await shot(page, 'editing-delete-blocked');

  // Delete the SLA first, then the service.
  await page.goto(site.base + '/edit/agreements/sla-customer-invoicing');
  await page.getByRole('button', { name: /Delete this agreement/ }).click();
  await page.locator('.delete-plan').getByRole('button', { name: 'Delete', exact: true }).click();
  await page.waitForURL(/deleted=agreement/);
  await page.goto(site.base + '/edit/services/customer-invoicing');
  await page.getByRole('button', { name: /Delete this service/ }).click();
  await page.locator('.delete-plan').getByRole('button', { name: 'Delete', exact: true }).click();
  await page.waitForURL(/deleted=service/);
  await page.goto(site.base + '/services/customer-invoicing');
  await page.getByRole('heading', { name: 'No such service', exact: true }).waitFor();
  // Nothing anywhere still names it: export and check the file.
  const exported = await page.evaluate(async () => {
    const req = indexedDB.open('service-catalogue');
    const db = await new Promise((ok) => { req.onsuccess = () => ok(req.result); });
    const all = (name) => new Promise((ok) => { const r = db.transaction(name).objectStore(name).getAll(); r.onsuccess = () => ok(r.result); });
    return { offerings: await all('offerings'), agreements: await all('agreements'), articles: await all('articles'), services: await all('services') };
  });
  const mentions = JSON.stringify(exported).match(/"customer-invoicing"/g) ?? [];
  assert.equal(mentions.length, 0, 'no stored record refers to the deleted service');

  // Deleting an owner asks for someone to take over.
  await page.goto(site.base + '/edit/parties/data-platform');
  await page.getByRole('button', { name: /Delete this party/ }).click();
  await page.locator('.delete-plan', { hasText: 'need another party' }).waitFor();
  await page.getByLabel('Use this party instead').selectOption('platform-engineering');
  await page.locator('.delete-plan').getByRole('button', { name: 'Delete', exact: true }).click();
  await page.waitForURL(/deleted=party/);
  await page.goto(site.base + '/services/postgresql-service');
  await page.getByRole('heading', { name: service('postgresql-service').name }).waitFor();
  assert.match(await page.locator('main').innerText(), new RegExp(party('platform-engineering').name));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a draft survives a reload, and leaving asks first', async () => {
  const { context, page, errors } = await fresh();
  await page.goto(site.base + '/edit/services/kubernetes-platform');
  await page.getByLabel('Family').fill('Container platforms (draft)');
  await page.waitForFunction(() => localStorage.getItem('draft:services/kubernetes-platform')?.includes('(draft)'));
  // Following a link inside the app asks too; staying keeps the form.
  let confirmed = null;
  page.once('dialog', async (d) => { confirmed = d.type(); await d.dismiss(); });
  await page.getByRole('link', { name: 'View', exact: true }).click();
  assert.equal(confirmed, 'confirm');
  assert.match(page.url(), /\/edit\/services\/kubernetes-platform$/);
  let asked = false;
  page.on('dialog', async (d) => { asked = d.type() === 'beforeunload'; await d.accept(); });
  await page.reload();
  assert.ok(asked, 'the browser asked before leaving unsaved changes');
  await page.getByText(/Your unsaved changes from .* were restored/).waitFor();
  assert.equal(await page.getByLabel('Family').inputValue(), 'Container platforms (draft)');
  await save(page);
  await page.getByText('Container platforms (draft)').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs: a save shows in the other tab, and a conflicting save is settled field by field', async () => {
  const { context, page: a, errors } = await fresh();
  const b = await context.newPage();
  const name = service('postgresql-service').name;
  await a.goto(site.base + '/edit/services/postgresql-service');
  await b.goto(site.base + '/edit/services/postgresql-service');
  const viewer = await context.newPage();
  await viewer.goto(site.base + '/services/postgresql-service');
  await viewer.getByRole('heading', { name }).waitFor();

  await a.getByLabel('Name *').fill(`${name} (tab A)`);
  await a.getByLabel('Family').fill('Databases A');
  await save(a);
  await viewer.getByRole('heading', { name: `${name} (tab A)`, exact: true }).waitFor({ timeout: 5000 });

  // Tab B started from the same version: its name conflicts, its summary merges.
  await b.getByLabel('Name *').fill(`${name} (tab B)`);
  await b.getByLabel('Summary *').fill('Managed PostgreSQL, edited in tab B.');
  await b.getByRole('button', { name: 'Save', exact: true }).click();
  await b.getByRole('heading', { name: 'Changed on both sides', exact: true }).waitFor();
  const conflict = b.getByRole('group', { name: 'Conflict in name' });
  assert.match(await conflict.innerText(), /tab A/);
  assert.match(await conflict.innerText(), /tab B/);
  assert.equal(await b.getByLabel('Family').inputValue(), 'Databases A', "tab A's other change is merged in");
  await shot(b, 'editing-conflict');
  await conflict.getByRole('button', { name: 'Keep yours' }).click();
  await save(b);
  const text = await b.locator('main').innerText();
  assert.match(text, /tab B/);
  assert.match(text, /Managed PostgreSQL, edited in tab B/);
  await b.getByRole('link', { name: 'History' }).click();
  await b.locator('.version').nth(1).waitFor();
  assert.equal(await b.locator('.version').count(), 2, 'both saves are in the history');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a service is duplicated with its offerings, and a party hands its records over at once', async () => {
  const { context, page, errors } = await fresh();
  const offerings = DEMO.offerings.filter((o) => o.service === 'customer-invoicing');
  await page.goto(site.base + '/edit/services/customer-invoicing');
  await page.getByRole('button', { name: 'Duplicate with its offerings' }).click();
  await page.waitForURL(/\/edit\/services\/customer-invoicing-copy$/);
  await page.getByRole('heading', { name: 'Edit service: Customer Invoicing (copy)' }).waitFor();
  await page.goto(site.base + '/services/customer-invoicing-copy');
  for (const o of offerings) await page.locator('main').getByText(o.name, { exact: true }).first().waitFor();

  // The party owning the most services hands them all to another.
  const counts = {};
  for (const s of DEMO.services) counts[s.owner] = (counts[s.owner] ?? 0) + 1;
  const from = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
  const owned = DEMO.services.filter((s) => s.owner === from);
  assert.ok(owned.length >= 2);
  await page.goto(site.base + `/parties/${from}`);
  await page.getByRole('link', { name: /Hand over this party/ }).click();
  await page.getByLabel('New owner').selectOption('platform-engineering');
  const button = page.getByRole('button', { name: /Hand over \d+ record/ });
  assert.ok(Number((await button.innerText()).match(/\d+/)[0]) >= owned.length);
  await button.click();
  await page.getByText(/record\(s\) handed over/).waitFor();
  await page.goto(site.base + `/services/${owned[0].id}`);
  await page.getByRole('heading', { name: owned[0].name, exact: true }).waitFor();
  assert.match(await page.locator('main').innerText(), new RegExp(party('platform-engineering').name));
  assert.deepEqual(errors, []);
  await context.close();
});
