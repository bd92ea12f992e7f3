// The first screen: the service list is painted by the app's first, small module before
// the rest of the app (Leptos, the pages) has arrived. It scrolls, its links work, the
// app takes over without moving anything, and an app that cannot be fetched leaves the
// list on screen with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { shot, stored, useSite, watchErrors, ROOT } from './browser.mjs';

const DEMO = JSON.parse(readFileSync(join(ROOT, 'public', 'catalogue.json'), 'utf8'));
// The list's first order: by name (compared lowercased), services of the same name by id.
const BY_NAME = [...DEMO.services]
  .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  .sort((a, b) => { const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()]; return x < y ? -1 : x > y ? 1 : 0; });
const APP = '**/app/*/split_app.wasm';

const site = useSite();

/// A page whose app module is held until `release()` is called.
async function heldPage() {
  const context = await site.browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const gate = {};
  gate.hold = async () => {
    const held = new Promise((resolve) => { gate.release = resolve; });
    await page.unroute(APP);
    await page.route(APP, async (route) => { await held; await route.continue(); });
  };
  await gate.hold();
  return { context, page, errors, gate };
}

test('the list is on screen before the app has arrived, scrolls, and does not move when the app takes over', async () => {
  const { context, page, errors, gate } = await heldPage();
  await page.goto(site.base + '/');
  const first = page.locator('#first-screen-shown');
  await first.locator('.service-row:not(.header)').first().waitFor();
  assert.equal(await first.locator('.result-count').textContent(), `${DEMO.services.length} shown`);
  assert.equal(await first.locator('.cell-name a').first().textContent(), BY_NAME[0].name);
  assert.equal(await first.locator('.site-header .brand').textContent(), DEMO.catalogue.name);
  // (A full-page screenshot resizes the viewport, and so the list: taken before scrolling.)
  await shot(page, 'first-screen');
  // Only the rows in view are rendered; scrolling to the end renders the last ones.
  const lastRow = page.locator(`.service-row[aria-rowindex="${DEMO.services.length + 1}"]`);
  assert.equal(await lastRow.count(), 0, 'the rows out of view are not rendered');
  await first.locator('#service-rows').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await lastRow.waitFor();
  assert.equal(await lastRow.locator('.cell-name a').textContent(), BY_NAME.at(-1).name);
  const box = async (locator) => JSON.stringify(await locator.boundingBox());
  const before = { row: await box(lastRow), header: await box(page.locator('.service-row.header')), title: await box(page.locator('#services-title')) };

  // The app takes over with the same status ("checking and storing"): the code that
  // stores the published catalogue, after which the page changes, is held as well.
  let store;
  const storing = new Promise((resolve) => { store = resolve; });
  await page.route('**/app/*/split_state_after_list.wasm', async (route) => { await storing; await route.continue(); });
  gate.release();
  await first.waitFor({ state: 'detached' });
  await lastRow.waitFor();
  const after = { row: await box(lastRow), header: await box(page.locator('.service-row.header')), title: await box(page.locator('#services-title')) };
  assert.deepEqual(after, before, 'the app shows the list where the first screen had it, scrolled as it was');
  store();
  // The app's list is live.
  await page.locator('#service-filter').fill(BY_NAME.at(-1).name);
  await page.locator('.result-count', { hasText: /^1 shown$/ }).waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('catalogue:search-ready').length > 0);
  assert.equal((await stored(page)).services, DEMO.services.length, 'the published catalogue was stored');
  assert.deepEqual(errors, []);
  await context.close();
});

/// The markup of the header and the list's controls as an outline: each element's tag,
/// identity (id, class, role, labels, link, form attributes) and own text, the rows and
/// what changes while the catalogue opens (counts, status) left out.
function outline(root) {
  const ATTRS = ['id', 'class', 'role', 'aria-label', 'aria-labelledby', 'href', 'for', 'type', 'placeholder', 'value'];
  const SKIP = '.virtual-rows, .counts, .result-count, .loading, .notice, .unexported';
  const walk = (el) => {
    if (el.matches(SKIP)) return `${el.tagName.toLowerCase()}.${el.className}`;
    const attrs = ATTRS.filter((a) => el.hasAttribute(a)).map((a) => `${a}=${el.getAttribute(a)}`);
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').replace(/\s+/g, ' ').trim();
    const children = [...el.children].map(walk);
    return [`${el.tagName.toLowerCase()} ${attrs.join(' ')} ${text ? JSON.stringify(text) : ''}`.trim(), ...children.map((c) => (typeof c === 'string' ? [c] : c))];
  };
  return [root.querySelector('header.site-header'), root.querySelector('section[aria-labelledby="services-title"]')].map(walk);
}

