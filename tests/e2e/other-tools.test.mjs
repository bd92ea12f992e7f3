// Other tools' files import on the import page with a report: service definitions kept
// beside the code (Datadog's service.datadog.yaml, OpsLevel's opslevel.yml) and
// Backstage's own example descriptors, all from public repositories; and SLOs go out as
// OpenSLO and come back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloaded, useSite, shot, watchErrors, ROOT } from './browser.mjs';

const site = useSite();
const FIXTURES = join(ROOT, 'crates', 'catalogue-core', 'tests', 'fixtures');

test("Datadog's, OpsLevel's and Backstage's published files import with a report", async () => {
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/data');
  await page.locator('#export-button:not([disabled])').waitFor();
  for (const [file, service, title, what] of [
    ['service-definitions/datadog/v2.1/acyl/service.datadog.yaml', 'service-acyl', 'service-acyl', 'service definitions'],
    ['service-definitions/opslevel/opslevel-go/opslevel.yml', 'opslevel-golang-api-client', 'Opslevel Golang API Client', 'service definitions'],
    ['backstage/examples/components/artist-lookup-component.yaml', 'artist-lookup', 'artist-lookup', 'Backstage descriptors'],
  ]) {
    const name = file.split('/').pop();
    await page.locator('#import-file').setInputFiles({ name, mimeType: 'application/yaml', buffer: readFileSync(join(FIXTURES, file)) });
    const report = page.locator('.backstage-report');
    await report.waitFor();
    assert.match(await page.locator('#backstage-title').innerText(), new RegExp(`${name.replace('.', '\\.')}: ${what}`));
    assert.match(await report.innerText(), new RegExp(`service ${service}`));
    await shot(page, `service-definitions-${service}`);
    await page.getByRole('button', { name: /Add \d+ records to the catalogue/ }).click();
    await page.getByText(/records added to the catalogue/).waitFor();
    await page.goto(site.base + `/services/${service}`);
    await page.getByRole('heading', { name: title, exact: true }).waitFor();
    await page.goto(site.base + '/data');
    await page.locator('#export-button:not([disabled])').waitFor();
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('SLOs exported as OpenSLO, edited, import back into the agreements', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/data');
  await page.locator('#export-button:not([disabled])').waitFor();
  const { text: slos } = await downloaded(page, () => page.getByRole('button', { name: 'slos.yaml', exact: true }).click());
  const database = slos.split('---').find((d) => d.includes('name: ola-database-postgresql-service-availability'));
  assert.ok(database, slos.slice(0, 400));
  const edited = database.replace('target: 0.9999', 'target: 0.9995');
  assert.notEqual(edited, database);
  await page.locator('#import-file').setInputFiles({ name: 'slos.yaml', mimeType: 'application/yaml', buffer: Buffer.from(`---${edited}`) });
  const preview = page.locator('.preview', { hasText: 'slos.yaml is valid' });
  await preview.waitFor();
  assert.match(await preview.innerText(), /SLO ola-database-postgresql-service-availability: into agreement ola-database/);
  const agreements = await preview.locator('tbody tr', { hasText: 'agreements' }).innerText();
  assert.match(agreements, /agreements\s+0\s+1\s+0/);
  await page.getByRole('button', { name: 'Save these changes' }).click();
  await page.getByText('Saved: 1 record(s) from the SLOs.').waitFor();
  await page.goto(site.base + '/agreements/ola-database');
  await page.getByText('99.95 %').first().waitFor();
  assert.match(await page.locator('table.targets td.slo').first().innerText(), /over 28d rolling, by occurrences, indicator postgresql-service-availability/);
  // Saved from its form, which has no SLO fields, the agreement keeps the measure.
  await page.goto(site.base + '/edit/agreements/ola-database');
  await page.getByLabel('Name *').fill('Database service OLA (renamed)');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.notice.success', { hasText: /Saved as revision/ }).waitFor();
  await page.goto(site.base + '/agreements/ola-database');
  await page.getByRole('heading', { name: 'Database service OLA (renamed)', exact: true }).waitFor();
  assert.match(await page.locator('table.targets td.slo').first().innerText(), /over 28d rolling/);
  assert.deepEqual(errors, []);
  await context.close();
});
