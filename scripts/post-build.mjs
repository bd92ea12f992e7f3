// Trunk post-build hook, run in the staging directory's parent with TRUNK_STAGING_DIR set:
//  1. writes the bootstrap script that starts the app built by build-app.mjs (a file, not
//     an inline script, so the Content-Security-Policy can forbid inline script), and
//     has the browser fetch the app's main module and wasm while the page is parsed;
//  2. adds that policy to index.html, and replaces Trunk's <base href> (which the policy's
//     `base-uri 'none'` forbids) by a meta tag the app reads its base path from, making
//     the one relative link absolute;
//  3. copies index.html to 404.html: GitHub Pages answers any unknown path with it, and
//     the app routes the deep link itself;
//  4. writes catalogue.list.json beside catalogue.json: what the list shows of its
//     metadata, parties and services (list-file.mjs), so that a first visit shows the list after a small
//     download and reads the whole file after it;
//  5. writes the service worker from public/sw.js, listing this build's files and
//     versioned by their content, for the offline cache.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { listOf } from './list-file.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run as a Trunk hook');

const CSP = [
  "script-src 'self' 'wasm-unsafe-eval'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

let html = readFileSync(join(dir, 'index.html'), 'utf8');
const base = (html.match(/<base href="([^"]*)"/) ?? [, '/'])[1];
const builds = readdirSync(join(dir, 'app'));
if (builds.length !== 1) throw new Error(`expected one app build in app/, found ${builds.length}`);
const app = `${base}app/${builds[0]}`;
// `catalogue:started` hands the wasm instance to the benchmark (it reads its memory).
const script = `import init from '${app}/main.js';
const wasm = await init({ module_or_path: '${app}/main_bg.wasm' });
dispatchEvent(new CustomEvent('catalogue:started', { detail: { wasm } }));
`;
const boot = `boot-${createHash('sha256').update(script).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, boot), script);
html = html.replace('</head>', `    <link rel="modulepreload" href="${app}/main.js" />
    <link rel="preload" href="${app}/main_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous" />
    <script type="module" src="${base}${boot}"></script>
</head>`);
html = html.replace(/<base href="[^"]*" \/>/, `<meta name="app-base" content="${base}" />`);
html = html.replace('href="manifest.webmanifest"', `href="${base}manifest.webmanifest"`);
if (/<base\b/.test(html) || /(href|src)="(?![a-z]+:|\/)/.test(html)) throw new Error('index.html still has a <base> or a relative URL');
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
writeFileSync(join(dir, 'index.html'), html);
writeFileSync(join(dir, '404.html'), html);

writeFileSync(join(dir, 'catalogue.list.json'), JSON.stringify(listOf(JSON.parse(readFileSync(join(dir, 'catalogue.json'), 'utf8')))));

function files(d) {
  return readdirSync(d).flatMap((name) => {
    const path = join(d, name);
    return statSync(path).isDirectory() ? files(path) : [relative(dir, path)];
  });
}
const assets = files(dir).filter((f) => f !== 'sw.js' && f !== '404.html').sort();
const version = createHash('sha256');
for (const f of assets) version.update(f).update(readFileSync(join(dir, f)));
const sw = readFileSync('public/sw.js', 'utf8')
  .replace('__VERSION__', version.digest('hex').slice(0, 16))
  .replace('__ASSETS__', assets.map((a) => JSON.stringify(a)).join(','));
writeFileSync(join(dir, 'sw.js'), sw);