test('the first screen has the markup of the app it hands over to', async () => {
  const { context, page, errors, gate } = await heldPage();
  await page.goto(site.base + '/');
  const first = page.locator('#first-screen-shown');
  await first.locator('.service-row:not(.header)').first().waitFor();
  const before = await first.evaluate(outline);
  gate.release();
  await first.waitFor({ state: 'detached' });
  await page.locator('body > main .service-row:not(.header)').first().waitFor();
  const after = await page.locator('body').evaluate(outline);
  assert.deepEqual(before, after);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a service clicked on the first screen opens once the app has arrived', async () => {
  const { context, page, errors, gate } = await heldPage();
  await page.goto(site.base + '/');
  const first = page.locator('#first-screen-shown');
  const target = BY_NAME[1];
  await first.getByRole('link', { name: target.name, exact: true }).click();
  await page.waitForURL((url) => url.pathname.endsWith(`/services/${target.id}`));
  await first.locator('main > [role=status]', { hasText: 'Opening…' }).waitFor();
  gate.release();
  await page.locator('#service-title', { hasText: target.name }).waitFor();
  // Back goes to the list, now the app's.
  await page.goBack();
  await page.locator('.service-row:not(.header) .cell-name a').first().waitFor();
  assert.equal(await page.locator('#first-screen-shown').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('when the app cannot be fetched, the first screen keeps the list and says why; a reload recovers', async () => {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.route(APP, (route) => route.abort('internetdisconnected'));
  await page.goto(site.base + '/');
  await page.getByRole('alert').filter({ hasText: 'Part of the app could not be downloaded' }).waitFor();
  assert.equal(await page.locator('.service-row:not(.header)').first().isVisible(), true, 'the list stays on screen');
  assert.equal(await page.locator('#search-box').isDisabled(), true, 'the search box, which nothing would read, is disabled');
  await shot(page, 'app-not-fetched');
  assert.equal((await stored(page)).services, 0, 'nothing was stored');
  await page.unroute(APP);
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('catalogue:search-ready').length > 0);
  assert.equal((await stored(page)).services, DEMO.services.length);
  assert.ok(errors.every((e) => /split_app|ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), errors.join('\n'));
  await context.close();
});

test('what is typed on the first screen reaches the app: text after / searches, Ctrl-K opens the quick jump, the filter narrows at once', async () => {
  const { context, page, errors, gate } = await heldPage();
  await page.goto(site.base + '/');
  const first = page.locator('#first-screen-shown');
  await first.locator('.service-row:not(.header)').first().waitFor();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.closest('#first-screen-shown') && document.activeElement.id), 'search-box');
  await page.keyboard.type('kubernetes');
  gate.release();
  await page.waitForURL(/\/search\?q=kubernetes/);
  await page.locator('#results .result').first().waitFor();
  assert.equal(await page.locator('#search-box').inputValue(), 'kubernetes');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-box', 'the search box keeps the focus');

  await gate.hold();
  await page.goto(site.base + '/');
  await first.locator('.service-row:not(.header)').first().waitFor();
  await page.keyboard.press('Control+k');
  gate.release();
  await page.locator('dialog.palette[open]').waitFor();
  await page.keyboard.type('kafka broker');
  await page.locator('#palette-results li').first().waitFor();
  await page.keyboard.press('Escape');

  // The filter narrows the first screen's list as the app's does, and the app keeps it.
  await gate.hold();
  await page.goto(site.base + '/');
  await first.locator('.service-row:not(.header)').first().waitFor();
  const needle = 'backup';
  const expected = DEMO.services.filter((s) => [s.name, s.summary ?? '', s.id, s.family ?? '', ...(s.tags ?? [])].some((t) => t.toLowerCase().includes(needle))).length;
  assert.ok(expected > 0 && expected < DEMO.services.length);
  await first.locator('#service-filter').fill(needle);
  await first.locator('.result-count', { hasText: `${expected} shown` }).waitFor();
  assert.equal(await first.locator('.service-row:not(.header)').count(), expected);
  gate.release();
  await first.waitFor({ state: 'detached' });
  await page.waitForURL(/filter=backup/);
  assert.equal(await page.locator('.result-count').textContent(), `${expected} shown`);
  assert.equal(await page.locator('#service-filter').inputValue(), needle);
  assert.deepEqual(errors, []);
  await context.close();
});

