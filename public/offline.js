// Registers Frontline's service worker, so the app works offline after the first visit. When a
// newer build has been installed it tells the page (an attribute on <html> and an event), which
// offers a reload; the new build takes over only when the manager asks for it.
if ('serviceWorker' in navigator) {
  let updating = false;
  const ready = () => {
    document.documentElement.dataset.update = 'ready';
    window.dispatchEvent(new Event('frontline:update-ready'));
  };
  // Installing the worker fetches and caches every file of the build: that waits until the app
  // has started and the page is idle, so that it does not compete with a first visit's loading.
  const whenIdle = (then) => ('requestIdleCallback' in window
    ? requestIdleCallback(then, { timeout: 2000 })
    : setTimeout(then, 200));
  // Trunk's loader sets `wasmBindings` just before it tells that the app started.
  const started = new Promise((resolve) => {
    if (window.wasmBindings) whenIdle(resolve);
    else addEventListener('TrunkApplicationStarted', () => whenIdle(resolve), { once: true });
  });
  started.then(() => navigator.serviceWorker.register('./sw.js')).then((registration) => {
    const watch = (worker) => worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) ready();
    });
    if (registration.waiting && navigator.serviceWorker.controller) ready();
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    window.addEventListener('frontline:update-now', () => {
      updating = true;
      if (registration.waiting) registration.waiting.postMessage('skip-waiting');
      else location.reload();
    });
  });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (updating) location.reload();
  });
}
