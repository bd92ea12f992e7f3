// Journeys of browsing: search (typo, prefix, facet, keyboard), impact analysis against the
// dependency data, hostile Markdown rendered inert, deep links in a fresh tab, runbook
// progress, quick jump, and an accessibility check of the main pages in both themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { shot, twoFrames, useSite, watchErrors, ROOT } from './browser.mjs';

const DEMO = JSON.parse(readFileSync(join(ROOT, 'public', 'catalogue.json'), 'utf8'));
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

const site = useSite();

async function open(path = '/', { colorScheme = 'light', catalogue, bypassCSP = false, width = 1280 } = {}) {
  // A routed catalogue.json must not be fetched by the service worker instead (it would
  // bypass the route), so those pages run without one.
  const context = await site.browser.newContext({ colorScheme, viewport: { width, height: 900 }, serviceWorkers: catalogue ? 'block' : 'allow', bypassCSP });
  const page = await context.newPage();
  const errors = watchErrors(page);
  if (catalogue) {
    await page.route('**/catalogue.json*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(catalogue) }));
  }
  await page.goto(site.base + path);
  return { context, page, errors };
}

const resultTitles = (page) => page.locator('#results .result-title').allInnerTexts();

test('search finds through a typo, a prefix and a facet, and the keyboard opens a result', async () => {
  const { context, page, errors } = await open('/');
  await page.locator('.service-row:not(.header)').first().waitFor();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-box', '/ focuses the search box');

  await page.keyboard.type('kubernets ');
  await page.waitForURL(/\/search\?q=kubernets/);
  await page.locator('#results .result').first().waitFor();
  const kube = DEMO.services.find((s) => s.id === 'kubernetes-platform');
  assert.ok((await resultTitles(page)).includes(kube.name), 'a typo still finds the Kubernetes platform');

  await page.fill('#search-box', '');
  await page.keyboard.type('postg');
  await page.locator('#results mark').first().waitFor();
  const titles = await resultTitles(page);
  const pg = DEMO.services.find((s) => s.id === 'postgresql-service');
  assert.ok(titles.slice(0, 3).includes(pg.name), `prefix "postg" ranks ${pg.name} near the top: ${titles}`);
  assert.match(await page.locator('#results mark').first().innerText(), /^postg/i, 'the matched word is highlighted');

  await page.locator('.facet', { hasText: 'Type' }).getByLabel(/article/).click();
  await page.waitForURL(/kind=article/);
  await page.locator('.result-count', { hasText: /records? for/ }).waitFor();
  const kinds = await page.locator('#results .result .badge').allInnerTexts();
  assert.ok(kinds.length > 0 && kinds.every((k) => k === 'article'), `only articles: ${kinds}`);
  await shot(page, 'search-facet');

  // Arrow down from the box into the results, Enter opens the focused one.
  await page.focus('#search-box');
  const focused = (id) => page.waitForFunction((id) => document.activeElement?.id === id, id, { timeout: 2000 });
  await page.keyboard.press('ArrowDown');
  await focused('result-0');
  await page.keyboard.press('ArrowDown');
  await focused('result-1');
  const second = await page.locator('#result-1 .result-title').innerText();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/articles\//);
  assert.equal(await page.locator('h1').innerText(), second);

  // Back returns to the same search.
  await page.goBack();
  await page.waitForURL(/kind=article/);
  assert.equal(await page.inputValue('#search-box'), 'postg');
  assert.deepEqual(errors, []);
  await context.close();
});

test('search forgives a typo in the word being typed, takes questions in the reader\'s words, and says when no record has every word', async () => {
  const { context, page, errors } = await open('/search');
  await page.locator('.result-count').waitFor();
  const typed = async (text) => {
    await page.fill('#search-box', text);
    await page.locator(`.results[data-query="${text}"] #result-0`).waitFor();
    return resultTitles(page);
  };
  for (const [text, meant] of [['paymnt', /payment/i], ['pasword', /password/i], ['retsore', /restore/i]]) {
    const titles = await typed(text);
    assert.match(titles[0], meant, `"${text}" finds ${meant} first: ${titles.slice(0, 3)}`);
  }
  const reset = DEMO.offerings.find((o) => o.id === 'password-reset');
  assert.ok((await typed('how do i reset my password')).slice(0, 3).includes(reset.name), 'filler words count against no record');
  const withEscalation = DEMO.services.filter((s) => s.support?.escalation?.length).map((s) => s.name);
  assert.ok(withEscalation.includes((await typed('escalation'))[0]), 'the escalation path a service page shows is searchable');

  await typed('vpn zeppelin');
  await page.locator('.result-count', { hasText: /No record has every word of “vpn zeppelin”; \d+ records? ha(s|ve) some of them/ }).waitFor();

  const knowledge = page.locator('nav[aria-label=Main] a', { hasText: 'Knowledge' });
  assert.equal(await knowledge.getAttribute('aria-current'), null, 'a search is not the knowledge page');
  await knowledge.click();
  await page.waitForURL(/kind=article/);
  await page.waitForFunction(() => [...document.querySelectorAll('nav[aria-label=Main] a')].find((a) => a.textContent.includes('Knowledge'))?.getAttribute('aria-current') === 'page');
  assert.deepEqual(errors, []);
  await context.close();
});

test('typing refines one search in the history, and a result opened at once comes back to the whole query', async () => {
  const { context, page, errors } = await open('/search');
  await page.locator('.result-count').waitFor();
  const before = await page.evaluate(() => history.length);
  await page.focus('#search-box');
  await page.keyboard.type('postgres fail', { delay: 20 });
  await page.locator('.results[data-query="postgres fail"] #result-0').waitFor();
  // Opened before typing paused: the URL is written first, so back finds this search.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/(services|offerings|agreements|articles|parties)\//);
  await page.goBack();
  await page.waitForURL(/q=postgres(\+|%20)fail/);
  assert.equal(await page.inputValue('#search-box'), 'postgres fail');
  assert.equal(await page.evaluate(() => history.length), before + 1, 'one history entry for the search, one for the result');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a facet lists its rarer values when asked, and choosing one narrows the results', async () => {
  const { context, page, errors } = await open('/search');
  const tags = page.locator('.facet', { hasText: 'Tag' });
  await tags.locator('details summary').waitFor();
  const more = Number((await tags.locator('details summary').innerText()).match(/\d+/)[0]);
  assert.equal(await tags.locator('input[type=checkbox]').count(), 8, 'the rest is not rendered until asked for');
  await tags.locator('details summary').click();
  await page.waitForFunction((n) => document.querySelectorAll('.facet details input[type=checkbox]').length >= n, more);
  const rare = tags.locator('details li').last();
  const expected = Number(await rare.locator('.count').innerText());
  await rare.locator('input').click();
  await page.waitForURL(/tag=/);
  await page.locator('.result-count', { hasText: `${expected} record` }).waitFor();
  assert.equal(await page.locator('#results .result').count(), expected);
  assert.deepEqual(errors, []);
  await context.close();
});

/// Opens the impact graph's second node with `act` (a click, a tap): its service's page
/// opens, titled as the node.
async function opensItsService(page, act) {
  const node = page.locator('.impact-graph .node').nth(1);
  const label = await node.locator('title').textContent();
  await act(node);
  await page.waitForURL(/\/services\/[^/]+$/);
  assert.equal(await page.locator('h1').innerText(), label);
}

test('impact analysis matches what the dependency data implies', async () => {
  const failing = 'postgresql-service';
  const expected = new Set([failing]);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of DEMO.services) {
      if (!expected.has(s.id) && (s.depends_on ?? []).some((d) => expected.has(d))) { expected.add(s.id); grew = true; }
    }
  }
  expected.delete(failing);
  const name = Object.fromEntries(DEMO.services.map((s) => [s.id, s.name]));
  const { context, page, errors } = await open(`/services/${failing}`);
  await page.getByRole('link', { name: 'Impact if it fails' }).click();
  await page.waitForURL(/\/impact$/);
  const rows = page.locator('.impact-table tbody tr');
  await rows.first().waitFor();
  const shown = new Set(await rows.locator('td:first-child').allInnerTexts());
  assert.deepEqual([...shown].sort(), [...expected].map((id) => name[id]).sort());
  assert.equal(await page.locator('.impact-graph .node').count(), expected.size + 1, 'one graph node per service hit, and the failing one');
  // Every path shown is a real chain of dependencies.
  for (const path of await rows.locator('td.path').allInnerTexts()) {
    const ids = path.split(' → ').map((n) => DEMO.services.find((s) => s.name === n).id);
    for (let i = 1; i < ids.length; i++) {
      const dependent = DEMO.services.find((s) => s.id === ids[i]);
      assert.ok(dependent.depends_on.includes(ids[i - 1]), `${ids[i]} depends on ${ids[i - 1]}`);
    }
  }
  await shot(page, 'impact');
  // A graph node opens its service.
  await opensItsService(page, (node) => node.click());
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone the impact graph pans with a finger, zooms with two, and a tap opens a service', async () => {
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.base + '/services/postgresql-service/impact');
  const graph = page.locator('.impact-graph');
  await graph.locator('.node').first().waitFor();
  const viewBox = async () => (await graph.getAttribute('viewBox')).split(' ').map(Number);
  await graph.scrollIntoViewIfNeeded();
  const box = await graph.boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  // Real touch points, as a phone's screen sends them.
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });

  const before = await viewBox();
  await touch('touchStart', [[cx, cy]]);
  for (const dx of [20, 40, 60]) await touch('touchMove', [[cx - dx, cy]]);
  await touch('touchEnd', []);
  const panned = await viewBox();
  assert.ok(panned[0] > before[0], `dragging left moves the view right: ${before} → ${panned}`);
  assert.equal(panned[2], before[2], 'a drag does not zoom');

  await touch('touchStart', [[cx - 20, cy], [cx + 20, cy]]);
  for (const spread of [40, 60, 80]) await touch('touchMove', [[cx - spread, cy], [cx + spread, cy]]);
  await touch('touchEnd', []);
  const zoomed = await viewBox();
  assert.ok(zoomed[2] < panned[2] / 2, `spreading two fingers zooms in: ${panned} → ${zoomed}`);
  await shot(page, 'impact-touch-390');

  await page.locator('.graph-tools').getByRole('button', { name: 'Fit' }).tap();
  await opensItsService(page, (node) => node.tap());
  assert.deepEqual(errors, []);
  await context.close();
});

