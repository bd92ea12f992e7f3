// Debian's Chromium driven by playwright-core (never a downloaded browser).
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { serve, serveCopy } from './server.mjs';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(ROOT, 'tests', 'e2e', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...extraArgs],
  });
}

/// For a test file: serves the release build in `dist` and launches Chromium before its
/// tests (`site.base`, `site.browser`), and closes both after them.
export function useSite() {
  const site = {};
  before(async () => {
    ({ server: site.server, url: site.base } = await serve(join(ROOT, 'dist')));
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}

/// Like `useSite`, on a copy of the build (`site.dir`), into which a test can deploy a
/// new version of the site or publish a new catalogue.json.
export function useSiteCopy() {
  const site = {};
  before(async () => {
    const copy = await serveCopy(join(ROOT, 'dist'));
    Object.assign(site, { dir: copy.dir, base: copy.url, close: copy.close });
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    site.close?.();
  });
  return site;
}

/// The file a click downloads: its suggested name and its text.
export async function downloaded(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/// Collects every uncaught error and console error of the page, for the test to assert
/// there were none. A deep link answered with the site's 404 page (how GitHub Pages serves
/// the app at any path) is expected, and the browser's console line about it is left out.
export function watchErrors(page) {
  const errors = [];
  const appAt404 = new Set();
  page.on('response', (r) => {
    if (r.status() === 404 && r.request().isNavigationRequest()) appAt404.add(r.url());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (m.text().includes('status of 404') && appAt404.has(m.location().url)) return;
    errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  return errors;
}

/// What the app's database holds, read straight from IndexedDB: the catalogue's name and
/// how many records each of `stores` has; for kinds of record, in the set of record
/// stores holding the catalogue (`derived`'s `records_in`: 1 is the stores
/// named `<kind>_b`, where an import through the workers moves it), or with `beside`, in
/// the other set (where an import is written before it is confirmed).
export async function stored(page, stores = ['services'], { beside = false } = {}) {
  return page.evaluate(([stores, beside]) => new Promise((resolve, reject) => {
    const open = indexedDB.open('service-catalogue');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const set = db.transaction('derived').objectStore('derived').get('records_in');
      set.onerror = () => reject(set.error);
      set.onsuccess = () => {
        const kinds = ['parties', 'calendars', 'services', 'offerings', 'agreements', 'articles', 'scorecards'];
        const second = (set.result === 1) !== beside;
        const names = stores.map((s) => (second && kinds.includes(s) ? `${s}_b` : s));
        const tx = db.transaction(['meta', ...names]);
        const meta = tx.objectStore('meta').get('catalogue');
        const counts = names.map((s) => tx.objectStore(s).count());
        tx.oncomplete = () => {
          resolve(Object.fromEntries([['name', meta.result?.name], ...stores.map((s, i) => [s, counts[i].result])]));
          db.close();
        };
        tx.onerror = () => reject(tx.error);
      };
    };
  }), [stores, beside]);
}

/// Waits until nothing of an import is left beside the catalogue: the records it replaced,
/// or those of a cancelled one, are cleared once nothing needs them.
export async function nothingLeftBeside(page, stores) {
  const until = Date.now() + 60_000;
  for (;;) {
    const left = await stored(page, stores, { beside: true });
    if (stores.every((s) => left[s] === 0)) return;
    if (Date.now() > until) assert.fail(`records left beside the catalogue: ${JSON.stringify(left)}`);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
}

/// Waits until the page has painted twice: what a click or a navigation set off has run.
/// For checks that something did not happen, which have no event to wait for.
export async function twoFrames(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}
