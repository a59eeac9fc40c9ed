// Shared pieces of the end-to-end tests: a static server for dist/ under a sub-path, and Debian's
// Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { after, before } from 'node:test';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const DIST = process.env.FRONTLINE_DIST ?? join(ROOT, 'dist');
export const SUB_PATH = '/tools/frontline/';
/** Where the tests leave their screenshots and files, to be looked at. */
export const SHOTS = join(ROOT, 'tests/e2e/output');

/** The screens Frontline is used on: a laptop, a projector, and a dark high-density display. */
export const SCREENS = {
  'desktop-1280x720': { width: 1280, height: 720 },
  'projector-1920x1080': { width: 1920, height: 1080 },
  'desktop-dark-dpr2': { width: 1280, height: 720, deviceScaleFactor: 2, colorScheme: 'dark' },
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `dir` at `base` (or at each of several sub-paths of one origin) on a free loopback port;
 * nothing outside them exists. `url` is the first copy's address, `urls` every copy's.
 */
export async function serve(dir = DIST, base = SUB_PATH) {
  // The longest sub-path first, so a copy inside another copy's path is found.
  const bases = [].concat(base).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const at = bases.find((b) => path.startsWith(b));
    if (!at) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = normalize(join(dir, path.slice(at.length)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const urls = [].concat(base).map((b) => `${origin}${b}`);
  return { url: urls[0], urls, close: () => new Promise((done) => server.close(done)) };
}

/**
 * Serves the build and launches Chromium before the tests of a file, and closes both after them.
 * The returned object holds `server` and `browser` once the tests run.
 */
export function serveAndLaunch() {
  const session = {};
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    session.server = await serve();
    session.browser = await launch();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/** Debian's Chromium, headless, kept off the closed network. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/**
 * Watches every page of `context`, from before the page's own scripts run, for the first chart
 * to be drawn, and keeps in `window.firstChart` when (`at`, ms from navigation) and whether the
 * inputs, built just after the first frame, were there by then (`restBuilt`).
 *
 * A chart is drawn when its grid layer, opaque once painted, has ink: a canvas element is 300
 * pixels wide before anything is drawn on it, so its width alone tells nothing. The app sizes
 * the layer just before painting it, and a mutation observer hears of that in the same task,
 * inside the frame that shows the chart: a frame's own callbacks would come only after the long
 * task that builds the rest of the page.
 */
export function watchFirstChart(context) {
  return context.addInitScript(() => {
    const drawn = () => {
      const axes = document.querySelector('[data-testid="chart-extra-axes"]');
      // Reading one pixel; the page's own context is the one read (it asks for no options).
      return axes !== null && axes.getContext('2d').getImageData(axes.width >> 1, axes.height >> 1, 1, 1).data[3] > 0;
    };
    const watch = new MutationObserver(() => {
      if (!window.firstChart && drawn()) {
        window.firstChart = { at: performance.now(), restBuilt: document.querySelector('.inputs > *') !== null };
        watch.disconnect();
      }
    });
    watch.observe(document, { subtree: true, attributes: true, attributeFilter: ['width', 'height'] });
  });
}

/** Opens the app in a fresh context and waits until the first chart is drawn, as a person waits for it. */
export async function openApp(browser, url, { width = 1280, height = 720, deviceScaleFactor = 1, colorScheme = 'light', locale = 'en-US', storage } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, colorScheme, locale });
  if (storage) {
    await context.addInitScript((entries) => {
      if (!sessionStorage.getItem('seeded')) {
        for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }
    }, storage);
  }
  // A Content-Security-Policy violation, or any request leaving the page's own origin, is an
  // error like any other the page reports.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  const origin = new URL(url).origin;
  context.on('request', (request) => {
    const target = request.url();
    if (!target.startsWith(`${origin}/`) && !/^(data|blob):/.test(target)) errors.push(`off-origin request: ${target}`);
  });
  await page.goto(url);
  await expectDrawn(page, 'extra');
  await expectBuilt(page);
  return { context, page, errors };
}

/**
 * Waits until the parts built just after the first frame are there: the inputs and everything
 * below the first chart, down to the monthly table.
 */
export async function expectBuilt(page) {
  await page.locator('.inputs > *').first().waitFor({ state: 'attached' });
  await page.getByTestId('monthly-table').waitFor({ state: 'attached' });
}

/**
 * Scrolls a chart into view and waits until both its layers are drawn: grid and labels below,
 * lines above. A chart is drawn only once it is in view and measured, frames after it appears.
 */
export async function expectDrawn(page, id) {
  await page.getByTestId(`chart-${id}`).scrollIntoViewIfNeeded();
  await page.waitForFunction((testId) => {
    const pixels = (layer) => {
      const c = document.querySelector(`[data-testid="chart-${testId}-${layer}"]`);
      return c && c.width > 0 ? c.getContext('2d').getImageData(0, 0, c.width, c.height).data : null;
    };
    const axes = pixels('axes');
    const lines = pixels('canvas');
    if (!axes || !lines) return false;
    const colours = new Set();
    for (let i = 0; i < axes.length; i += 16) colours.add((axes[i] << 16) | (axes[i + 1] << 8) | axes[i + 2]);
    let inked = 0;
    for (let i = 3; i < lines.length; i += 4) if (lines[i] > 0) inked += 1;
    // Labels in several shades over an opaque background; lines covering at least 0.5% of the layer.
    return colours.size > 8 && inked > lines.length / 4 / 200;
  }, id, { polling: 'raf' });
}

/** Waits until the element with `testId` shows text matching `pattern`, and returns that text. */
export async function waitForText(page, testId, pattern) {
  const element = page.getByTestId(testId).filter({ hasText: pattern });
  await element.waitFor();
  return element.innerText();
}

/** Resolves after the next frame has been painted. */
export function waitForPaint(page) {
  return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
}
