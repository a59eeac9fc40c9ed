// End-to-end: saved scenarios side by side, and charts saved as pictures.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expectDrawn, openApp, serveAndLaunch, SHOTS, waitForPaint, waitForText } from './support.mjs';

const session = serveAndLaunch();
const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious or critical accessibility violations on the page as it is. */
async function seriousViolations(page) {
  // Evaluated, not added as a script tag, which the page's Content-Security-Policy refuses.
  await page.evaluate(AXE);
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target}`);
}

/** Leaves the page's pending edit saved, as leaving or reloading the page does. */
async function saveNow(page) {
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
}

/** Opens the scenario list, then runs `action` from it. */
async function fromList(page, testId) {
  await page.getByTestId('scenarios').click();
  await page.getByTestId(testId).click();
}

/** Width and height written in a PNG's header. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Clicks a chart's "Save PNG" and returns the file's name, its size and the chart frame's size. */
async function savePicture(page, id, keepAs) {
  const frame = await page.getByTestId(`chart-${id}`).locator('.chart-frame').boundingBox();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`chart-${id}-save`).click()]);
  const path = await download.path();
  await copyFile(path, join(SHOTS, keepAs));
  return { name: download.suggestedFilename(), size: pngSize(await readFile(path)), frame };
}

describe('Compare and pictures', () => {
  test('three saved scenarios side by side, chosen and read by keyboard', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    await page.getByTestId('scenario-name').fill('Budget 2027');
    await saveNow(page);
    await fromList(page, 'scenario-duplicate');
    await page.getByTestId('scenario-name').fill('Aggressive self-service');
    await page.getByTestId('revenue_center.deflection').fill('30');
    await page.getByTestId('baseline.horizon_months').fill('24');
    await saveNow(page);
    await fromList(page, 'scenario-new');
    await page.getByTestId('scenario-name').fill('More offers');
    await page.getByTestId('revenue_center.offer_rate').fill('60');
    await saveNow(page);

    // A blank scenario: none of the example's figures, valid as it is.
    await fromList(page, 'scenario-blank');
    assert.equal(await page.getByTestId('scenario-name').inputValue(), 'Blank scenario');
    assert.equal(await page.getByTestId('baseline.customers_at_start').inputValue(), '1');
    assert.equal(await page.getByTestId('baseline.revenue_per_customer_per_month').inputValue(), '0');
    await waitForText(page, 'headline-extra-contribution-value', /^\$0$/);
    // Two strategies set alike have nothing to break even on.
    assert.equal(await page.getByTestId('headline-break-even-value').innerText(), 'No difference');
    assert.equal(await page.getByTestId('scenario-count').innerText(), '4');

    // Keyboard only: open the list, tick three scenarios, compare.
    await page.getByTestId('scenarios').focus();
    await page.keyboard.press('Enter');
    const tick = (name) => page.getByRole('checkbox', { name: `Compare \u201c${name}\u201d` });
    const compare = page.getByTestId('scenario-compare');
    await tick('Budget 2027').focus();
    await page.keyboard.press('Space');
    assert.ok(await compare.isDisabled(), 'one scenario is not a comparison');
    for (const name of ['Aggressive self-service', 'More offers']) {
      await tick(name).focus();
      await page.keyboard.press('Space');
    }
    assert.ok(await tick('Blank scenario').isDisabled(), 'three at most');
    assert.deepEqual(await seriousViolations(page), [], 'the list with its ticks');
    await compare.focus();
    await page.keyboard.press('Enter');

    const view = page.getByTestId('compare');
    await view.waitFor();
    assert.ok(await page.locator('.layout').isHidden(), 'the comparison takes the planner\'s place');
    // The keyboard follows into the view, once it is drawn.
    await page.waitForFunction(() => document.activeElement?.id === 'compare-heading');
    const heads = await page.getByTestId('compare-figures').locator('thead th').allInnerTexts();
    assert.deepEqual(heads, ['Figure', 'Budget 2027 · reference', 'Aggressive self-service', 'More offers']);

    // Each figure of the second and third scenario says, in words, how it stands against the first's.
    const rows = page.getByTestId('compare-figure');
    assert.equal(await rows.count(), 8);
    // The first row names the strategy each scenario's figures are of.
    assert.deepEqual(await rows.first().evaluate((tr) => [...tr.children].map((c) => c.innerText)),
      ['Strategy against the cost center', 'Revenue center', 'Revenue center', 'Revenue center']);
    const all = [];
    for (let i = 1; i < 8; i += 1) {
      const standings = await rows.nth(i).getByTestId('standing').allInnerTexts();
      assert.equal(standings.length, 2);
      for (const s of standings) assert.match(s, /(better|worse|same)$/);
      all.push(...standings);
    }
    // The arrow says which way a figure moved, the word and the colour whether that is better: a
    // lower cost is "▼ -$… · better".
    for (const s of all.filter((s) => /[+-]\$/.test(s))) assert.match(s, /^(▲ \+|▼ -)\$/, s);
    const service = rows.filter({ hasText: 'Its service cost' }).first().locator('td').nth(1);
    assert.match(await service.getByTestId('standing').innerText(), /^▼ -\$[\d.]+[KM] · better$/);
    assert.equal(await service.locator('.standing.better').count(), 1);
    const extra = rows.filter({ hasText: 'Extra contribution' }).first();
    const offers = extra.locator('td').nth(2);
    assert.match(await offers.getByTestId('standing').innerText(), /^▲ \+\$[\d.]+[KM] · better$/);
    assert.equal(await offers.locator('.standing.better').count(), 1, 'better is coloured as better too');

    // One chart, one line per scenario, named in its legend.
    await expectDrawn(page, 'by-scenario');
    assert.deepEqual(await page.getByTestId('chart-by-scenario').locator('.legend li').allInnerTexts(),
      ['Budget 2027', 'Aggressive self-service', 'More offers']);

    // The inputs that differ, each with every scenario's value.
    const inputs = Object.fromEntries(await page.getByTestId('differing-input').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th').innerText, [...tr.querySelectorAll('td')].map((td) => td.innerText)])));
    assert.deepEqual(Object.keys(inputs), ['Horizon', 'Offer made on (revenue center)', 'Deflected to self-service (revenue center)']);
    assert.deepEqual(inputs.Horizon, ['36\u00a0months', '24\u00a0months', '36\u00a0months']);
    // Totals over different horizons are not like for like, and the view says so.
    assert.equal(await page.getByTestId('compare-horizons').innerText(),
      'These scenarios look ahead over different horizons (see Horizon below): figures over the horizon are not like for like.');
    assert.deepEqual(inputs['Deflected to self-service (revenue center)'], ['5\u00a0% of live first contacts', '30\u00a0% of live first contacts', '5\u00a0% of live first contacts']);
    assert.deepEqual(inputs['Offer made on (revenue center)'], ['40\u00a0% of phone and chat contacts', '40\u00a0% of phone and chat contacts', '60\u00a0% of phone and chat contacts']);

    for (const [name, size] of [['1024x768', { width: 1024, height: 768 }], ['1280x720', { width: 1280, height: 720 }], ['1920x1080', { width: 1920, height: 1080 }]]) {
      await page.setViewportSize(size);
      await expectDrawn(page, 'by-scenario');
      await page.evaluate(() => window.scrollTo(0, 0));
      await waitForPaint(page);
      await page.screenshot({ path: join(SHOTS, `compare-${name}.png`), fullPage: true });
      // Nothing wider than the screen: readable without scrolling sideways.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `no sideways scroll at ${name}`);
    }

    assert.deepEqual(await seriousViolations(page), [], 'the comparison');
    const picture = await savePicture(page, 'by-scenario', 'compare-chart-picture.png');
    assert.match(picture.name, /^Comparison Extra contribution over the cost center, by scenario \d{4}-\d{2}-\d{2}\.png$/);
    assert.equal(picture.size.width, Math.round(picture.frame.width) * 2);

    // Escape goes back to planning, where the blank scenario is still open.
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'hidden' });
    assert.ok(await page.locator('.layout').isVisible());
    assert.equal(await page.getByTestId('scenario-name').inputValue(), 'Blank scenario');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a chart saved as a picture is twice its size on screen, with its title and legend', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    const picture = await savePicture(page, 'extra', 'chart-picture.png');
    assert.match(picture.name, /^Example scenario Extra contribution over the cost center \d{4}-\d{2}-\d{2}\.png$/);
    assert.equal(picture.size.width, Math.round(picture.frame.width) * 2);
    // The chart at twice its height, and the title and legend above it.
    const chartHeight = Math.round(picture.frame.height) * 2;
    assert.ok(picture.size.height > chartHeight + 100 && picture.size.height < chartHeight + 300, JSON.stringify(picture));
    assert.deepEqual(errors, []);
    await context.close();
  });
});
