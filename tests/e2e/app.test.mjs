// End-to-end: the release build served from a sub-path, driven as a manager would.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expectDrawn, openApp, SCREENS, serveAndLaunch, SHOTS, waitForPaint, waitForText, watchFirstChart } from './support.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

const session = serveAndLaunch();

/** A fingerprint of what a canvas shows. */
function canvasPicture(page, id) {
  return page.getByTestId(`chart-${id}-canvas`).evaluate((c) => c.toDataURL());
}

async function setField(page, path, value) {
  const field = page.getByTestId(path);
  await field.fill(String(value));
  await waitForPaint(page);
}

describe('Frontline in Chromium', () => {
  test('loads from a sub-path with the example, five drawn charts and no console errors', async () => {
    assert.match(session.server.url, /\/tools\/frontline\/$/);
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    assert.equal(await page.title(), 'Frontline · service strategy planner');
    assert.match(await page.getByTestId('headline-extra-contribution-value').innerText(), /^\$\d/);
    assert.match(await page.getByTestId('headline-break-even-value').innerText(), /^Month \d+$/);
    assert.ok(await page.getByTestId('example-badge').isVisible());
    for (const id of ['extra', 'sources', 'cumulative', 'customers', 'agents']) await expectDrawn(page, id);
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    assert.ok(icon && !icon.startsWith('/'), `favicon is relative: ${icon}`);
    assert.equal((await page.request.get(new URL(icon, session.server.url).href)).status(), 200);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the first chart is drawn in the first frame, before the rest of the page is built', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 720 } });
    await watchFirstChart(context);
    const page = await context.newPage();
    await page.goto(session.server.url);
    const drawn = await (await page.waitForFunction(() => window.firstChart)).jsonValue();
    assert.equal(drawn.restBuilt, false, 'the first chart waited for the rest of the page');
    await expectDrawn(page, 'extra');
    await context.close();
  });

  test('editing a lever changes the headline figures and the charts', async () => {
    const { context, page } = await openApp(session.browser, session.server.url);
    const headline = await page.getByTestId('headline-extra-contribution-value').innerText();
    const agents = await page.getByTestId('rc-agents').innerText();
    const chart = await canvasPicture(page, 'cumulative');
    const agentsChart = await canvasPicture(page, 'agents');

    await setField(page, 'revenue_center.handle_time_seconds.phone', 600);

    assert.notEqual(await page.getByTestId('headline-extra-contribution-value').innerText(), headline);
    assert.ok(Number((await page.getByTestId('rc-agents').innerText()).replace(/,/g, '')) > Number(agents.replace(/,/g, '')),
      'longer calls need more agents');
    assert.notEqual(await canvasPicture(page, 'cumulative'), chart);
    // The agents chart is below the fold at 1280x720: it redraws once scrolled into view.
    await page.getByTestId('chart-agents').scrollIntoViewIfNeeded();
    await page.waitForFunction((before) => document.querySelector('[data-testid="chart-agents-canvas"]').toDataURL() !== before, agentsChart);
    await context.close();
  });

  test('the verdict says who wins, by the headline figures, and marks a loss by more than colour', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    const text = (id) => page.getByTestId(id).innerText();
    const verdict = page.getByTestId('verdict');
    // The example: the revenue center wins, by the extra contribution and its NPV in the cards.
    let extra = await text('headline-extra-contribution-value');
    let npv = await text('headline-npv-value');
    assert.match(await text('verdict-headline'), new RegExp(`^The revenue center comes out ahead by \\${extra} over 36 months\\.$`));
    const detail = await text('verdict-detail');
    assert.ok(detail.startsWith(`${npv} in today's money`), detail);
    assert.match(detail, new RegExp(`in ${(await text('headline-break-even-value')).toLowerCase()};`));
    assert.match(detail, /most of the gain comes from the customers it keeps/);
    assert.equal(await verdict.getAttribute('class'), 'verdict gain');
    assert.equal(await page.locator('.card.loss').count(), 0);
    assert.equal(await verdict.locator('.mark').innerText(), '▲');
    await page.screenshot({ path: join(SHOTS, 'verdict-win-1280x720.png') });

    // Dear agents: the cost center wins, and every card that says so is marked.
    await setField(page, 'revenue_center.agent_cost_per_hour', 90);
    await waitForText(page, 'verdict-headline', /^The cost center comes out ahead/);
    extra = await text('headline-extra-contribution-value');
    npv = await text('headline-npv-value');
    assert.match(extra, /^-\$/);
    assert.equal(await text('verdict-headline'), `The cost center comes out ahead: the revenue center earns ${extra.slice(1)} less over 36 months.`);
    assert.match(await text('verdict-detail'), new RegExp(`^${npv.replace('$', '\\$')} in today's money at 10\\.0% a year, and it does not pay back within the horizon\\. The main reason: its extra service cost outweighs what it brings in\\.$`));
    assert.equal(await verdict.getAttribute('class'), 'verdict loss');
    assert.equal(await verdict.locator('.mark').innerText(), '▼');
    assert.equal(await text('headline-break-even-value'), 'Not in 36\u00a0months');
    for (const id of ['extra-contribution', 'npv', 'break-even', 'return']) {
      const card = page.getByTestId(`headline-${id}`);
      assert.match(await card.getAttribute('class'), /\bloss\b/, id);
      // The mark is text, not only a colour.
      const mark = await card.locator('.value').evaluate((v) => getComputedStyle(v, '::before').content);
      assert.equal(mark, '"▼ "', id);
    }
    await page.screenshot({ path: join(SHOTS, 'verdict-loss-1280x720.png') });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('every input explains itself; explanations close on Escape or when focus leaves, and stay readable over stale figures', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    await page.getByTestId('more-levers').locator(':scope > summary').click();
    // Its fields are built, all at once, when it reports being opened: a task after the click.
    await page.getByTestId('more-levers').locator('h3').waitFor();
    // One "?" per input row: each field, each lever pair, the currency and each simple-mode cost.
    const rows = await page.locator('.inputs :is(.row, .lever)').count();
    const helps = await page.locator('.inputs :is(.row, .lever) details.explain').count();
    assert.ok(rows > 40, `${rows} rows`);
    assert.equal(helps, rows);
    const shrinkage = page.locator('summary[aria-label="What Shrinkage means"]');
    await shrinkage.click();
    const text = page.locator('.inputs details.explain[open] > p');
    assert.match(await text.innerText(), /^Paid time not spent on contacts.*24–30% \(Call Centre Helper, OpsDog\)\. Paid hours = /);
    assert.equal(await page.locator('.inputs details.explain[open]').locator('summary').getAttribute('aria-expanded'), null, 'a native disclosure: its state is announced');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('details.explain[open]').count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'What Shrinkage means');
    await shrinkage.click();
    await page.keyboard.press('Tab');
    assert.equal(await page.locator('details.explain[open]').count(), 0, 'focus left it');
    await shrinkage.click();
    await page.mouse.click(5, 300);
    assert.equal(await page.locator('details.explain[open]').count(), 0, 'a click elsewhere');

    // Figures out of date fade; their explanation does not.
    await page.getByTestId('baseline.horizon_months').fill('0');
    await page.getByTestId('results').and(page.locator('.stale')).waitFor();
    await page.locator('summary[aria-label="How Extra contribution is computed"]').click();
    const seen = await page.locator('.card details.explain[open] > p').evaluate((el) => {
      let opacity = 1;
      for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      return opacity;
    });
    assert.equal(seen, 1);
    const faded = await page.getByTestId('headline-extra-contribution-value').evaluate((el) => Number(getComputedStyle(el).opacity));
    assert.ok(faded < 1);
    await page.screenshot({ path: join(SHOTS, 'help-over-stale-1280x720.png') });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('edge cases are said in words: unknown currency, a ramp past the horizon, no contacts, money typed with its sign', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    await page.getByTestId('baseline.currency').fill('XYZ');
    await waitForText(page, 'baseline.currency-message', /^"XYZ" is not a currency code; use an ISO 4217 code such as USD, EUR or GBP\.$/);
    await page.getByTestId('baseline.currency').fill('EUR');
    await page.waitForFunction(() => document.querySelector('[data-testid="baseline.currency-message"]').textContent === '');
    await waitForText(page, 'headline-extra-contribution-value', /€/);

    await setField(page, 'transition.ramp_months', 100);
    assert.equal(await page.getByTestId('transition.ramp_months-message').innerText(),
      'The ramp must fit in the 36-month horizon: at most 36 months; it is 100.');
    await setField(page, 'transition.ramp_months', 6);

    await setField(page, 'baseline.revenue_per_customer_per_month', '€45');
    await setField(page, 'transition.one_off_investment', '80 000 EUR');
    assert.equal(await page.getByTestId('baseline.revenue_per_customer_per_month-message').innerText(), '');
    assert.equal(await page.getByTestId('transition.one_off_investment-message').innerText(), '');
    await waitForText(page, 'headline-break-even-detail', /^€80K invested/);

    await setField(page, 'baseline.first_contacts_per_month', 0);
    await waitForText(page, 'cc-cost-per-contact', /^— no contacts$/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a slider moves its lever live, its lines against a grid that holds still', async () => {
    const { context, page } = await openApp(session.browser, session.server.url);
    const before = await page.getByTestId('rc-sales-per-dollar').innerText();
    // What each layer of the extra contribution chart holds, in a few words.
    const layers = () => page.evaluate(() => ['axes', 'canvas'].map((layer) => {
      const c = document.querySelector(`[data-testid="chart-extra-${layer}"]`);
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let sum = 0;
      for (let i = 0; i < data.length; i += 1) sum = (sum * 31 + data[i]) % 1000000007;
      return sum;
    }));
    const [grid, lines] = await layers();
    // Churn from 1.6% to 1.7% a month takes the line's top from 5.9 million to 4.6: axes of
    // its own would run to 4.75 million, not 6.5, but it still fills the grid it has.
    await page.getByTestId('revenue_center.monthly_churn-slider').focus();
    await page.keyboard.press('ArrowRight');
    await waitForPaint(page);
    assert.equal(await page.getByTestId('revenue_center.monthly_churn').inputValue(), '1.7');
    const [gridAfter, linesAfter] = await layers();
    assert.notEqual(linesAfter, lines, 'the lines move');
    assert.equal(gridAfter, grid, 'the grid and its labels stay');
    const slider = page.getByTestId('revenue_center.offer_rate-slider');
    await slider.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await waitForPaint(page);
    assert.equal(await page.getByTestId('revenue_center.offer_rate').inputValue(), '50');
    assert.notEqual(await page.getByTestId('rc-sales-per-dollar').innerText(), before);
    await context.close();
  });

  test('a bad value gets its message next to the field and the results are marked stale', async () => {
    const { context, page } = await openApp(session.browser, session.server.url);
    const headline = await page.getByTestId('headline-extra-contribution-value').innerText();
    await page.getByTestId('more-levers').locator(':scope > summary').click();
    await setField(page, 'cost_center.shrinkage', 120);
    const message = page.getByTestId('cost_center.shrinkage-message');
    assert.equal(await message.innerText(), 'Shrinkage (cost center) must be between 0% and 95%; it is 120%.');
    // The message sits in the same block as its field, just below it.
    const field = await page.getByTestId('cost_center.shrinkage').boundingBox();
    const box = await message.boundingBox();
    assert.ok(box.y >= field.y + field.height - 1 && box.y - (field.y + field.height) < 30 && Math.abs(box.x - field.x) < 4);
    assert.equal(await page.getByTestId('cost_center.shrinkage').getAttribute('aria-invalid'), 'true');
    assert.match(await page.getByTestId('stale-notice').innerText(), /1 input needs fixing/);
    assert.equal(await page.getByTestId('headline-extra-contribution-value').innerText(), headline);
    assert.match(await page.getByTestId('results').getAttribute('class'), /stale/);
    await page.getByTestId('more-levers').locator(':scope > summary').click();  // fold it again
    await page.getByTestId('show-problem').click();
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'cost_center.shrinkage');
    // The field's message is in view with it.
    const shown = await message.boundingBox();
    assert.ok(shown.y >= 0 && shown.y + shown.height <= 721, `message in view: ${JSON.stringify(shown)}`);
    await page.screenshot({ path: join(SHOTS, 'bad-value-1280x720.png') });

    // A message with a long number wraps in the panel rather than push it sideways.
    await setField(page, 'baseline.customers_at_start', '12345678901234567890');
    await page.getByTestId('baseline.customers_at_start-message').filter({ hasText: /12,345,678/ }).waitFor();
    assert.deepEqual(await page.locator('.inputs').evaluate((el) => [el.scrollWidth, el.scrollLeft]),
      await page.locator('.inputs').evaluate((el) => [el.clientWidth, 0]));
    await setField(page, 'baseline.customers_at_start', '100000');
    await setField(page, 'cost_center.shrinkage', '');
    assert.equal(await message.innerText(), 'Enter a number.');
    await setField(page, 'cost_center.shrinkage', 30);
    assert.equal(await page.getByTestId('stale-notice').count(), 0);
    assert.doesNotMatch(await page.locator('body').innerText(), /NaN|Infinity/);
    await context.close();
  });

  test('numbers are read in the manager\'s locale, and what could be read two ways is refused', async () => {
    const english = await openApp(session.browser, session.server.url, { locale: 'en-US' });
    await setField(english.page, 'revenue_center.monthly_churn', '1.5');
    const figure = await english.page.getByTestId('headline-extra-contribution-value').innerText();
    await setField(english.page, 'revenue_center.monthly_churn', '1,5');
    assert.equal(await english.page.getByTestId('revenue_center.monthly_churn-message').innerText(),
      'This could be read two ways: write 1.5 or 15.');
    await setField(english.page, 'revenue_center.agent_cost_per_hour', '$30');
    assert.equal(await english.page.getByTestId('revenue_center.agent_cost_per_hour-message').innerText(), '');
    await setField(english.page, 'baseline.customers_at_start', '100,000');
    assert.equal(await english.page.getByTestId('baseline.customers_at_start-message').innerText(), '');
    await english.context.close();

    const german = await openApp(session.browser, session.server.url, { locale: 'de-DE' });
    // The fields show the locale's decimal comma, and read it back.
    assert.equal(await german.page.getByTestId('revenue_center.monthly_churn').inputValue(), '1,6');
    await setField(german.page, 'revenue_center.monthly_churn', '1,5');
    assert.equal(await german.page.getByTestId('revenue_center.monthly_churn-message').innerText(), '');
    assert.equal(await german.page.getByTestId('stale-notice').count(), 0);
    const digits = (text) => text.replace(/[^0-9]/g, '');
    assert.equal(digits(await german.page.getByTestId('headline-extra-contribution-value').innerText()), digits(figure));
    await setField(german.page, 'baseline.customers_at_start', '100.000');
    assert.equal(await german.page.getByTestId('baseline.customers_at_start-message').innerText(), '');
    await setField(german.page, 'revenue_center.monthly_churn', '1.5');
    assert.match(await german.page.getByTestId('revenue_center.monthly_churn-message').innerText(), /two ways: write 1,5 or 15/);
    // A slider speaks with a dot whatever the locale; its field shows the comma.
    const slider = german.page.getByTestId('revenue_center.monthly_churn-slider');
    await slider.focus();
    await german.page.keyboard.press('ArrowRight');
    await waitForPaint(german.page);
    assert.equal(await german.page.getByTestId('revenue_center.monthly_churn').inputValue(), '1,6');
    assert.equal(await german.page.getByTestId('revenue_center.monthly_churn-message').innerText(), '');
    await german.context.close();
  });

  test('a pasted name longer than a name can be is cut, and its field says so; a segment makes the figures no longer the example', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    const long = 'Service strategy for the northern region, comparing the cost center and the revenue center over three years';
    await page.getByTestId('scenario-name').fill(long);
    assert.equal(await page.getByTestId('scenario-name').inputValue(), long.slice(0, 80));
    await waitForText(page, 'scenario-name-limit', /^Names stop at 80 characters\.$/);
    assert.ok(await page.getByTestId('scenario-name-limit').isVisible());
    await page.getByTestId('scenario-name').fill('Budget 2027');
    await page.waitForFunction(() => document.querySelector('[data-testid="scenario-name-limit"]').textContent === '');
    assert.ok(await page.getByTestId('scenario-name-limit').isHidden());
    // A new name alone leaves the example's figures.
    assert.ok(await page.getByTestId('example-badge').isVisible());
    await page.getByTestId('segment-add').click();
    await page.getByTestId('segment.name').fill(long);
    assert.equal(await page.getByTestId('segment.name').inputValue(), long.slice(0, 80));
    await waitForText(page, 'segment.name-message', /^Names stop at 80 characters\.$/);
    assert.ok(await page.getByTestId('example-badge').isHidden(), 'with a segment, the figures are no longer the example');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('reload keeps the edit', async () => {
    const { context, page } = await openApp(session.browser, session.server.url);
    await setField(page, 'baseline.customers_at_start', '250000');
    await page.getByTestId('scenario-name').fill('Budget 2027');
    await waitForPaint(page);
    await page.reload();
    await expectDrawn(page, 'cumulative');
    assert.equal(await page.getByTestId('baseline.customers_at_start').inputValue(), '250000');
    assert.equal(await page.getByTestId('scenario-name').inputValue(), 'Budget 2027');
    assert.ok(await page.getByTestId('example-badge').isHidden());
    // Edits made while another field is wrong come back too, with the field still marked.
    await setField(page, 'baseline.horizon_months', '500');
    await setField(page, 'revenue_center.monthly_churn', '1.2');
    await waitForPaint(page);
    await page.reload();
    await expectDrawn(page, 'cumulative');
    assert.equal(await page.getByTestId('baseline.horizon_months').inputValue(), '500');
    assert.equal(await page.getByTestId('revenue_center.monthly_churn').inputValue(), '1.2');
    assert.match(await page.getByTestId('baseline.horizon_months-message').innerText(), /Horizon/);
    assert.match(await page.getByTestId('storage-notice').innerText(), /changes to this scenario are back/);
    await context.close();
  });

  test('corrupt storage is kept aside, reported, and the example loads', async () => {
    const corrupt = '{"version":1,"baseline":';
    const { context, page, errors } = await openApp(session.browser, session.server.url, {
      storage: { 'frontline.scenario.v1': corrupt },
    });
    assert.match(await page.getByTestId('storage-notice').innerText(), /could not be opened.*frontline\.scenario\.v1\.unreadable/s);
    assert.equal(await page.evaluate(() => localStorage.getItem('frontline.scenario.v1.unreadable')), corrupt);
    assert.ok(await page.getByTestId('example-badge').isVisible());
    await expectDrawn(page, 'customers');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('full storage gives a notice and the planner keeps working', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    await page.evaluate(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const before = await page.getByTestId('headline-extra-contribution-value').innerText();
    await setField(page, 'revenue_center.offer_rate', 55);
    await page.getByTestId('storage-notice').waitFor();
    assert.match(await page.getByTestId('storage-notice').innerText(), /Not saved: .*storage may be full/);
    assert.notEqual(await page.getByTestId('headline-extra-contribution-value').innerText(), before);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('blocked storage gives one notice and the planner keeps working', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
      });
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(session.server.url);
    await expectDrawn(page, 'cumulative');
    assert.match(await page.getByTestId('storage-notice').innerText(), /does not allow saving/);
    await setField(page, 'revenue_center.offer_rate', 55);
    // Leaving the page saves at once: the save is tried now, not after a pause the test would guess.
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
    await waitForPaint(page);
    assert.equal(await page.getByTestId('storage-notice').count(), 1);
    assert.match(await page.getByTestId('headline-extra-contribution-value').innerText(), /^\$\d/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('hovering a chart shows that month\'s values; arrow keys do too', async () => {
    const { context, page } = await openApp(session.browser, session.server.url);
    await expectDrawn(page, 'customers');
    const frame = page.getByTestId('chart-customers').locator('.chart-frame');
    const box = await frame.boundingBox();
    await page.mouse.move(box.x + box.width - 30, box.y + box.height / 2);
    const text = await waitForText(page, 'chart-customers-hover', /Month 3\d/);
    assert.match(text, /Month 3\d[\s\S]*Revenue center[\s\S]*\d{3},\d{3}[\s\S]*Cost center/);
    await page.mouse.move(0, 0);
    await page.getByTestId('chart-customers-hover').waitFor({ state: 'detached' });
    await frame.focus();
    await page.keyboard.press('Home');
    // Matched on the text content, where "Month 1" runs into the first label.
    assert.match(await waitForText(page, 'chart-customers-hover', /Month 1(?!\d)/), /Month 1\b[\s\S]*100,000/);
    await context.close();
  });

  test('a pointer that arrives before a chart is drawn gets its readout once it is', async () => {
    const { context, page } = await openApp(session.browser, session.server.url);
    // Scroll the chart in and point at it in one task: it is not measured or drawn yet.
    const drawnWhenPointed = await page.getByTestId('chart-customers').evaluate((chart) => {
      chart.scrollIntoView();
      const canvas = chart.querySelector('[data-testid="chart-customers-canvas"]');
      const box = canvas.getBoundingClientRect();
      const blank = canvas.width === 0 || !canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.some((v) => v > 0);
      canvas.dispatchEvent(new MouseEvent('mousemove', {
        bubbles: true, clientX: box.right - 30, clientY: box.top + box.height / 2,
      }));
      return !blank;
    });
    assert.equal(drawnWhenPointed, false, 'the pointer came before the drawing');
    assert.match(await waitForText(page, 'chart-customers-hover', /Month 3\d/), /Revenue center/);
    await context.close();
  });

  test('the theme can be switched and is remembered', async () => {
    const { context, page } = await openApp(session.browser, session.server.url);
    await page.getByTestId('theme-toggle').click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.reload();
    await expectDrawn(page, 'cumulative');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await context.close();
  });

  test('no sideways scroll on a 1024x768 projector or at 1280x720, even with the monthly table open', async () => {
    for (const [width, height] of [[1024, 768], [1280, 720]]) {
      const { context, page, errors } = await openApp(session.browser, session.server.url, { width, height });
      const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
      assert.equal(await pageWidth(), width);
      await page.getByTestId('monthly-table').locator('summary').click();
      await page.getByTestId('monthly-table').locator('tbody tr').first().waitFor();
      assert.equal(await pageWidth(), width, 'the table scrolls in its own box');
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`no serious accessibility violations (${colorScheme})`, async () => {
      const { context, page } = await openApp(session.browser, session.server.url, { colorScheme });
      await page.getByTestId('more-levers').locator(':scope > summary').click();
      await page.getByTestId('monthly-table').locator('summary').click();
      // The table's rows are built when it reports being opened, a task after the click.
      await page.getByTestId('monthly-table').locator('tbody tr').first().waitFor();
      // Evaluated, not added as a script tag, which the page's Content-Security-Policy refuses.
      await page.evaluate(AXE);
      const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target}`), []);
      await context.close();
    });
  }

  test('every control is reachable by keyboard and labelled', async () => {
    const { context, page } = await openApp(session.browser, session.server.url);
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, button, summary, select')]
        .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
        .map((el) => el.outerHTML.slice(0, 80)));
    assert.deepEqual(unlabelled, []);
    // The first key press offers a way past the top bar and the inputs, to the figures; the
    // address keeps its fragment, which holds shared scenarios.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'skip-link');
    const link = await page.getByTestId('skip-link').boundingBox();
    assert.ok(link.y >= 0 && link.height > 0, 'the link shows while focused');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'scenario-name');
    await page.keyboard.press('Shift+Tab');
    const address = page.url();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'results');
    assert.equal(page.url(), address);
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.activeElement.closest('#results') !== null), 'the next key press is in the figures');
    await context.close();
  });

  test('the monthly table lists every month of both strategies', async () => {
    const { context, page } = await openApp(session.browser, session.server.url);
    await page.getByTestId('monthly-table').locator('summary').click();
    const rows = page.getByTestId('monthly-table').locator('tbody tr');
    // The rows are built when the table reports being opened, a task after the click.
    await rows.last().waitFor();
    assert.equal(await rows.count(), 36);
    assert.match(await rows.first().innerText(), /^1\s+100,000\s+100,000/);
    await context.close();
  });

  test('in the dark theme the lines are lifted off the background, and the legend shows them as drawn', async () => {
    const rgb = (css) => css.match(/\d+/g).slice(0, 3).map(Number);
    const legend = (page) => page.getByTestId('chart-customers').locator('.legend .swatch')
      .evaluateAll((swatches) => swatches.map((s) => getComputedStyle(s).borderTopColor));
    const light = await openApp(session.browser, session.server.url);
    await expectDrawn(light.page, 'customers');
    const inLight = (await legend(light.page)).map(rgb);
    await light.context.close();

    const { context, page } = await openApp(session.browser, session.server.url, { colorScheme: 'dark' });
    await expectDrawn(page, 'customers');
    const inDark = (await legend(page)).map(rgb);
    assert.ok(inDark.length >= 2 && inDark.length === inLight.length, 'a line a strategy, in both themes');
    inDark.forEach((dark, i) => assert.ok(dark.every((c, k) => c >= inLight[i][k]) && dark.some((c, k) => c > inLight[i][k]),
      `line ${i} is lighter in the dark theme: ${dark} against ${inLight[i]}`));
    // Each legend colour is the one its line is drawn in: opaque pixels of it, within 2 a channel.
    const pixels = await page.getByTestId('chart-customers-canvas').evaluate((canvas, colours) => {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      return colours.map((colour) => {
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] === 255 && colour.every((c, k) => Math.abs(data[i + k] - c) <= 2)) count += 1;
        }
        return count;
      });
    }, inDark);
    pixels.forEach((count, i) => assert.ok(count > 50, `line ${i} drawn in ${inDark[i]}: ${count} pixels`));
    await context.close();
  });

  test('what the keyboard focuses is not left under the sticky top bar', async () => {
    const { context, page } = await openApp(session.browser, session.server.url);
    // The button scrolled to just under the bar, where it is in the window but out of sight.
    await page.evaluate(() => {
      const button = document.querySelector('[data-testid="chart-extra-save"]');
      window.scrollBy(0, button.getBoundingClientRect().top - 20);
    });
    await page.getByTestId('chart-extra-save').focus();
    const [top, bar] = await page.evaluate(() => [
      document.querySelector('[data-testid="chart-extra-save"]').getBoundingClientRect().top,
      document.querySelector('.top-bar').getBoundingClientRect().bottom,
    ]);
    assert.ok(top >= bar, `the focused button at ${top}px, below the bar's bottom at ${bar}px`);
    await context.close();
  });

  test('screenshots at desktop and projector sizes', async () => {
    for (const [name, options] of Object.entries(SCREENS)) {
      const { context, page } = await openApp(session.browser, session.server.url, options);
      // The first two charts are in view without scrolling at both sizes.
      for (const id of ['extra', 'sources']) {
        const box = await page.getByTestId(`chart-${id}`).boundingBox();
        assert.ok(box.y < options.height, `${id} chart starts in view at ${name}`);
      }
      await page.screenshot({ path: join(SHOTS, `${name}.png`) });
      await context.close();
    }
  });
});
