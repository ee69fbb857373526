// Followthrough's service worker: the app loads offline, and a new version waits until the page
// asks for it. Plain JavaScript, no framework; it lives next to index.html, so its scope is the
// folder the app is served from (the root or any sub-path).
//
// The release build (scripts/post-build.mjs) fills in BUILD: an id that changes with every
// file, and the files to keep. A changed id is a changed worker, which is how the browser finds
// a new version.
const BUILD = { id: 'unbuilt', files: [] };

const SCOPE = self.registration.scope;
const PREFIX = `followthrough:${SCOPE}:`;
const CACHE = PREFIX + BUILD.id;
// Files whose names carry a hash of their content (Trunk writes it in hex, up to 16 digits) can be
// taken from the HTTP cache; the others
// (index.html, the manifest, icons) are revalidated with the server.
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(['./', ...BUILD.files].map((file) => new Request(new URL(file, SCOPE), {
      cache: HASHED.test(file) ? 'default' : 'no-cache',
    })));
  })());
  // No skipWaiting here: an open page keeps the version it started with until it asks for the
  // new one (after saving), so two versions never write the same storage at once.
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  // Earlier versions' caches of this scope go; another deployment on the same origin keeps its own.
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  const path = url.pathname.slice(new URL(SCOPE).pathname.length);
  if (request.mode === 'navigate') {
    // The app is one page with hash routes: any navigation to it gets the cached page of this
    // version, so the page and its wasm always match. Other pages under the scope pass through.
    if (path !== '' && path !== 'index.html') return;
    event.respondWith(cachedOr(new URL('./', SCOPE).href, request));
    return;
  }
  event.respondWith(cachedOr(url.origin + url.pathname, request));
});

/** The cached copy of `key`, else the network (and, offline, the network's error). */
async function cachedOr(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit ?? fetch(request);
}
