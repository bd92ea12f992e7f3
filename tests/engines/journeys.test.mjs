// The core journeys in Chromium, Firefox and WebKit: the same steps through the small
// driver of tests/engines/driver.mjs, each asserting what a reader sees. Every journey has
// its own static server, so its own origin: its own IndexedDB and service worker.
// ENGINES=firefox,webkit (comma-separated) runs only those engines.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishCatalogue, serve, serveCopy } from '../e2e/server.mjs';
import { ROOT } from '../e2e/browser.mjs';
import { ENGINES, launch, until, waitFor } from './driver.mjs';

const DEMO = JSON.parse(readFileSync(join(ROOT, 'public', 'catalogue.json'), 'utf8'));
const GATEWAY = DEMO.services.find((s) => s.id === 'api-gateway');
const ROW_NAME = '.service-row:not(.header) .cell-name a';
const PREFIX = '/service-catalogue';

const engines = process.env.ENGINES ? process.env.ENGINES.split(',') : ENGINES;

for (const engine of engines) {
  describe(engine, () => {
    let browser;
    before(async () => { browser = await launch(engine); });
    after(async () => { await browser?.close(); });

    /// A journey: a fresh server (so a fresh origin) and tab; no page error at its end.
    /// With `copy`, the server serves a copy of the build (`dir`), to publish into.
    const journey = (name, fn, { root = 'dist', prefix = '', copy = false } = {}) => test(`${engine}: ${name}`, async (t) => {
      const site = copy ? await serveCopy(join(ROOT, root)) : null;
      const { server, url } = site ? { server: null, url: site.url } : await serve(join(ROOT, root), 0, prefix);
      const page = await browser.page();
      try {
        await fn({ t, page, base: url, server, dir: site?.dir });
        await page.collect();
        assert.deepEqual(page.errors, [], 'no uncaught error or console error');
      } finally {
        await page.close();
        server?.closeAllConnections();
        server?.close();
        site?.close();
      }
    });

    journey('a first visit shows the list of services', async ({ page, base }) => {
      await page.goto(base + '/');
      await waitFor(page, ROW_NAME, { text: GATEWAY.name });
      // The mark is set on the frame after the list is drawn.
      await until(page, () => performance.getEntriesByName('catalogue:list-ready').length > 0, [], 5000,
        'the catalogue:list-ready mark');
    });

    journey('a deep link opens the service page', async ({ page, base }) => {
      await page.goto(`${base}/services/${GATEWAY.id}`);
      await waitFor(page, 'h1', { text: GATEWAY.name });
    });

    journey('search forgives a typo', async ({ page, base }) => {
      await page.goto(base + '/');
      await waitFor(page, ROW_NAME);
      // Typed once the app has taken over from the first screen: what is typed during the
      // takeover is carried over, but a driver's keystrokes can straddle it.
      await until(page, () => performance.getEntriesByName('catalogue:search-ready').length > 0, [], undefined, 'search ready');
      await page.type('#search-box', 'kubernets');
      await waitFor(page, '.results[data-query="kubernets"] #results .result-title', { text: 'Kubernetes' });
      await page.fill('#search-box', 'paymnt');
      const first = await waitFor(page, '.results[data-query="paymnt"] #results .result-title');
      assert.match(first, /^Payment/, `"paymnt" finds a payment record first, not ${first}`);
    });

    journey('an edit is saved, shown, and still there after a reload', async ({ page, base }) => {
      const summary = `Edited in ${engine}: one entry point for every API.`;
      await page.goto(`${base}/edit/services/${GATEWAY.id}`);
      // The form is filled from the stored record before it is edited.
      await until(page, () => document.querySelector('#f-summary')?.value, [], 20000, 'the summary field, filled');
      await page.fill('#f-summary', summary);
      await page.click('.record-form button[type=submit]:not([disabled])');
      await waitFor(page, '.notice.success', { text: 'Saved as revision' });
      await waitFor(page, '.lede', { text: summary });
      await page.reload();
      await waitFor(page, 'h1', { text: GATEWAY.name });
      await waitFor(page, '.lede', { text: summary });
    });

    // Safari deletes a site's data after seven days unopened: what is not exported is
    // marked, and reminded of once days old.
    journey('changes not exported are marked, and reminded of when days old', async ({ page, base }) => {
      await page.goto(`${base}/edit/services/${GATEWAY.id}`);
      await until(page, () => document.querySelector('#f-summary')?.value, [], 20000, 'the summary field, filled');
      await page.fill('#f-summary', `Changed in ${engine}, not exported yet.`);
      await page.click('.record-form button[type=submit]:not([disabled])');
      await waitFor(page, '.notice.success', { text: 'Saved as revision' });
      await waitFor(page, 'nav[aria-label="Main"] a', { text: 'not exported' });
      await page.evaluate((at) => localStorage.setItem('unexported-since', at), new Date(Date.now() - 5 * 86400000).toISOString());
      await page.reload();
      await waitFor(page, '#unexported-reminder', { text: 'over the last 5 days are not exported' });
    });

    journey('export offers the stored catalogue as a file', async ({ page, base }) => {
      await page.goto(base + '/data');
      await waitFor(page, '#export-button:not([disabled])');
      // Downloads differ in every engine and driver (puppeteer's Firefox and WebKitWebDriver
      // report no download), so the page itself records the file the app hands to the
      // browser: the Blob given to URL.createObjectURL and the name of the link clicked,
      // which is not followed. The browser's own saving of a file is not exercised.
      await page.evaluate(() => {
        const objectUrl = URL.createObjectURL;
        URL.createObjectURL = (blob) => { window.__blob = blob; return objectUrl.call(URL, blob); };
        HTMLAnchorElement.prototype.click = function () { window.__download = this.download; };
      });
      await page.click('#export-button');
      const file = await until(page, async () => window.__download
        && { name: window.__download, text: await window.__blob.text() }, [], 20000, 'the exported file');
      assert.equal(file.name, 'catalogue.json');
      const exported = JSON.parse(file.text);
      assert.equal(exported.catalogue.name, DEMO.catalogue.name);
      assert.equal(exported.services.length, DEMO.services.length);
    });

    journey('an imported file is previewed, then replaces the catalogue', async ({ page, base }) => {
      const dir = mkdtempSync(join(tmpdir(), 'catalogue-import-'));
      try {
        const renamed = structuredClone(DEMO);
        renamed.services.find((s) => s.id === GATEWAY.id).name = 'API Front Door';
        const file = join(dir, 'renamed.json');
        writeFileSync(file, JSON.stringify(renamed));
        await page.goto(base + '/data');
        // Once export is offered the published catalogue is stored.
        await waitFor(page, '#export-button:not([disabled])');
        await page.setFile('#import-file', file);
        await waitFor(page, '.preview #preview-title', { text: 'renamed.json is valid' });
        const services = await until(page, () => [...document.querySelectorAll('.preview tbody tr')]
          .find((tr) => tr.querySelector('th')?.textContent === 'services')?.innerText.split(/\s+/));
        assert.deepEqual(services, ['services', '0', '1', '0', String(DEMO.services.length - 1)],
          'services: none added, one changed, none removed, the others unchanged');
        await page.click('#confirm-import:not([disabled])');
        await waitFor(page, '.success', { text: 'Imported' });
        await page.goto(base + '/');
        await waitFor(page, ROW_NAME, { text: 'API Front Door' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    journey('Operations answers from the demo\'s records, and a ServiceNow export imports through its mapping', async ({ page, base }) => {
      await page.goto(`${base}/operations?until=2026-11-30`);
      await waitFor(page, '#operations-period', { text: '360 incidents, 90 changes' });
      await waitFor(page, '#q-first-time-fix .answer', { text: '64 %' });
      const dir = mkdtempSync(join(tmpdir(), 'operations-'));
      try {
        const file = join(dir, 'incident.csv');
        writeFileSync(file, 'number,business_service,priority,opened_at,resolved_at,reassignment_count\n'
          + `INC1,${GATEWAY.name},2 - High,2026-11-24 10:00:00,2026-11-24 12:00:00,0\n`
          + 'INC2,remote-access-vpn,3 - Moderate,2026-11-25 10:00:00,,1\n');
        await page.setFile('#operations-file', file);
        await waitFor(page, '#operations-mapping', { text: 'Columns of incident.csv' });
        await page.click('#mapping-read');
        await waitFor(page, '#operations-preview', { text: '2 incidents and 0 changes to store' });
        await page.click('#operations-save');
        await waitFor(page, '#operations-kept', { text: '2 incidents and 0 changes' });
        await waitFor(page, '#operations-period', { text: '2 incidents, 0 changes' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    // WebKit keeps a page it leaves with its transactions frozen and unfinished, and the
    // next visit's reads wait for them: the page ends its writes when it is left.
    journey('a first visit left while it stores the catalogue does not hold up the next one', async ({ page, base, dir }) => {
      const bigger = structuredClone(DEMO);
      bigger.catalogue.name = 'Bigger catalogue';
      for (let i = 0; i < 20000; i++) bigger.services.push({ ...GATEWAY, id: `bulk-service-${i}`, name: `Bulk service ${i}` });
      publishCatalogue(dir, bigger, JSON.stringify(bigger));
      await page.goto(base + '/');
      await until(page, () => performance.getEntriesByName('catalogue:storing-published').length > 0, [], 60000,
        'the published catalogue being stored');
      await page.goto(base + '/data');
      await waitFor(page, '#export-button:not([disabled])', { timeout: 60000 });
      await waitFor(page, '.site-header .brand', { text: bigger.catalogue.name });
      // Back to the visit that was left (WebKit keeps it, its write aborted): it is loaded
      // anew and shows what is stored.
      // Gone back after this script has returned (a script that navigates away gets no answer).
      await page.evaluate(() => { window.__left = true; setTimeout(() => history.back(), 0); });
      await until(page, () => !window.__left && performance.getEntriesByName('catalogue:all-read').length > 0, [], 60000,
        'the page gone back to, loaded anew with every record read');
      await waitFor(page, '.site-header .brand', { text: bigger.catalogue.name });
      assert.equal(await page.evaluate(() => document.querySelectorAll('.notice').length), 0, 'no notice');
    }, { copy: true });

    journey("a newer published catalogue is taken, and What's new lists what changed", async ({ page, base, dir }) => {
      await page.goto(base + '/data');
      // Once export is offered the published catalogue is stored.
      await waitFor(page, '#export-button:not([disabled])');
      await waitFor(page, '.site-footer', { text: `revision ${DEMO.catalogue.revision},` });
      const next = structuredClone(DEMO);
      next.catalogue.revision += 1;
      const gateway = next.services.find((s) => s.id === GATEWAY.id);
      gateway.summary = 'One door for every API.';
      gateway.revision += 1;
      publishCatalogue(dir, next, JSON.stringify(next));
      await page.goto(base + '/');
      await waitFor(page, '#whats-new-banner', { text: '1 record(s) changed' });
      await page.goto(base + '/whats-new');
      await waitFor(page, '.change.changed', { text: GATEWAY.name });
      const fields = await until(page, () => [...document.querySelectorAll('.change.changed tbody th')].map((th) => th.textContent));
      assert.deepEqual(fields, ['summary']);
      await waitFor(page, '.site-footer', { text: `revision ${next.catalogue.revision},` });
    }, { copy: true });

    // WebKitGTK's MiniBrowser (2.50) runs service workers under automation too, over
    // http://127.0.0.1 (a secure context in all three engines): no engine skips this.
    journey('after one visit the list shows with the server gone', async ({ page, base, server }) => {
      await page.goto(base + '/');
      await waitFor(page, ROW_NAME, { text: GATEWAY.name });
      await until(page, async () => {
        await navigator.serviceWorker.ready;
        return !!navigator.serviceWorker.controller;
      }, [], 20000, 'the service worker to control the page');
      // Kept-alive connections would still answer: end them too.
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await page.reload();
      await waitFor(page, ROW_NAME, { text: GATEWAY.name });
      await assert.rejects(fetch(base + '/'), 'the server is really gone');
    });

    journey('a site served under a path opens a deep link', async ({ page, base }) => {
      await page.goto(`${base}/services/${GATEWAY.id}`);
      await waitFor(page, 'h1', { text: GATEWAY.name });
      const home = await page.evaluate(() => document.querySelector('.site-header .brand')?.getAttribute('href'));
      assert.equal(home, `${PREFIX}/`, 'in-app links keep the path');
    }, { root: 'dist-pages', prefix: PREFIX });
  });
}
