// Service definitions kept beside the code (Datadog's service.datadog.yaml, OpsLevel's
// opslevel.yml, from public repositories) import on the import page with a report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSite, shot, watchErrors, ROOT } from './browser.mjs';

const site = useSite();
const FIXTURES = join(ROOT, 'crates', 'catalogue-core', 'tests', 'fixtures', 'service-definitions');

test("Datadog's and OpsLevel's service definitions import with a report", async () => {
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/data');
  await page.locator('#export-button:not([disabled])').waitFor();
  for (const [file, service, title] of [
    ['datadog/v2.1/acyl/service.datadog.yaml', 'service-acyl', 'service-acyl'],
    ['opslevel/opslevel-go/opslevel.yml', 'opslevel-golang-api-client', 'Opslevel Golang API Client'],
  ]) {
    const name = file.split('/').pop();
    await page.locator('#import-file').setInputFiles({ name, mimeType: 'application/yaml', buffer: readFileSync(join(FIXTURES, file)) });
    const report = page.locator('.backstage-report');
    await report.waitFor();
    assert.match(await page.locator('#backstage-title').innerText(), new RegExp(`${name.replace('.', '\\.')}: service definitions`));
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
