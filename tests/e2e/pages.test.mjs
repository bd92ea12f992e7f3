// The site as GitHub Pages serves a project site: under /<repository>/, unknown paths
// answered by 404.html. Deep links opened in a fresh browser land on the right page and
// links stay under the prefix. Needs the build in dist-pages/ (scripts/test.sh makes it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch, watchErrors, ROOT } from './browser.mjs';

export const PREFIX = '/service-catalogue';
const DEMO = JSON.parse(readFileSync(join(ROOT, 'public', 'catalogue.json'), 'utf8'));

let server, base, browser;
before(async () => {
  ({ server, url: base } = await serve(join(ROOT, 'dist-pages'), 0, PREFIX));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('deep links work under the repository path, as on GitHub Pages', async () => {
  const service = DEMO.services.find((s) => (s.depends_on ?? []).length > 0);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const response = await page.goto(`${base}/services/${service.id}`);
  assert.equal(response.status(), 404, 'Pages answers a deep link with its 404 page');
  await page.locator('h1', { hasText: service.name }).waitFor();
  // In-app links keep the prefix.
  const dependency = DEMO.services.find((s) => s.id === service.depends_on[0]);
  await page.locator('.depends-on a', { hasText: dependency.name }).click();
  await page.waitForURL(`${base}/services/${dependency.id}`);
  await page.locator('h1', { hasText: dependency.name }).waitFor();
  await page.goBack();
  await page.locator('h1', { hasText: service.name }).waitFor();
  // A search deep link in a fresh tab.
  const tab = await context.newPage();
  await tab.goto(`${base}/search?q=vpn`);
  await tab.locator('#results .result').first().waitFor();
  assert.equal(await tab.inputValue('#search-box'), 'vpn');
  assert.deepEqual(errors, []);
  await context.close();
});
