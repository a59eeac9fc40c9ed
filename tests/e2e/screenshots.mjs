// Takes screenshots of the app at desktop and projector sizes, light and dark, into tests/e2e/output/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, launch, openApp, serve, waitForPaint } from './support.mjs';

const out = join(ROOT, 'tests/e2e/output');
await mkdir(out, { recursive: true });
const server = await serve();
const browser = await launch();
try {
  for (const [name, options] of Object.entries({
    'desktop-1280x720': { width: 1280, height: 720 },
    'projector-1920x1080': { width: 1920, height: 1080 },
    'desktop-dark-dpr2': { width: 1280, height: 720, deviceScaleFactor: 2, colorScheme: 'dark' },
  })) {
    const { context, page, errors } = await openApp(browser, server.url, options);
    const frame = page.getByTestId('chart-cumulative').locator('.chart-frame');
    const box = await frame.boundingBox();
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    await waitForPaint(page);
    await page.screenshot({ path: join(out, `${name}.png`) });
    console.log(`${name}.png${errors.length ? ` console errors: ${errors.join(' | ')}` : ''}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
