// Hostile text everywhere: over a hundred XSS payloads in every free-text field of every
// record kind and in article Markdown, imported, then every page that shows them opened
// in Chromium. Each payload calls window.__xss(n) if it ever runs; none may.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { twoFrames, useSite, ROOT } from './browser.mjs';

const DEMO = JSON.parse(readFileSync(join(ROOT, 'public', 'catalogue.json'), 'utf8'));

// Templates of known XSS vectors; `N` becomes the payload's number.
const TEMPLATES = [
  '<script>__xss(N)</script>',
  '<img src=x onerror=__xss(N)>',
  '<img src="x" onerror="__xss(N)">',
  '<svg onload=__xss(N)>',
  '<svg><script>__xss(N)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=__xss(N)>',
  '<body onload=__xss(N)>',
  '<iframe src="javascript:__xss(N)"></iframe>',
  '<iframe srcdoc="<script>parent.__xss(N)</script>"></iframe>',
  '<a href="javascript:__xss(N)">click</a>',
  '[click](javascript:__xss(N))',
  '[click](JaVaScRiPt:__xss(N))',
  '[click](&#106;avascript:__xss(N))',
  '[click](data:text/html,<script>parent.__xss(N)</script>)',
  '![x](javascript:__xss(N))',
  '<details open ontoggle=__xss(N)>',
  '<input autofocus onfocus=__xss(N)>',
  '<video><source onerror=__xss(N)></video>',
  '<object data="javascript:__xss(N)"></object>',
  '<embed src="javascript:__xss(N)">',
  '<form action="javascript:__xss(N)"><button>go</button></form>',
  '<div style="background:url(javascript:__xss(N))">css</div>',
  '<style>@import "javascript:__xss(N)";</style>',
  '<link rel=stylesheet href="javascript:__xss(N)">',
  '<meta http-equiv="refresh" content="0;url=javascript:__xss(N)">',
  '<base href="javascript:__xss(N)//">',
  '"><script>__xss(N)</script>',
  "'><img src=x onerror=__xss(N)>",
  '</textarea><script>__xss(N)</script>',
  '<noscript><p title="</noscript><img src=x onerror=__xss(N)>">',
  '<svg><animate onbegin=__xss(N) attributeName=x dur=1s>',
  '<marquee onstart=__xss(N)>',
  '<select autofocus onfocus=__xss(N)>',
  '<keygen autofocus onfocus=__xss(N)>',
];
const PAYLOADS = [];
for (let round = 0; PAYLOADS.length < 102; round++) {
  for (const t of TEMPLATES) {
    const n = PAYLOADS.length;
    // Three spellings of each vector: as is, upper-cased tags, and inside a Markdown code span's neighbour.
    const p = round === 0 ? t : round === 1 ? t.replace(/<([a-z]+)/g, (_, tag) => `<${tag.toUpperCase()}`) : `text ${t} text`;
    PAYLOADS.push(p.replaceAll('N', String(n)));
    if (PAYLOADS.length === 102) break;
  }
}

/// The demo catalogue with payloads in every free-text field, cycling through them.
function hostileCatalogue() {
  const cat = structuredClone(DEMO);
  let i = 0;
  const next = () => PAYLOADS[i++ % PAYLOADS.length];
  const line = (s) => `${s.slice(0, 40)} ${next()}`.slice(0, 290);
  for (const p of cat.parties) { p.name = line(p.name); p.description = next(); }
  for (const c of cat.calendars) { c.name = line(c.name); for (const h of c.holidays ?? []) h.name = line(h.name); }
  for (const s of cat.services) {
    s.name = line(s.name); s.summary = line(s.summary); s.family = s.family ? line(s.family) : s.family;
    s.description = `${s.description ?? ''}\n\n${next()}\n\n${next()}`;
    s.utility = [...(s.utility ?? []), next()];
    for (const l of s.links ?? []) l.title = line(l.title);
    for (const c of s.support?.channels ?? []) c.note = next();
    for (const e of s.support?.escalation ?? []) e.note = next();
    for (const r of s.support?.raci ?? []) r.role = line(r.role);
    if (s.warranty) for (const k of Object.keys(s.warranty)) s.warranty[k] = line(s.warranty[k]);
  }
  for (const o of cat.offerings) {
    o.name = line(o.name); o.summary = line(o.summary); o.how_to_request = next();
    for (const e of [...(o.goods ?? []), ...(o.access ?? []), ...(o.actions ?? [])]) { e.name = line(e.name); e.description = next(); }
    o.consumers = (o.consumers ?? []).map(line);
  }
  for (const a of cat.agreements) { a.name = line(a.name); a.summary = line(a.summary ?? ''); for (const t of a.targets ?? []) if (t.name) t.name = line(t.name); }
  for (const a of cat.articles) {
    a.title = line(a.title); a.summary = line(a.summary ?? '');
    a.body = `${a.body ?? ''}\n\n${next()}\n\n${next()}`;
    if (a.known_error) for (const k of ['symptom', 'cause', 'workaround']) a.known_error[k] += `\n\n${next()}`;
    for (const s of a.steps ?? []) { s.title = line(s.title); s.body = `${s.body ?? ''}\n\n${next()}`; }
  }
  // One article carries every payload in its Markdown.
  cat.articles.push({
    id: 'zz-every-payload', revision: 1, updated_at: '2026-11-01T00:00:00Z', kind: 'how_to', title: 'Every payload',
    owner: cat.parties[0].id, services: [cat.services[0].id], body: PAYLOADS.join('\n\n'),
  });
  return cat;
}

