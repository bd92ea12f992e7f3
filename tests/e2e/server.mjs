// A static server for dist/, like GitHub Pages: files by path under an optional prefix
// (Pages serves a project site under /<repository>/), and for any other path 404.html with
// status 404, which is a copy of the app, so deep links work.
import { createServer } from 'node:http';
import { cpSync, createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listOf } from '../../scripts/list-file.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/// Types a static host such as GitHub Pages sends compressed.
const COMPRESSED = new Set(['.html', '.js', '.wasm', '.css', '.json', '.svg', '.webmanifest']);

/// `extra` maps paths to files outside `root` (the benchmark's dataset), streamed. With
/// `compress`, files of `root` and of `extra` go gzip-compressed to a browser that accepts it, as GitHub
/// Pages sends them (each compressed once).
export async function serve(root, port = 0, prefix = '', extra = {}, { compress = false } = {}) {
  const gzipped = new Map();
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (extra[path]) {
      const headers = { 'content-type': TYPES[extname(extra[path])] ?? 'application/octet-stream' };
      if (compress && COMPRESSED.has(extname(extra[path])) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        if (!gzipped.has(extra[path])) gzipped.set(extra[path], gzipSync(await readFile(extra[path])));
        res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' });
        res.end(gzipped.get(extra[path]));
        return;
      }
      res.writeHead(200, headers);
      createReadStream(extra[path]).pipe(res);
      return;
    }
    if (!path.startsWith(prefix + '/')) {
      res.writeHead(404).end('not found');
      return;
    }
    path = path.slice(prefix.length);
    let file = normalize(join(root, path));
    let status = 200;
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    } catch {
      file = join(root, '404.html');
      status = 404;
    }
    try {
      let body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (compress && COMPRESSED.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        if (!gzipped.has(file)) gzipped.set(file, gzipSync(body));
        body = gzipped.get(file);
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      res.writeHead(status, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}${prefix}` };
}

/// Serves a copy of a build, so a test can deploy a new version (or a new catalogue.json)
/// into it; `close` stops the server and removes the copy.
export async function serveCopy(root) {
  const dir = mkdtempSync(join(tmpdir(), 'catalogue-site-'));
  cpSync(root, dir, { recursive: true });
  const { server, url } = await serve(dir);
  return { dir, url, close: () => { server.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/// Publishes `doc` as the catalogue of the site in `dir` (a copy from `serveCopy`) as the
/// build does: catalogue.json (as `text`, when given) with its list file beside it.
export function publishCatalogue(dir, doc, text = JSON.stringify(doc, null, 2)) {
  writeFileSync(join(dir, 'catalogue.json'), text);
  writeFileSync(join(dir, 'catalogue.list.json'), JSON.stringify(listOf(doc)));
}
