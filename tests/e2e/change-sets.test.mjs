// An owner's changes reach the published catalogue as a change set, and readers see what
// changed: the owner exports only what they changed, `catalogue apply` merges it into the
// published file (or refuses a conflict and writes nothing), another browser opens it as
// a merge, and a reader who had revision N sees exactly what revision N+1 changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { catalogue as cli } from '../formats/run.mjs';
import { downloaded, useSiteCopy, shot, watchErrors, ROOT } from './browser.mjs';
import { publishCatalogue } from './server.mjs';

const site = useSiteCopy();

async function fresh(width = 1280) {
  const context = await site.browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

/// The `catalogue` command, its output and report as one text.
function catalogue(...args) {
  const run = cli(...args);
  return { code: run.code, out: run.stdout + run.stderr };
}

/// A validator of the JSON Schema published beside the catalogue as `name`.
function schema(name) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, logger: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'public', name), 'utf8')));
}

/// The records of a catalogue file, without its metadata.
function records(text) {
  const { catalogue: _meta, ...rest } = JSON.parse(text);
  return rest;
}

async function save(page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.notice.success', { hasText: /Saved as revision/ }).waitFor();
}

test("an owner's change set applies to the published file as the app shows it, and a conflict writes nothing", async () => {
  const published = readFileSync(join(site.dir, 'catalogue.json'), 'utf8');
  const { context, page, errors } = await fresh();
  await page.goto(site.base + '/edit/offerings/bi-dashboard');
  await page.getByLabel('Summary *').fill('Dashboards within a week.');
  await save(page);
  await page.goto(site.base + '/edit/services/dns-dhcp');
  await page.getByLabel('Summary *').fill('Names and addresses for every depot.');
  await save(page);
  await page.goto(site.base + '/edit/articles/faq-laptop-restart');
  await page.getByRole('button', { name: /Delete this article/ }).click();
  await page.locator('.delete-plan').getByRole('button', { name: 'Delete', exact: true }).click();
  await page.waitForURL(/deleted=article/);

  await page.goto(site.base + '/changes');
  await page.getByLabel('Your name').fill('Dana Owner');
  await page.getByLabel('What the changes are for').fill('Faster dashboards, clearer DNS');
  await shot(page, 'change-set-export');
  const set = await downloaded(page, () => page.getByRole('button', { name: 'Export a change set' }).click());
  assert.equal(set.name, 'changes.json');
  await page.getByText(/Downloaded changes.json with 3 change\(s\)/).waitFor();
  const again = await downloaded(page, () => page.getByRole('button', { name: 'Export a change set' }).click());
  assert.equal(again.text, set.text, 'the same changes export byte-identical');
  const doc = JSON.parse(set.text);
  const isChangeSet = schema('changes.schema.json');
  assert.ok(isChangeSet(doc), JSON.stringify(isChangeSet.errors));
  assert.ok(!isChangeSet({ ...doc, changes: [{ kind: 'service' }] }), 'the schema is no formality');
  assert.equal(doc.format, 'service-catalogue-changes');
  assert.equal(doc.author, 'Dana Owner');
  assert.deepEqual(doc.changes.map((c) => `${c.kind} ${c.id}`), ['service dns-dhcp', 'offering bi-dashboard', 'article faq-laptop-restart']);
  const whole = await downloaded(page, () => page.getByRole('button', { name: 'Export the whole catalogue' }).click());

  const dir = mkdtempSync(join(tmpdir(), 'change-set-'));
  const changes = join(dir, 'changes.json');
  writeFileSync(changes, set.text);
  const file = join(dir, 'catalogue.json');
  writeFileSync(file, published);
  const applied = catalogue('apply', changes, file);
  assert.equal(applied.code, 0, applied.out);
  assert.match(applied.out, /changes\.json: valid/);
  assert.match(applied.out, /offering bi-dashboard \(New BI dashboard\): 1 field\(s\) changed: summary/);
  assert.deepEqual(records(readFileSync(file, 'utf8')), records(whole.text), 'the applied file holds what the app shows');
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).catalogue.revision, JSON.parse(published).catalogue.revision + 1);
  const isCatalogue = schema('catalogue.schema.json');
  assert.ok(isCatalogue(JSON.parse(readFileSync(file, 'utf8'))), JSON.stringify(isCatalogue.errors));

  // A maintainer changed the same field meanwhile: the conflict is printed, nothing written.
  const maintained = JSON.parse(published);
  maintained.offerings.find((o) => o.id === 'bi-dashboard').summary = "The maintainer's summary.";
  const text = JSON.stringify(maintained, null, 2);
  writeFileSync(file, text);
  const refused = catalogue('apply', changes, file);
  assert.equal(refused.code, 1, refused.out);
  assert.match(refused.out, /offering bi-dashboard, field summary: the change has "Dashboards within a week\.", the file has "The maintainer's summary\."/);
  assert.match(refused.out, /nothing written/);
  assert.equal(readFileSync(file, 'utf8'), text);
  assert.deepEqual(errors, []);
  await context.close();

  // Another browser (a maintainer's) opens the change set: each change is shown, then applied.
  const other = await fresh(390);
  await other.page.goto(site.base + '/data');
  await other.page.locator('#export-button:not([disabled])').waitFor();
  await other.page.locator('#import-file').setInputFiles(changes);
  await other.page.waitForURL(/\/merge$/);
  const lede = other.page.locator('.lede');
  await lede.waitFor();
  assert.match(await lede.innerText(), /The change set changes\.json by Dana Owner: “Faster dashboards, clearer DNS”, made on revision \d+: 3 change\(s\) apply by themselves, 0 need your choice\./);
  assert.equal(await other.page.locator('.changes .change').count(), 3);
  assert.match(await other.page.locator('.change.changed', { hasText: 'New BI dashboard' }).innerText(), /summary[\s\S]*Dashboards within a week\./);
  await shot(other.page, 'change-set-open-phone');
  await other.page.getByRole('button', { name: 'Merge', exact: true }).click();
  await other.page.getByText(/Applied the change set from changes\.json: 3 record\(s\) saved as your changes\./).waitFor();
  await other.page.goto(site.base + '/changes');
  await other.page.locator('.change.deleted', { hasText: 'laptop' }).waitFor();
  assert.equal(await other.page.locator('.changes .change').count(), 3, 'the applied changes are local changes here');
  assert.deepEqual(other.errors, []);
  await other.context.close();
});

