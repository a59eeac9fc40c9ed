// Draws the app icons (public/icon-192.png, public/icon-512.png) from public/favicon.svg with
// Chromium, for the web manifest. Run again after changing the favicon: node .ci/icons.mjs
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const svg = await readFile(`${publicDir}favicon.svg`, 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  // An installed app's icon is shown as it is: the rounded square fills it, with a margin for
  // launchers that mask icons to a circle.
  await page.setContent(`<body style="margin:0;background:transparent">
    <div style="width:${size}px;height:${size}px;display:grid;place-items:center">
      <div style="width:${size * 0.84}px;height:${size * 0.84}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div>
    </div></body>`);
  await page.screenshot({ path: `${publicDir}icon-${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
