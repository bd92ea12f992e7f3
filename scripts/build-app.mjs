// Trunk pre_build hook: builds the app's wasm split at its lazy pages, so a first visit
// downloads only the first screen (the main module), then the app's shell and service
// list, and every other page is fetched when it is first opened.
//
// Trunk 0.21 runs wasm-bindgen straight after cargo, and wasm-bindgen drops the
// relocations the splitter needs (trunk-rs/trunk#1022), so this hook runs the pipeline
// itself: cargo → wasm-split-cli → wasm-bindgen (the split main only) → wasm-opt (every
// file, release only). The output lands in target/app/<content hash>/, which index.html
// copies into the site; post-build.mjs points the bootstrap script at it. One directory
// per content hash: a browser or the service worker never mixes files of two builds.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';

const release = process.env.TRUNK_PROFILE === 'release';
const target = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { encoding: 'utf8' })).target_directory;
const out = join('target', 'app'); // index.html copies it from here
const work = join(target, 'app-build');

function run(cmd, args) {
  execFileSync(cmd, args, { stdio: 'inherit' });
}

// The linker keeps the relocations the splitter reads. Passed to the app's own link only
// (`cargo rustc`), so the crates it shares with the import worker are built once for both.
run('cargo', ['rustc', '--target', 'wasm32-unknown-unknown', '--bin', 'catalogue-app', ...(release ? ['--release'] : []),
  '--', '-Clink-args=--emit-relocs']);
const wasm = join(target, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'catalogue-app.wasm');

// The same cargo output as last time (a second build of the same code, e.g. for another
// public URL): what is in target/app is still right.
const input = createHash('sha256').update(readFileSync(wasm)).update(String(release)).digest('hex');
const stamp = join('target', 'app.input');
if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === input) process.exit(0);
rmSync(stamp, { force: true });

rmSync(work, { recursive: true, force: true });
run('wasm-split-cli', ['--target', 'web', '--out-name', 'main', wasm, join(work, 'split')]);
// `--keep-lld-exports`: the split modules call into the main one through them.
run('wasm-bindgen', [join(work, 'split', 'main.wasm'), '--out-dir', join(work, 'pkg'), '--target', 'web',
  '--no-typescript', '--keep-lld-exports', '--no-demangle']);
const pkg = join(work, 'pkg');
// An app with lazy pages always has modules to split off: none means the wasm read is not
// this app's (e.g. another checkout's build left in the same target directory).
if (!readdirSync(join(work, 'split')).some((f) => f.startsWith('split_'))) {
  throw new Error(`no lazy pages found in ${wasm}: rebuild it (touch src/main.rs)`);
}
for (const f of readdirSync(join(work, 'split'))) {
  if (f !== 'main.wasm') renameSync(join(work, 'split', f), join(pkg, f));
}

if (release) {
  // The same features as the worker's wasm-opt in index.html.
  const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];
  const wasms = readdirSync(pkg).filter((f) => f.endsWith('.wasm'));
  const optimise = (f) => new Promise((done, fail) => {
    const p = spawn('wasm-opt', ['-Oz', ...features, join(pkg, f), '-o', join(pkg, f)], { stdio: 'inherit' });
    p.on('exit', (code) => (code === 0 ? done() : fail(new Error(`wasm-opt failed on ${f}`))));
  });
  // The largest first, as many at once as there are cores.
  const queue = wasms.sort((a, b) => statSync(join(pkg, b)).size - statSync(join(pkg, a)).size);
  await Promise.all(Array.from({ length: Math.max(1, cpus().length) }, async () => {
    while (queue.length) await optimise(queue.shift());
  }));
}

function files(d) {
  return readdirSync(d).flatMap((name) => (statSync(join(d, name)).isDirectory() ? files(join(d, name)).map((f) => join(name, f)) : [name]));
}
const hash = createHash('sha256');
for (const f of files(pkg).sort()) hash.update(f).update(readFileSync(join(pkg, f)));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(pkg, join(out, hash.digest('hex').slice(0, 16)), { recursive: true });
writeFileSync(stamp, input);
