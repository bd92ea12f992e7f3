// A maintainer publishes a new catalogue.json while a reader has local edits: the reader's
// next visit merges it; a change to another field merges by itself, the same field
// changed on both sides is chosen on the merge page, and nothing is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloaded, useSiteCopy, shot, watchErrors, ROOT } from './browser.mjs';
import { publishCatalogue } from './server.mjs';

const site = useSiteCopy();

/// Publishes a new revision of the site's catalogue.json, changed by `edit`.
function publish(edit) {
  const doc = JSON.parse(readFileSync(join(site.dir, 'catalogue.json'), 'utf8'));
  doc.catalogue.revision += 1;
  edit(doc);
  publishCatalogue(site.dir, doc);
  return doc;
}

test('a new published version merges with local edits, and a conflict is settled by the reader', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/edit/services/postgresql-service');
  await page.getByLabel('Name *').fill('PostgreSQL (local name)');
  await page.getByLabel('Family').fill('Local family');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.notice.success', { hasText: /Saved as revision/ }).waitFor();

  // The maintainers change the same name, the summary, and another service.
  const published = publish((doc) => {
    const pg = doc.services.find((s) => s.id === 'postgresql-service');
    pg.name = 'PostgreSQL (published name)';
    pg.summary = 'Published summary of the database service.';
    pg.revision += 1;
    const dns = doc.services.find((s) => s.id === 'dns-dhcp');
    dns.summary = 'Published DNS summary.';
    dns.revision += 1;
  });

  await page.reload();
  await page.getByRole('link', { name: 'Review the merge' }).click();
  const conflict = page.getByRole('group', { name: /PostgreSQL/ });
  await conflict.waitFor();
  assert.match(await conflict.innerText(), /PostgreSQL \(local name\)/);
  assert.match(await conflict.innerText(), /PostgreSQL \(published name\)/);
  assert.match(await page.locator('.lede').innerText(), new RegExp(`Revision ${published.catalogue.revision}`));
  await shot(page, 'publishing-merge-conflict');
  await page.getByRole('button', { name: 'Merge', exact: true }).click();
  await page.getByText(/Merged: the catalogue is now revision/).waitFor();

  await page.goto(site.base + '/services/postgresql-service');
  await page.getByRole('heading', { name: 'PostgreSQL (local name)', exact: true }).waitFor();
  const text = await page.locator('main').innerText();
  assert.match(text, /Published summary of the database service\./, "the maintainers' change to another field is in");
  assert.match(text, /Local family/, 'the local change to another field is kept');
  await page.goto(site.base + '/services/dns-dhcp');
  await page.getByText('Published DNS summary.').first().waitFor();

  // The next version touches only other records: merged by itself, local edits kept.
  publish((doc) => {
    const dns = doc.services.find((s) => s.id === 'dns-dhcp');
    dns.summary = 'DNS summary, third revision.';
    dns.revision += 1;
  });
  await page.reload();
  await page.getByText(/Updated to the published catalogue, revision \d+; your 1 local change\(s\) were kept/).waitFor();
  await page.getByText('DNS summary, third revision.').first().waitFor();
  await page.goto(site.base + '/changes');
  await page.locator('.change.changed', { hasText: 'PostgreSQL (local name)' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a merge prepared before a save in another tab is not applied over that save', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/edit/services/postgresql-service');
  await page.getByLabel('Name *').fill('PostgreSQL (a name of this browser)');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.notice.success', { hasText: /Saved as revision/ }).waitFor();
  publish((doc) => {
    const pg = doc.services.find((s) => s.id === 'postgresql-service');
    pg.name = 'PostgreSQL (another published name)';
    pg.revision += 1;
  });
  await page.reload();
  await page.getByRole('link', { name: 'Review the merge' }).click();
  await page.getByRole('group', { name: /PostgreSQL/ }).waitFor();

  // Meanwhile another tab saves a change the merge was not made with.
  const other = await context.newPage();
  await other.goto(site.base + '/edit/services/dns-dhcp');
  await other.getByLabel('Family').fill('Saved in the other tab');
  await other.getByRole('button', { name: 'Save', exact: true }).click();
  await other.locator('.notice.success', { hasText: /Saved as revision/ }).waitFor();

  await page.getByRole('button', { name: 'Merge', exact: true }).click();
  await page.getByText(/Something was saved since this merge was prepared .* nothing changed: reload the page/).waitFor();
  await page.goto(site.base + '/services/dns-dhcp');
  await page.getByText('Saved in the other tab').first().waitFor();
  // Prepared again from what is stored now, the merge goes through.
  await page.getByRole('link', { name: 'Review the merge' }).click();
  await page.getByRole('button', { name: 'Merge', exact: true }).click();
  await page.getByText(/Merged: the catalogue is now revision/).waitFor();
  await page.goto(site.base + '/services/dns-dhcp');
  await page.getByText('Saved in the other tab').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Backstage descriptors are imported with a report of what was mapped and skipped', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/data');
  await page.locator('#export-button:not([disabled])').waitFor();
  const yaml = readFileSync(join(ROOT, 'crates', 'catalogue-core', 'tests', 'fixtures', 'backstage.yaml'));
  await page.locator('#import-file').setInputFiles({ name: 'catalog-info.yaml', mimeType: 'application/yaml', buffer: yaml });
  const report = page.locator('.backstage-report');
  await report.waitFor();
  assert.match(await report.innerText(), /API tracking-api-v2\s+skipped: APIs are interfaces/);
  assert.match(await report.innerText(), /Component tracking-api\s+service tracking-api/);
  await shot(page, 'backstage-import');
  await page.getByRole('button', { name: /Add \d+ records to the catalogue/ }).click();
  await page.getByText(/records added to the catalogue/).waitFor();
  await page.goto(site.base + '/services/shipment-tracking');
  await page.getByRole('heading', { name: 'Shipment Tracking', exact: true }).waitFor();

  // The services, imported ones included, as a spreadsheet.
  await page.goto(site.base + '/data');
  const csv = (await downloaded(page, () => page.getByRole('button', { name: 'services.csv' }).click())).text.split('\n');
  assert.match(csv[0], /^id,name,view,owner,lifecycle,tier/);
  assert.ok(csv.some((l) => l.startsWith('shipment-tracking,Shipment Tracking,business,Logistics Applications,')), csv.slice(0, 3).join('\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a different catalogue imported into the site.dir is kept, not replaced by the published one', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/data');
  await page.locator('#export-button:not([disabled])').waitFor();
  const other = JSON.parse(readFileSync(join(site.dir, 'catalogue.json'), 'utf8'));
  other.catalogue.name = 'Another team catalogue';
  other.catalogue.revision = 1;
  await page.locator('#import-file').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
  await page.locator('#confirm-import').click();
  await page.locator('.success').waitFor();
  await page.goto(site.base + '/');
  await page.locator('.service-row:not(.header)').first().waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('catalogue:published-checked').length > 0);
  assert.equal(await page.locator('.site-header .brand').innerText(), 'Another team catalogue');
  assert.equal(await page.locator('.notice', { hasText: /Updated to the published/ }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a start with nothing newer published asks for the small list file, not the whole catalogue', async () => {
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/');
  // A first visit stores the published catalogue (and looks for no newer one).
  await page.waitForFunction(() => performance.getEntriesByName('catalogue:derived-stored').length > 0);
  const asked = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname.split('/').pop()));
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('catalogue:published-checked').length > 0);
  assert.ok(asked.includes('catalogue.list.json'), asked.join(', '));
  assert.ok(!asked.includes('catalogue.json'), `the whole catalogue was fetched: ${asked.join(', ')}`);
  // A newer revision is still found, and then the whole file is fetched.
  const doc = publish((d) => { d.services[0].summary = 'Published after the reader came.'; });
  await page.reload();
  await page.locator('.notice', { hasText: `Updated to the published catalogue, revision ${doc.catalogue.revision}` }).waitFor();
  assert.ok(asked.includes('catalogue.json'));
  assert.deepEqual(errors, []);
  await context.close();
});