test('a reader who had revision N sees exactly what revision N+1 changed, once', async () => {
  const { context, page, errors } = await fresh();
  const doc = JSON.parse(readFileSync(join(site.dir, 'catalogue.json'), 'utf8'));
  const from = doc.catalogue.revision;
  await page.goto(site.base + '/');
  await page.locator('.site-footer', { hasText: `revision ${from}, published` }).waitFor();
  await page.goto(site.base + '/whats-new');
  await page.getByText(/No newer version of the published catalogue has arrived/).waitFor();
  // The version is said once the catalogue is read.
  await page.locator('#published-version', { hasText: `You have revision ${from}, published ` }).waitFor();

  doc.catalogue.revision += 1;
  const vpn = doc.services.find((s) => s.id === 'remote-access-vpn');
  vpn.summary = 'Remote access, now with single sign-on.';
  vpn.revision += 1;
  doc.articles = doc.articles.filter((a) => a.id !== 'faq-backup-retention');
  const offering = structuredClone(doc.offerings.find((o) => o.id === 'bi-dashboard'));
  Object.assign(offering, { id: 'bi-dashboard-express', name: 'Express BI dashboard', revision: 1 });
  doc.offerings.push(offering);
  publishCatalogue(site.dir, doc);

  await page.goto(site.base + '/');
  const banner = page.locator('#whats-new-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), new RegExp(`revision ${from + 1}\\): 3 record\\(s\\) changed`));
  await banner.getByRole('link', { name: "See what's new" }).click();
  await page.getByRole('heading', { name: "What's new" }).waitFor();
  const list = page.locator('.changes .change');
  await list.first().waitFor();
  assert.deepEqual(await list.evaluateAll((rows) => rows.map((r) => r.querySelector('h2').innerText)), [
    'changed service Remote Access VPN',
    'added offering Express BI dashboard',
    'removed article How long are backups kept?',
  ]);
  const changed = await list.first().locator('table').innerText();
  assert.match(changed, /summary[\s\S]*Remote access, now with single sign-on\./);
  assert.equal(await list.first().locator('tbody tr').count(), 1, 'only the field that changed');
  await page.locator('#published-version', { hasText: `You have revision ${from + 1}` }).waitFor();
  await page.locator('.site-footer', { hasText: `revision ${from + 1},` }).waitFor();
  await shot(page, 'whats-new');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'whats-new-phone');

  await page.goto(site.base + '/');
  await page.waitForFunction(() => performance.getEntriesByName('catalogue:published-checked').length > 0);
  assert.equal(await page.locator('#whats-new-banner').count(), 0, 'seen: the banner is gone');
  assert.deepEqual(errors, []);
  await context.close();
});