// A first visit shows the list from the small list file the build writes beside the
// published catalogue, while the whole file is still on its way; a site without the list
// file shows it from the whole file.
test('a first visit shows the list from the list file before the whole catalogue arrives, and without it from the whole file', async () => {
  // In step with the published catalogue: the same records, each with the fields the list shows.
  const published = JSON.parse(readFileSync(join(ROOT, 'dist', 'catalogue.json'), 'utf8'));
  const list = JSON.parse(readFileSync(join(ROOT, 'dist', 'catalogue.list.json'), 'utf8'));
  assert.deepEqual(list.catalogue, published.catalogue);
  for (const kind of ['parties', 'services']) {
    assert.deepEqual(list[kind].map((r) => r.id), published[kind].map((r) => r.id));
    list[kind].forEach((r, i) => { for (const [k, v] of Object.entries(r)) assert.deepEqual(v, published[kind][i][k], `${kind} ${r.id} ${k}`); });
  }
  assert.ok(list.services.every((s) => s.name && s.owner && !('description' in s)));

  for (const withList of [true, false]) {
    const context = await site.browser.newContext({ serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    if (!withList) await page.route('**/catalogue.list.json*', (route) => route.fulfill({ status: 404, body: 'not found' }));
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/catalogue.json?*', async (route) => { if (withList) await held; await route.continue(); });
    await page.goto(site.base + '/');
    await page.locator('.service-row:not(.header)').first().waitFor();
    assert.equal(await page.locator('.service-row:not(.header) .cell-name a').first().innerText(), BY_NAME[0].name);
    release();
    // The whole catalogue is stored and every page works.
    await page.locator('p.counts').filter({ hasText: `${DEMO.articles.length} articles` }).waitFor();
    // Chromium logs the missing list file's 404, which the site expects.
    const unexpected = errors.filter((e) => withList || !e.includes('catalogue.list.json'));
    assert.deepEqual(unexpected, [], withList ? 'with the list file' : 'without it');
    await context.close();
  }
});

// The main module is the first screen: what it is built from names no Leptos item, so it
// never pulls Leptos in (the linker would keep it only if called, which a review misses).
// Each file may name, inside the crate, only files of the same set.
const FIRST_SCREEN = ['first_screen/mod.rs', 'first_screen/markup.rs', 'listing.rs', 'theme.rs', 'links.rs', 'platform.rs', 'state/open.rs', 'state/store.rs'];

test('the first screen and what it calls name no Leptos item and no other module of the app', () => {
  const module = (file) => file.replace(/\.rs$/, '').replace(/\/mod$/, '');
  const allowed = new Set(FIRST_SCREEN.map(module));
  const problems = [];
  for (const file of FIRST_SCREEN) {
    const code = readFileSync(join(ROOT, 'src', file), 'utf8').split('\n').filter((l) => !l.trim().startsWith('//')).join('\n');
    if (/\bleptos(_router)?\b/.test(code)) problems.push(`${file} names leptos`);
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    for (const [, path] of code.matchAll(/\b((?:crate|super)(?:::\w+)+)/g)) {
      const parts = path.split('::');
      const base = parts[0] === 'crate' ? [] : dir.split('/').filter(Boolean).slice(0, -1);
      const named = [...base, ...parts.slice(1)];
      // The longest prefix of the path that is a file of the crate decides.
      const target = named.map((_, i) => named.slice(0, i + 1).join('/')).reverse().find((m) => allowed.has(m) || existsModule(m));
      if (target && !allowed.has(target)) problems.push(`${file} names ${path} (src/${target})`);
    }
  }
  assert.deepEqual(problems, []);
});

function existsModule(m) {
  return ['.rs', '/mod.rs'].some((ext) => { try { return readFileSync(join(ROOT, 'src', m + ext)) && true; } catch { return false; } });
}