test('an article carrying hostile HTML renders inert', async () => {
  const hostile = structuredClone(DEMO);
  hostile.articles.push({
    id: 'zz-hostile', revision: 1, updated_at: '2026-11-01T00:00:00Z', kind: 'how_to', title: 'Hostile article', owner: DEMO.parties[0].id,
    body: [
      '# Heading', '<script>window.__pwned = 1</script>', '<img src=x onerror="window.__pwned = 2">',
      '[click me](javascript:window.__pwned=3)', '<a href="javascript:window.__pwned=4">raw link</a>',
      '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj4=)', '<iframe src="https://evil.example"></iframe>',
      '<div style="position:fixed;inset:0;background:red">overlay</div>', 'Safe: <kbd>Ctrl</kbd>',
    ].join('\n\n'),
  });
  const { context, page, errors } = await open('/articles/zz-hostile', { catalogue: hostile });
  await page.locator('h1', { hasText: 'Hostile article' }).waitFor();
  const body = page.locator('.article .prose.body');
  await body.waitFor();
  for (const selector of ['script', 'img', 'iframe', '[onerror]', '[style]', 'a[href^="javascript"]']) {
    assert.equal(await body.locator(selector).count(), 0, `no ${selector} in the rendered article`);
  }
  await page.getByText('click me').click();
  await twoFrames(page);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing ran');
  assert.match(await body.innerText(), /<script>window.__pwned = 1<\/script>/, 'the markup is shown as text');
  assert.equal(await body.locator('kbd').count(), 1, 'harmless inline HTML is kept');
  await shot(page, 'hostile-article');
  assert.deepEqual(errors, []);
  await context.close();
});

