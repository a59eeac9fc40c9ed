// Frontline's service worker. Every file of one build is cached together, under that build's
// name, so the app opens and works with the network off, and an old page never meets a new file.
// A new build waits until the page asks for it (the manager chose "Reload"), then takes over and
// deletes the older builds' caches.

// Written by .ci/post-build.mjs for each build; as committed, nothing is cached.
const BUILD = 'unbuilt';
const FILES = [];

// Cache Storage is shared by every copy on this origin: names carry this copy's scope.
const PREFIX = `frontline ${self.registration.scope} `;
const CACHE = PREFIX + BUILD;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = (await cache.match(request, { ignoreSearch: true }))
      ?? (request.mode === 'navigate' ? await cache.match('./') : undefined);
    return cached ?? fetch(request);
  })());
});
