// End-to-end: the static copy works offline after the first visit, updates cleanly, and keeps to
// its Content-Security-Policy.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, expectDrawn, openApp, serve, serveAndLaunch, waitForText } from './support.mjs';

const session = serveAndLaunch();

/** Waits until this build's service worker controls the page. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The Cache Storage names of the origin. */
function cacheNames(page) {
  return page.evaluate(() => caches.keys());
}

describe('Offline, updates and security', () => {
  test('after the first visit the app opens and works with the network off, from a sub-path', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    await controlled(page);
    const [cache] = await cacheNames(page);
    assert.match(cache, /^frontline http:\/\/127\.0\.0\.1:\d+\/tools\/frontline\/ [0-9a-f]{16}$/);

    await context.setOffline(true);
    await page.reload();
    await expectDrawn(page, 'extra');
    const before = await page.getByTestId('headline-extra-contribution-value').innerText();
    await page.getByTestId('revenue_center.monthly_churn').fill('1.2');
    await waitForText(page, 'headline-extra-contribution-value', new RegExp(`^(?!${before.replace(/[$.]/g, '\\$&')}$)`));

    // Saved as leaving the page saves it; a new tab, offline, opens the app too.
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
    const second = await context.newPage();
    await second.goto(session.server.url);
    await expectDrawn(second, 'cumulative');
    assert.equal(await second.getByTestId('revenue_center.monthly_churn').inputValue(), '1.2', 'the edit was saved offline');

    // The what-if analyses, loaded on first use, were kept with the build: they open offline.
    await second.getByTestId('what-if-open').click();
    await waitForText(second, 'tornado-sentence', /matters most/);

    // Installable: a manifest with the two icon sizes, from this copy's own path.
    const manifest = await second.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
    assert.equal(manifest.start_url, './');
    assert.deepEqual(manifest.icons.map((i) => i.sizes), ['192x192', '512x512']);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('two copies on one host, one inside the other\'s path, keep their own workers and caches', async () => {
    const server = await serve(DIST, ['/tools/frontline/', '/tools/']);
    try {
      const context = await session.browser.newContext({ viewport: { width: 1280, height: 720 } });
      const [inner, outer] = await Promise.all([context.newPage(), context.newPage()]);
      await inner.goto(server.urls[0]);
      await controlled(inner);
      await outer.goto(server.urls[1]);
      await controlled(outer);
      const scopes = await outer.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope).sort());
      assert.deepEqual(scopes, [server.urls[1], server.urls[0]]);
      // Each copy's cache carries its scope; the outer copy's start cleared nothing of the inner's.
      const names = (await cacheNames(outer)).sort();
      assert.equal(names.length, 2, names.join());
      assert.ok(names[0].startsWith(`frontline ${server.urls[0]} `) || names[1].startsWith(`frontline ${server.urls[0]} `), names.join());
      assert.ok(names.some((n) => n.startsWith(`frontline ${server.urls[1]} `)), names.join());
      await context.setOffline(true);
      for (const page of [inner, outer]) {
        await page.reload();
        await expectDrawn(page, 'extra');
      }
      await context.close();
    } finally {
      await server.close();
    }
  });

  test('a new build waits for the manager to reload, then replaces the old one whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-build-'));
    await cp(DIST, dir, { recursive: true });
    const server = await serve(dir);
    try {
      const { context, page, errors } = await openApp(session.browser, server.url);
      await controlled(page);
      const [oldCache] = await cacheNames(page);
      await page.getByTestId('scenario-name').fill('Mid-edit');

      // The next build: another name, and a page that says which build it is.
      const worker = await readFile(join(dir, 'sw.js'), 'utf8');
      await writeFile(join(dir, 'sw.js'), worker.replace(/const BUILD = '([0-9a-f]+)';/, "const BUILD = 'next$1';"));
      const index = await readFile(join(dir, 'index.html'), 'utf8');
      await writeFile(join(dir, 'index.html'), index.replace('<title>', '<meta name="build" content="next" />\n    <title>'));
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

      // It waits: the page goes on as it was, and says a new version is ready.
      await page.getByTestId('update-notice').waitFor();
      assert.equal(await page.locator('meta[name=build]').count(), 0);
      assert.equal(await page.getByTestId('scenario-name').inputValue(), 'Mid-edit');

      await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
      await expectDrawn(page, 'cumulative');
      assert.equal(await page.locator('meta[name=build]').getAttribute('content'), 'next');
      assert.equal(await page.getByTestId('scenario-name').inputValue(), 'Mid-edit', 'the edit survives the reload');
      const caches = await cacheNames(page);
      assert.equal(caches.length, 1, caches.join());
      assert.notEqual(caches[0], oldCache);
      assert.ok(await page.getByTestId('update-notice').isHidden());
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the page keeps to its Content-Security-Policy while it is used', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    await page.evaluate(() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
    });
    const policy = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
    assert.match(policy, /style-src 'self';/);

    // Hover a chart (its readout is placed with style properties), edit, open the list.
    const frame = page.getByTestId('chart-extra').locator('.chart-frame');
    const box = await frame.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByTestId('chart-extra-hover').waitFor();
    const left = await page.locator('.hover-box').evaluate((el) => el.style.left);
    assert.match(left, /^\d+(\.\d+)?px$/);
    await page.getByTestId('revenue_center.offer_rate').fill('50');
    await page.getByTestId('scenarios').click();
    await page.getByTestId('scenario-panel').waitFor();
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