test('deep links open the right page in a fresh tab, runbook ticks persist', async () => {
  const runbook = DEMO.articles.find((a) => a.kind === 'runbook');
  const { context, page, errors } = await open(`/articles/${runbook.id}`);
  await page.locator('h1', { hasText: runbook.title }).waitFor();
  assert.equal(await page.locator('.step').count(), runbook.steps.length);
  await page.locator('#step-1').check();
  await page.locator('#step-2').check();
  await page.locator('.progress', { hasText: `2 of ${runbook.steps.length} steps done` }).waitFor();
  await page.reload();
  await page.locator('.progress', { hasText: `2 of ${runbook.steps.length} steps done` }).waitFor();
  assert.ok(await page.locator('#step-2').isChecked());
  await shot(page, 'runbook');

  const tab = await context.newPage();
  await tab.goto(`${site.base}/search?q=vpn&kind=article`);
  await tab.locator('#results .result').first().waitFor();
  assert.equal(await tab.inputValue('#search-box'), 'vpn');
  assert.ok(await tab.locator('.facet', { hasText: 'Type' }).getByLabel(/article/).isChecked());
  const party = DEMO.parties.find((p) => p.kind === 'team');
  await tab.goto(`${site.base}/parties/${party.id}`);
  await tab.locator('h1', { hasText: party.name }).waitFor();
  await tab.goto(`${site.base}/services/no-such-service`);
  await tab.locator('h1', { hasText: 'No such service' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('quick jump opens any record with Ctrl-K', async () => {
  const { context, page, errors } = await open('/');
  await page.locator('.service-row:not(.header)').first().waitFor();
  await page.keyboard.press('Control+k');
  await page.locator('dialog.palette[open]').waitFor();
  await page.keyboard.type('kafka broker');
  await page.locator('#palette-results li').first().waitFor();
  const first = await page.locator('#palette-results li').first().innerText();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/(articles|services|offerings)\//);
  // The page opened is fetched on demand: the list stays until it comes.
  await page.locator('h1:not(:text-is("Services"))').waitFor();
  assert.ok(first.includes(await page.locator('h1').innerText()), `${first} opened`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the theme chosen in the header wins over the system\'s and is kept', async () => {
  const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [WHITE, DARK] = ['rgb(255, 255, 255)', 'rgb(13, 17, 23)'];
  for (const [colorScheme, system, chosen, other] of [['light', WHITE, 'dark', DARK], ['dark', DARK, 'light', WHITE]]) {
    const { context, page, errors } = await open('/', { colorScheme });
    await page.locator('.service-row:not(.header)').first().waitFor();
    assert.equal(await background(page), system, `the ${colorScheme} system theme`);
    const toggle = page.getByRole('combobox', { name: 'Theme' });
    await toggle.selectOption(chosen);
    assert.equal(await background(page), other, `${chosen} chosen on a ${colorScheme} system`);
    await page.reload();
    await page.locator('.service-row:not(.header)').first().waitFor();
    assert.equal(await background(page), other, 'the choice is kept');
    await toggle.selectOption('system');
    assert.equal(await background(page), system, 'back to the system theme');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('main pages have no serious or critical accessibility violations, in both themes, on a desktop and a phone', async () => {
  const runbook = DEMO.articles.find((a) => a.kind === 'runbook');
  const pages = ['/', '/search?q=postgres', '/services/customer-invoicing', '/services/postgresql-service/impact', `/articles/${runbook.id}`, '/parties/data-platform', '/data', '/edit/services/customer-invoicing', '/new/agreements', '/history/services/customer-invoicing', '/changes', '/health', '/scorecards', '/scorecards/service-maturity', '/feasibility', '/agreements/sla-order-management'];
  for (const [colorScheme, width] of [['light', 1280], ['dark', 1280], ['light', 390], ['dark', 390]]) {
    // axe-core is injected as an inline script, which the site's policy rightly refuses.
    const { context, page, errors } = await open('/', { colorScheme, bypassCSP: true, width });
    for (const path of pages) {
      await page.goto(site.base + path);
      await page.locator('main h1').first().waitFor();
      // Checked once the page has read what it shows.
      await page.waitForFunction(() => !document.querySelector('main .loading'));
      await page.addScriptTag({ content: AXE });
      const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }));
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(bad, [], `${path} in ${colorScheme} theme at ${width} px`);
    }
    await page.goto(site.base + '/services/customer-invoicing');
    await page.locator('main h1').waitFor();
    await shot(page, `service-${colorScheme}-${width}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
