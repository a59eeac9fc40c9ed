// End-to-end: segments carved out of the base, and the differentiated strategy in every view.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectDrawn, openApp, serveAndLaunch, SHOTS, waitForPaint, waitForText } from './support.mjs';

const session = serveAndLaunch();

/** Types `value` into the chosen segment's field for `path` (inside a segment). */
async function setSegmentField(page, path, value) {
  await page.getByTestId(`segment.${path}`).fill(value);
}

describe('Segments', () => {
  test('a segment brings the differentiated strategy to every view, and travels in a link', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session.server.url).origin });
    const strategies = page.locator('.comparison tbody tr:visible th');
    assert.deepEqual(await strategies.allInnerTexts(), ['Cost center', 'Revenue center'], 'no segment: two strategies');
    assert.ok(await page.getByTestId('segment').isHidden());

    // Key accounts: a tenth of the customers, paying three times as much, loyal when served well.
    await page.getByTestId('segment-add').click();
    await page.getByTestId('segment').waitFor();
    assert.equal(await page.getByTestId('segment.name').inputValue(), 'Segment 1');
    await setSegmentField(page, 'name', 'Key accounts');
    await setSegmentField(page, 'revenue_per_customer_per_month', '120');
    await setSegmentField(page, 'monthly_churn.cost_center', '1.5');
    await setSegmentField(page, 'monthly_churn.revenue_center', '0.5');
    assert.deepEqual(await page.getByTestId('segment-tab').filter({ visible: true }).allInnerTexts(), ['Key accounts']);
    assert.equal(await page.getByTestId('segment.differentiated').isChecked(), true, 'a new segment is moved');
    // What the others keep, in words: the rest of the base's revenue.
    assert.match(await page.getByTestId('others-figures').innerText(), /^The other customers: 90\.0% of the customers; per customer \$31\.11 a month/);
    assert.match(await page.locator('label[for="segment.revenue_per_customer_per_month"]').innerText(), /USD per month/);
    // A second segment called the same gets " (2)" once its name is typed; removed again.
    await page.getByTestId('segment-add').click();
    await page.getByTestId('segment.name').fill(' Key accounts ');
    await page.getByTestId('segment.name').press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="segment.name"]').value === 'Key accounts (2)');
    // Five at most: the button says why it is off.
    assert.ok(await page.getByTestId('segment-add-why').isHidden());
    for (let i = 0; i < 3; i += 1) await page.getByTestId('segment-add').click();
    assert.ok(await page.getByTestId('segment-add').isDisabled());
    assert.equal(await page.getByTestId('segment-add-why').innerText(), 'Five segments at most: remove one to add another.');
    for (let i = 0; i < 3; i += 1) await page.getByTestId('segment-remove').click();
    assert.ok(await page.getByTestId('segment-add-why').isHidden());
    await page.getByTestId('segment-remove').click();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="segment-tab"]')].filter((t) => t.offsetParent).length === 1);
    assert.deepEqual(await page.getByTestId('segment-tab').filter({ visible: true }).allInnerTexts(), ['Key accounts']);

    // The third strategy in the table, between the other two.
    await waitForText(page, 'df-customers', /^\d{3},\d{3}$/);
    assert.deepEqual(await strategies.allInnerTexts(), ['Cost center', 'Revenue center', 'Differentiated']);
    const customers = async (key) => Number((await page.getByTestId(`${key}-customers`).innerText()).replace(/,/g, ''));
    const [cc, rc, df] = [await customers('cc'), await customers('rc'), await customers('df')];
    assert.ok(cc < df && df < rc, `${cc} < ${df} < ${rc}`);

    // In the charts: a line for it, named.
    await expectDrawn(page, 'cumulative');
    assert.deepEqual(await page.getByTestId('chart-cumulative').locator('.legend li').allInnerTexts(),
      ['Revenue center', 'Differentiated', 'Cost center']);
    await expectDrawn(page, 'extra');
    assert.deepEqual(await page.getByTestId('chart-extra').locator('.legend li').allInnerTexts(),
      ['Revenue center minus cost center', 'Differentiated minus cost center']);

    // In the monthly table: a column for it under every figure.
    await page.getByTestId('monthly-table').locator('summary').click();
    // The table is built once the disclosure has opened, which the browser tells a task later.
    await page.getByTestId('monthly-table').locator('thead th.df').first().waitFor();
    const heads = await page.getByTestId('monthly-table').locator('thead tr').nth(1).locator('th').allInnerTexts();
    assert.deepEqual(heads.slice(0, 3), ['Cost', 'Revenue', 'Differentiated']);
    await page.getByTestId('monthly-table').locator('summary').click();

    // In the CSV: its columns, and its extra contribution.
    await page.getByTestId('scenarios').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const header = (await readFile(await download.path(), 'utf8')).split('\r\n')[0].split(',');
    assert.ok(header.includes('Differentiated: contribution (USD)'), header.join(','));
    assert.equal(header.at(-1), 'Extra contribution of the differentiated strategy (USD)');
    await page.keyboard.press('Escape');

    // A segment that takes every customer is said next to the others, and the figures wait.
    await setSegmentField(page, 'share_of_customers', '100');
    await waitForText(page, 'segmentation.others-message', /must leave some to the other customers/);
    assert.match(await page.getByTestId('results').getAttribute('class'), /stale/);
    await setSegmentField(page, 'share_of_customers', '10');
    await page.waitForFunction(() => document.querySelector('[data-testid="segmentation.others-message"]').textContent === '');

    for (const [name, size] of [['1024x768', { width: 1024, height: 768 }], ['1280x720', { width: 1280, height: 720 }], ['1920x1080', { width: 1920, height: 1080 }]]) {
      await page.setViewportSize(size);
      await page.getByTestId('segment').scrollIntoViewIfNeeded();
      await page.getByTestId('comparison').scrollIntoViewIfNeeded();
      await expectDrawn(page, 'cumulative');
      await waitForPaint(page);
      await page.screenshot({ path: join(SHOTS, `segments-${name}.png`) });
      await page.getByTestId('comparison').screenshot({ path: join(SHOTS, `segments-strategies-${name}.png`) });
      // The three strategies' table fits its place whole, without a scroll bar of its own.
      const fit = await page.locator('.strategies').evaluate((box) => [box.scrollWidth, box.clientWidth]);
      assert.ok(fit[0] <= fit[1], `the strategies' table fits at ${name}: ${fit[0]}px in ${fit[1]}px`);
    }

    // The link opens the same three strategies in a fresh profile.
    await page.getByTestId('copy-link').click();
    await page.getByTestId('copy-status').waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const figure = await page.getByTestId('df-customers').innerText();
    assert.deepEqual(errors, []);
    await context.close();

    const colleague = await openApp(session.browser, link);
    await colleague.page.getByTestId('shared-banner').waitFor();
    await waitForText(colleague.page, 'df-customers', /\d/);
    assert.equal(await colleague.page.getByTestId('df-customers').innerText(), figure);
    assert.deepEqual(await colleague.page.getByTestId('segment-tab').filter({ visible: true }).allInnerTexts(), ['Key accounts']);
    assert.equal(await colleague.page.getByTestId('segment.revenue_per_customer_per_month').inputValue(), '120');

    // Removing the segment gives its customers back: two strategies again.
    await colleague.page.getByTestId('segment-remove').click();
    await colleague.page.locator('.comparison tr.df').waitFor({ state: 'hidden' });
    assert.deepEqual(colleague.errors, []);
    await colleague.context.close();
  });

  test('the headline names the strategy that wins of three, and where each segment\'s money comes from', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    const text = (id) => page.getByTestId(id).innerText();
    assert.ok(await page.getByTestId('segment-contributions').isHidden(), 'no segment: no table by segment');

    // Key accounts worth serving well, and agents dear enough that serving everyone so does not pay.
    await page.getByTestId('segment-add').click();
    await page.getByTestId('segment').waitFor();
    await setSegmentField(page, 'name', 'Key accounts');
    await setSegmentField(page, 'revenue_per_customer_per_month', '120');
    await setSegmentField(page, 'monthly_churn.cost_center', '1.5');
    await setSegmentField(page, 'monthly_churn.revenue_center', '0.5');
    await page.getByTestId('revenue_center.agent_cost_per_hour').fill('48');
    await waitForText(page, 'verdict-headline', /^The differentiated strategy comes out ahead/);

    // Ahead of both others, by how much over each; the cards follow the winner.
    let headline = await text('verdict-headline');
    const [, overNext, overReference] = headline.match(/^The differentiated strategy comes out ahead over 36 months: (\S+) more than the revenue center, (\S+) more than the cost center\.$/) ?? [];
    assert.ok(overNext && overReference, headline);
    assert.equal(await text('headline-extra-contribution-value'), overReference);
    assert.equal(await text('headline-extra-contribution-detail'), 'differentiated strategy minus cost center, 36\u00a0months');
    assert.equal(await page.getByTestId('verdict').getAttribute('class'), 'verdict gain');
    // It invests for the customers it moves: a tenth of the $60K.
    assert.equal(await text('headline-break-even-detail'), '$6K invested, 6-month ramp');
    await expectDrawn(page, 'sources');
    assert.equal(await page.getByTestId('chart-sources').locator('.legend li').last().innerText(), 'Net: Differentiated minus cost center');

    // Dearer still, the revenue center falls behind the cost center: the lead is over the cost center.
    await page.getByTestId('revenue_center.agent_cost_per_hour').fill('60');
    await waitForText(page, 'verdict-headline', /^The differentiated strategy comes out ahead by/);
    headline = await text('verdict-headline');
    assert.equal(headline, `The differentiated strategy comes out ahead by ${await text('headline-extra-contribution-value')} over 36 months.`);

    // Each segment under each strategy, the others last, with what moving it gains.
    const table = page.getByTestId('segment-contributions');
    await table.waitFor();
    assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Segment', 'Cost center', 'Revenue center', 'Differentiated']);
    const rows = await page.getByTestId('segment-contribution').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
    assert.deepEqual(rows.map((r) => r[0]), ['Key accounts', 'Other customers']);
    const [keyAccounts, others] = rows;
    assert.match(keyAccounts[1], /^\$[\d.]+[KM]$/, 'the reference is not set against itself');
    assert.match(keyAccounts[3], /^\$[\d.]+[KM] ▲ \+\$[\d.]+[KM]$/, 'moved, the key accounts earn more');
    assert.match(others[2], /▼ -\$[\d.]+[KM]$/, 'moved under dear agents, the others earn less');
    // Why the others earn less under the differentiated strategy too: they share its queues.
    assert.match(await page.locator('.pooled-note').innerText(), /^Each channel has one queue for all customers, held to the strictest promise/);

    // The best, the third strategy, is shaded in its own colour and keeps its dotted line.
    const differentiated = page.getByTestId('chart-extra').locator('.legend li', { hasText: 'Differentiated minus cost center' }).locator('.swatch');
    assert.match(await differentiated.getAttribute('class'), /\bdotted\b/);
    const shade = await page.getByTestId('chart-extra-canvas').evaluate((canvas, css) => {
      const [r, g, b] = css.match(/\d+/g).map(Number);
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      // Translucent pixels of the line's colour: the shading, read back within the rounding of
      // its low opacity.
      let tinted = 0;
      for (let i = 0; i < data.length; i += 4) {
        const near = [r, g, b].every((c, k) => Math.abs(data[i + k] - c) <= 8);
        if (data[i + 3] > 0 && data[i + 3] < 80 && near) tinted += 1;
      }
      return tinted;
    }, await differentiated.evaluate((s) => getComputedStyle(s).borderTopColor));
    assert.ok(shade > 1000, `shaded in the differentiated strategy's colour: ${shade} pixels`);

    for (const [name, size] of [['1280x720', { width: 1280, height: 720 }], ['1920x1080', { width: 1920, height: 1080 }]]) {
      await page.setViewportSize(size);
      await page.getByTestId('verdict').scrollIntoViewIfNeeded();
      await waitForPaint(page);
      await page.screenshot({ path: join(SHOTS, `three-strategies-headline-${name}.png`) });
      await table.screenshot({ path: join(SHOTS, `segment-contributions-${name}.png`) });
    }

    // On the wall: the headline with the table by segment, and where the difference comes from.
    await page.getByRole('button', { name: 'Present' }).click();
    await waitForText(page, 'present-progress', /^Headline figures · 1 of 8$/);
    for (const [name, size] of [['1280x720', { width: 1280, height: 720 }], ['1920x1080', { width: 1920, height: 1080 }]]) {
      await page.setViewportSize(size);
      await waitForPaint(page);
      await page.screenshot({ path: join(SHOTS, `three-strategies-present-headline-${name}.png`) });
    }
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await waitForText(page, 'present-progress', /^Where the money comes from, by segment · 3 of 8$/);
    await page.screenshot({ path: join(SHOTS, 'three-strategies-present-segments-1920x1080.png') });
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await waitForText(page, 'present-progress', /^Where the difference comes from · 5 of 8$/);
    await expectDrawn(page, 'sources');
    await waitForPaint(page);
    await page.screenshot({ path: join(SHOTS, 'three-strategies-present-sources-1920x1080.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('present-progress').waitFor({ state: 'hidden' });

    // Back to one segment's worth of revenue center: two strategies even out the wording.
    await page.getByTestId('segment-remove').click();
    await waitForText(page, 'verdict-headline', /^The cost center comes out ahead: the revenue center earns/);
    assert.ok(await table.isHidden());
    assert.deepEqual(errors, []);
    await context.close();
  });
});
