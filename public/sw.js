// Service worker: keeps the app and the catalogue available offline.
// scripts/post-build.mjs fills in ASSETS (the files of this build) and VERSION (a hash
// of their content) at build time, so every deployment gets its own cache and the page
// can offer the new version when it is ready, instead of mixing files of two builds.
const VERSION = '__VERSION__';
const ASSETS = [__ASSETS__];
const CACHE = `catalogue-${VERSION}`;
const SHELL = new URL('index.html', self.registration.scope).href;
// The published catalogue and its list file, which says which revision it is.
const PUBLISHED = ['catalogue.json', 'catalogue.list.json'].map((f) => new URL(f, self.registration.scope).href);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS.map((a) => new URL(a, self.registration.scope).href))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('catalogue-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// The page asks the waiting version to take over when the reader chooses to reload.
self.addEventListener('message', (event) => {
  if (event.data === 'activate-new-version') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  if (request.mode === 'navigate') {
    // Any path is the app (deep links): the cached shell, so pages open offline.
    event.respondWith(caches.match(SHELL).then((hit) => hit ?? fetch(request)));
  } else if (PUBLISHED.includes(request.url.split('?')[0])) {
    // The published catalogue: the network first, so readers see new versions.
    const file = request.url.split('?')[0];
    event.respondWith((async () => {
      try {
        const response = await fetch(request);
        if (response.ok) (await caches.open(CACHE)).put(file, response.clone());
        return response;
      } catch (e) {
        const hit = await caches.match(file);
        if (hit) return hit;
        throw e;
      }
    })());
  } else {
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
  }
});