const site = useSite();

test(`${PAYLOADS.length} XSS payloads in every text field and in Markdown never run`, async () => {
  const cat = hostileCatalogue();
  // The routed catalogue.json must not be fetched by the service worker instead.
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  await context.addInitScript(() => {
    window.__fired = [];
    window.__xss = (n) => window.__fired.push(n);
  });
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await page.route('**/catalogue.json*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(cat) }));
  await page.goto(site.base + '/');
  await page.locator('.service-row:not(.header)').first().waitFor();

  const paths = ['/', '/search?q=script', '/search?q=img', '/articles/zz-every-payload', '/changes', '/data'];
  for (const s of cat.services) paths.push(`/services/${s.id}`);
  for (const s of cat.services.slice(0, 5)) paths.push(`/services/${s.id}/impact`, `/edit/services/${s.id}`);
  for (const o of cat.offerings) paths.push(`/offerings/${o.id}`);
  for (const a of cat.agreements) paths.push(`/agreements/${a.id}`);
  for (const a of cat.articles) paths.push(`/articles/${a.id}`);
  for (const p of cat.parties) paths.push(`/parties/${p.id}`);
  for (const c of cat.calendars) paths.push(`/calendars/${c.id}`);
  paths.push(`/edit/articles/zz-every-payload`);

  for (const path of paths) {
    await page.goto(site.base + path);
    await page.locator('main h1').first().waitFor();
    // Event-handler payloads (onload, onerror, ontoggle, onfocus) would fire by then.
    await twoFrames(page);
    const fired = await page.evaluate(() => window.__fired);
    assert.deepEqual(fired, [], `payloads ${fired} ran on ${path}`);
  }
  // The payload article shows its text, inert.
  await page.goto(site.base + '/articles/zz-every-payload');
  const body = page.locator('.article .prose.body');
  await body.waitFor();
  for (const selector of ['script', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'input', 'style', 'link', 'meta', 'base', '[onerror]', '[onload]', '[style]', 'a[href^="javascript" i]', 'a[href^="data" i]']) {
    assert.equal(await body.locator(selector).count(), 0, `no ${selector} in the rendered article`);
  }
  assert.match(await body.innerText(), /<script>__xss\(0\)<\/script>/, 'the payloads show as text');
  assert.deepEqual(dialogs, []);
  console.log(`# ${PAYLOADS.length} payloads, ${paths.length} pages opened, 0 executed`);
  await context.close();
});

test('the Content-Security-Policy forbids inline script, and the app itself triggers no violation', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  await page.goto(site.base + '/');
  await page.locator('.service-row:not(.header)').first().waitFor();
  const runbook = DEMO.articles.find((a) => a.kind === 'runbook');
  for (const link of ['/services/postgresql-service', '/services/postgresql-service/impact', `/articles/${runbook.id}`, '/edit/services/postgresql-service', '/data']) {
    await page.evaluate((href) => { history.pushState({}, '', href); dispatchEvent(new PopStateEvent('popstate')); }, link);
    await page.locator('main h1').first().waitFor();
  }
  await page.locator('#search-box').fill('postgres');
  await page.locator('#results .result').first().waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'the app runs under its own policy');

  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    const reported = new Promise((r) => document.addEventListener('securitypolicyviolation', r, { once: true }));
    document.body.append(s);
    await reported;
    return { inline: window.__inline ?? null, violations: window.__violations };
  });
  assert.equal(ran.inline, null, 'an injected inline script does not run');
  assert.ok(ran.violations.some((v) => v.startsWith('script-src')), `the policy reported it: ${ran.violations}`);

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of ["script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'"]) assert.ok(policy.includes(directive), policy);
  const rebased = await page.evaluate(async () => {
    const b = document.createElement('base');
    b.href = 'https://elsewhere.example/';
    const reported = new Promise((r) => document.addEventListener('securitypolicyviolation', r, { once: true }));
    document.head.append(b);
    await reported;
    return { baseURI: document.baseURI, violations: window.__violations };
  });
  assert.ok(!rebased.baseURI.startsWith('https://elsewhere.example'), 'an injected <base> does not move relative URLs');
  assert.ok(rebased.violations.some((v) => v.startsWith('base-uri')), `the policy reported it: ${rebased.violations}`);
  await context.close();
});
