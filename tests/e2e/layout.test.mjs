// The page fits every screen it is used on, from a 1024x768 projector to 2560x1440: no sideways scroll, no text cut off, the story on the
// first screen, in both themes, with a winning and a losing plan.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { expectDrawn, openApp, serveAndLaunch, SHOTS, waitForPaint, waitForText } from './support.mjs';

const session = serveAndLaunch();

/** Browser zoom is a smaller CSS viewport on more device pixels. */
const SIZES = [
  ['1024x768', { width: 1024, height: 768 }],
  ['1280x720', { width: 1280, height: 720 }],
  ['1920x1080', { width: 1920, height: 1080 }],
  ['2560x1440', { width: 2560, height: 1440 }],
  ['1280x720-zoom150', { width: 853, height: 480, deviceScaleFactor: 1.5 }],
  ['1280x720-zoom200', { width: 640, height: 360, deviceScaleFactor: 2 }],
];

/** Elements whose text is cut: wider content than box, for text that is meant to show whole. */
function clipped(page) {
  return page.evaluate(() => {
    const selectors = 'h1, h2, h3, button, label, summary, .card .value, .card .detail, .verdict, th, td, .legend li, .unit, .tagline';
    return [...document.querySelectorAll(selectors)]
      // Shown, and not shrunk to a pixel for screen readers only.
      .filter((el) => el.offsetParent !== null && getComputedStyle(el).visibility !== 'hidden' && el.getBoundingClientRect().width > 1)
      .filter((el) => !el.closest('.visually-hidden, .table-scroll'))
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible'
        || el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} "${el.innerText.slice(0, 40)}"`);
  });
}

describe('Layout', () => {
  for (const [name, screen] of SIZES) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${name} ${colorScheme}: no sideways scroll or cut text, winning and losing, every panel open`, async () => {
        const { context, page, errors } = await openApp(session.browser, session.server.url, { ...screen, colorScheme });
        // The verdict and the first chart on the first screen of a laptop.
        if (name === '1280x720') {
          for (const id of ['verdict', 'chart-extra']) {
            const box = await page.getByTestId(id).boundingBox();
            assert.ok(box.y + Math.min(box.height, 120) < screen.height, `${id} starts on the first screen`);
          }
        }
        await page.evaluate(() => window.scrollTo(0, 0));
        await waitForPaint(page);
        await page.screenshot({ path: join(SHOTS, `layout-${name}-${colorScheme}-win.png`) });
        // The headline cards fill every row they take: a short last row widens its cards.
        const rows = await page.locator('.key-figures').evaluate((grid) => {
          const right = grid.getBoundingClientRect().right;
          const ends = new Map();
          for (const card of grid.children) {
            const box = card.getBoundingClientRect();
            ends.set(Math.round(box.top), Math.max(ends.get(Math.round(box.top)) ?? 0, box.right));
          }
          return [...ends.values()].map((end) => Math.round(right - end));
        });
        assert.ok(rows.every((gap) => gap <= 1), `space left at the end of each row of cards: ${rows}`);

        // The levers, below the fold of the inputs panel on a laptop, are one click away.
        if (name === '1280x720') {
          const levers = page.locator('#group-levers');
          assert.ok(!(await levers.evaluate((el) => el.getBoundingClientRect().top < innerHeight)), 'levers start below the fold');
          await page.getByRole('link', { name: 'Strategy levers' }).click();
          await page.waitForFunction(() => {
            const top = document.querySelector('#group-levers').getBoundingClientRect().top;
            return top > 0 && top < innerHeight / 3;
          });
          await page.screenshot({ path: join(SHOTS, `layout-${name}-${colorScheme}-levers.png`) });
        }

        await page.getByTestId('more-levers').locator(':scope > summary').click();
        await page.getByTestId('monthly-table').locator('summary').click();
        await page.getByTestId('revenue_center.agent_cost_per_hour').fill('90');
        await waitForText(page, 'verdict-headline', /^The cost center comes out ahead/);
        await expectDrawn(page, 'sources');
        const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        assert.ok(width[0] <= width[1], `page is ${width[0]} px wide in a ${width[1]} px window`);
        assert.deepEqual(await clipped(page), []);
        await page.evaluate(() => window.scrollTo(0, 0));
        await waitForPaint(page);
        await page.screenshot({ path: join(SHOTS, `layout-${name}-${colorScheme}-loss.png`) });
        assert.deepEqual(errors, []);
        await context.close();
      });
    }
  }
});
