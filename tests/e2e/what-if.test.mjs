// End-to-end: the what-if analyses, loaded on first use: the tornado of every lever, goal seek
// with Apply (an ordinary, undoable edit), the two-lever table, the staffing calculator,
// how sure the plan is (ranges and a Monte Carlo run), following the page's edits,
// at 1024x768, 1280x720, 1920x1080 and 200% zoom (tests/e2e/output/what-if-*.png,
// how-sure-*.png and calculator-*.png).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openApp, serveAndLaunch, waitForPaint, waitForText, SHOTS } from './support.mjs';

const session = serveAndLaunch();

/** Opens the analyses from the keyboard, as a person would, and waits for the tornado. */
async function openAnalyses(page) {
  await page.getByTestId('what-if-open').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('tornado-row').first().waitFor();
}

describe('What-if analyses', () => {
  test('load only when asked for, then show every lever by its swing, in words too', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    const fetched = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    assert.deepEqual(fetched.filter((path) => /what.if/.test(path)), [], 'loaded before asked for');
    await openAnalyses(page);
    assert.ok(fetched.some((path) => path.endsWith('/what_if_bg.wasm')), fetched.join(' '));

    const sentence = await waitForText(page, 'tornado-sentence', /matters most/);
    assert.match(sentence, /^Customers lost \((cost|revenue) center\) matters most: between [\d.]+ % a month and [\d.]+ % a month the NPV of the extra contribution moves from \$[\d.]+[KM] to \$[\d.]+[KM]\.$/);
    const rows = await page.getByTestId('tornado-row').allInnerTexts();
    assert.equal(rows.length, 10);
    assert.ok(rows.every((row) => /low .*[▲▼]/.test(row) && /high .*[▲▼]/.test(row)), rows.join('\n'));
    assert.ok(!/NaN|Infinity|undefined/.test(await page.getByTestId('what-if').innerText()));
    await page.getByRole('button', { name: /^Show \d+ more$/ }).click();
    assert.ok((await page.getByTestId('tornado-row').count()) > 40);

    // The break-even month instead of the NPV.
    await page.getByTestId('measure-break-even').check();
    await waitForText(page, 'tornado-sentence', /the break-even month moves from (month \d+|no pay-back) to (month \d+|no pay-back)\./);

    // A spread that is not a share says so at its field; the chart keeps the last one.
    await page.getByTestId('tornado-spread').fill('30');
    const atThirty = await waitForText(page, 'tornado-sentence', /between 1\.12 % a month and 2\.08 % a month/);
    await page.getByTestId('tornado-spread').fill('0');
    await waitForText(page, 'what-if', /Enter a share above 0% and up to 100%\./);
    assert.equal(await page.getByTestId('tornado-sentence').innerText(), atThirty);
    await page.getByTestId('tornado-spread').fill('10');

    // A bar's lever takes the manager to its input, unfolded if it was folded away.
    const lever = page.getByTestId('tornado-row').nth(2).getByRole('button');
    await lever.click();
    const focused = await page.evaluate(() => document.activeElement.id);
    assert.match(focused, /^(baseline|transition|cost_center|revenue_center)\./);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('follow the edits made on the page', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    await openAnalyses(page);
    const before = await waitForText(page, 'tornado-sentence', /matters most/);
    await page.getByTestId('revenue_center.monthly_churn').fill('1');
    await page.getByTestId('revenue_center.monthly_churn').press('Tab');
    await page.waitForFunction((old) => {
      const now = document.querySelector('[data-testid="tornado-sentence"]').innerText;
      return now !== old && /matters most/.test(now);
    }, before);
    // An input out of range: the analyses wait for it to be fixed, and say so.
    await page.getByTestId('revenue_center.monthly_churn').fill('150');
    await waitForText(page, 'what-if', /Some inputs are out of range/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('goal seek finds the value, applies it as an undoable edit, and says when no value will do', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    await openAnalyses(page);
    const answer = await waitForText(page, 'goal-answer', /gives/);
    // The value is round, three significant figures, and still meets the goal.
    const [, found] = /^Customers lost \(revenue center\) at ([\d.]+) % a month \(now 1\.6 % a month\) gives an NPV of \$[\d,]+\.$/.exec(answer) ?? [];
    assert.ok(found, answer);
    assert.ok(found.replace('.', '').replace(/^0+/, '').length <= 3, answer);
    await page.getByTestId('goal-apply').click();
    const churn = page.getByTestId('revenue_center.monthly_churn');
    await page.waitForFunction((value) => document.querySelector('[data-testid="revenue_center.monthly_churn"]').value === value, found);
    await waitForText(page, 'goal-answer', new RegExp(`\\(now ${found.replace('.', '\\.')} % a month\\)`));
    await page.getByTestId('undo').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="revenue_center.monthly_churn"]').value === '1.6');
    assert.equal(await churn.inputValue(), '1.6');

    // Pay-back by a month: solved on the cumulative extra contribution there.
    await page.getByTestId('goal-aim').selectOption('pay-back');
    await page.getByTestId('goal-month').fill('12');
    await waitForText(page, 'goal-answer', /gives pay-back in month (\d|1[0-2])\./);
    await page.getByTestId('goal-month').fill('99');
    await waitForText(page, 'goal-message', /Enter a whole month from 1 to 36, within the horizon\./);

    // A lever that cannot reach the goal says so, with the closest it gets.
    await page.getByTestId('goal-lever').selectOption('transition.one_off_investment');
    await page.getByTestId('goal-month').fill('2');
    await waitForText(page, 'goal-answer', /^No value of One-off investment in month 1 from .* reaches pay-back by month 2\. The closest, .*, gives (pay-back in month \d+|no pay-back within the 36-month horizon)\.$/);
    await page.getByTestId('goal-aim').selectOption('npv');
    await page.getByTestId('goal-amount').fill('-100000000000');
    await waitForText(page, 'goal-answer', /^Every value of One-off investment in month 1 .* reaches an NPV of -?\$-?[\d,]+: it does not decide this goal\.$/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the two-lever table crosses two levers, marks the plan and where the NPV turns, and follows the page', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    await openAnalyses(page);
    const table = page.getByTestId('two-levers-table');
    await table.locator('td.planned').waitFor();
    assert.equal(await table.locator('tbody tr').count(), 11);
    assert.equal(await table.locator('tbody td').count(), 121);
    assert.match(await page.getByTestId('two-levers-sentence').innerText(), /^The NPV runs from -\$[\d.]+[KM] \(Customers lost \(revenue center\) 2\.4%, Agent cost per paid hour \(revenue center\) 45\) to \$[\d.]+[KM] \(Customers lost \(revenue center\) 0\.8%, Agent cost per paid hour \(revenue center\) 15\); \d+ of these 121 pairs of values give an NPV above zero\.$/);
    // The plan's own cell is the tornado's "as planned".
    const planned = table.locator('td.planned');
    assert.equal(await planned.count(), 1);
    assert.equal(await planned.getAttribute('title'), 'As planned');
    const base = (await page.locator('.base-label').innerText()).replace('As planned: ', '');
    assert.equal(await planned.innerText(), base);
    // The thick line runs exactly between cells of opposite sign.
    const boundary = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('[data-testid="two-levers-table"] tbody tr')].map((tr) => [...tr.querySelectorAll('td')]);
      const positive = (td) => td.classList.contains('gain');
      let lines = 0;
      let wrong = 0;
      rows.forEach((row, r) => row.forEach((td, c) => {
        const right = row[c + 1];
        const below = rows[r + 1]?.[c];
        const turnsRight = Boolean(right) && positive(right) !== positive(td);
        const turnsBelow = Boolean(below) && positive(below) !== positive(td);
        lines += turnsRight + turnsBelow;
        wrong += (td.classList.contains('turns-right') !== turnsRight) + (td.classList.contains('turns-below') !== turnsBelow);
      }));
      return { lines, wrong };
    });
    assert.ok(boundary.lines > 0, 'the default table shows where the NPV turns');
    assert.equal(boundary.wrong, 0);

    await page.getByTestId('two-levers-size').selectOption('5 × 5');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="two-levers-table"] tbody td').length === 25);
    await page.getByTestId('two-levers-spread').fill('0');
    await waitForText(page, 'two-levers-message', /^Enter a share above 0% and up to 100%\.$/);
    assert.equal(await table.locator('tbody td').count(), 25, 'the table keeps the last valid spread');
    await page.getByTestId('two-levers-spread').fill('20');
    await page.getByTestId('two-levers-columns').selectOption('revenue_center.monthly_churn');
    await waitForText(page, 'two-levers-message', /^Pick two different levers\.$/);
    assert.equal(await table.locator('tbody td').count(), 0);
    // No grid, no table: its caption does not stand alone in a column one word wide.
    assert.equal(await table.isVisible(), false);
    await page.getByTestId('two-levers-columns').selectOption('revenue_center.offer_conversion');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="two-levers-table"] tbody td').length === 25);
    assert.equal(await page.getByTestId('two-levers-message').innerText(), '');

    // An edit on the page moves the plan's cell.
    const before = await planned.innerText();
    await page.getByTestId('revenue_center.monthly_churn').fill('1');
    await page.getByTestId('revenue_center.monthly_churn').press('Tab');
    await page.waitForFunction((old) => document.querySelector('td.planned')?.innerText !== old, before);
    assert.equal(await table.locator('tbody th').nth(2).innerText(), '1%');
    assert.doesNotMatch(await page.getByTestId('two-levers').innerText(), /NaN|Infinity|undefined/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the staffing calculator answers a queue, with and without callers who hang up, and takes a queue from the plan', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    await openAnalyses(page);
    const calculator = page.getByTestId('calculator');
    const noNumberMissing = async () => assert.doesNotMatch(await calculator.innerText(), /NaN|Infinity|undefined/);

    // Call Centre Helper's example: 100 calls in 30 minutes, 180 s, 80% in 20 s.
    await waitForText(page, 'calc-answer', /^10\.0 Erlangs of traffic need 14 agents on the queue: 88\.8% answered within 20 seconds\. With 30% shrinkage, schedule 20\.$/);
    const rows = () => page.getByTestId('calc-row').allInnerTexts();
    assert.deepEqual((await rows()).map((row) => row.split('\t')[0]), ['11', '12', '13', '14 ◀ needed', '15', '16', '17']);
    assert.equal(await page.locator('[data-testid="calc-row"][data-chosen]').count(), 1);
    assert.equal(await page.getByTestId('calc-table').locator('thead th').count(), 5, 'no hang-up column when nobody hangs up');

    // Callers patient for 5 minutes: Erlang A, 13 agents, 2.5% hang up.
    await calculator.getByLabel("Callers' patience", { exact: true }).fill('300');
    await waitForText(page, 'calc-answer', /need 13 agents on the queue: 85\.8% answered/);
    await waitForText(page, 'calc-figures', /Hang up\s*2\.5%/);
    assert.equal(await page.getByTestId('calc-table').locator('thead th').count(), 6);
    await noNumberMissing();

    // A low goal puts agent counts below the traffic in the table: said in words, not numbers.
    await calculator.getByLabel("Callers' patience", { exact: true }).fill('');
    await calculator.getByLabel('Service level goal', { exact: true }).fill('40');
    await waitForText(page, 'calc-answer', /need 12 agents/);
    assert.match((await rows())[0], /^9\tOverloaded: calls come faster than these agents answer them/);
    await noNumberMissing();

    // Bad input gets a message at its field, and the answer waits for it.
    await calculator.getByLabel('Calls', { exact: true }).fill('');
    await waitForText(page, 'calc-calls-message', /^Calls must be a number\.$/);
    assert.equal(await page.getByTestId('calc-answer').innerText(), '');
    assert.equal(await calculator.getByLabel('Calls', { exact: true }).getAttribute('aria-invalid'), 'true');
    await calculator.getByLabel('Calls', { exact: true }).fill('100000');
    await calculator.getByLabel("Callers' patience", { exact: true }).fill('300');
    await waitForText(page, 'calc-problem', /^These calls make 10,000 Erlangs of traffic\. With callers who hang up the calculator staffs queues up to 2,000 Erlangs; leave the patience empty to staff this one\.$/);
    assert.equal(await page.getByTestId('calc-calls-message').innerText(), '');

    // The plan's queue: taken, then followed as the plan changes, until a field is changed.
    await page.getByTestId('calc-channel').selectOption('chat');
    await page.getByTestId('calc-side').selectOption('revenue_center');
    await page.getByTestId('calc-month').fill('99');
    await page.getByTestId('calc-from-plan').click();
    await waitForText(page, 'calc-taken', /^Enter a whole month from 1 to 36, within the horizon\.$/);
    await page.getByTestId('calc-month').fill('6');
    await page.getByTestId('calc-from-plan').click();
    await waitForText(page, 'calc-taken', /^The plan's chat queue under the revenue center in month 6/);
    const taken = await waitForText(page, 'calc-answer', /agents on the queue/);
    assert.equal(await calculator.getByLabel('Interval', { exact: true }).inputValue(), '30');
    assert.equal(await calculator.getByLabel("Callers' patience", { exact: true }).inputValue(), '300', 'the patience stays the manager\'s');
    await page.getByTestId('revenue_center.service_level_goal').fill('95');
    await page.getByTestId('revenue_center.service_level_goal').press('Tab');
    await page.waitForFunction((old) => {
      const now = document.querySelector('[data-testid="calc-answer"]').innerText;
      return now !== old && /agents on the queue/.test(now);
    }, taken);
    const followed = await page.getByTestId('calc-answer').innerText();
    await calculator.getByLabel('Shrinkage', { exact: true }).fill('20');
    await waitForText(page, 'calc-answer', /With 20% shrinkage/);
    assert.equal(await page.getByTestId('calc-taken').innerText(), '');
    const own = await page.getByTestId('calc-answer').innerText();
    const written = await page.locator('#what-if-panel').getAttribute('data-scenario');
    await page.getByTestId('revenue_center.service_level_goal').fill('85');
    await page.getByTestId('revenue_center.service_level_goal').press('Tab');
    // The analyses read the new plan as the page writes it.
    await page.waitForFunction((old) => document.getElementById('what-if-panel').dataset.scenario !== old, written);
    assert.equal(await page.getByTestId('calc-answer').innerText(), own, 'a queue of the manager\'s own does not follow the plan');
    assert.notEqual(followed, own);
    await noNumberMissing();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('how sure: ranges kept in the plan, a reproducible Monte Carlo run that shows progress, stops, restarts on an edit and travels in a link', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    await openAnalyses(page);
    await waitForText(page, 'mc-status', /^Give a lever a range/);
    assert.equal(await page.getByTestId('ranges').isHidden(), true);

    // A range from the keyboard: the lever, then "Give it a range"; its low field takes the focus.
    await page.getByTestId('range-lever').selectOption('revenue_center.monthly_churn');
    await page.getByTestId('range-add').focus();
    await page.keyboard.press('Enter');
    const row = page.getByTestId('range-row');
    await row.waitFor();
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'range-low');
    assert.equal(await row.getByTestId('range-low').inputValue(), '1.28');
    assert.equal(await row.getByTestId('range-high').inputValue(), '1.92');
    assert.match(await row.innerText(), /1\.6 % a month/);
    // The lever is no longer offered.
    assert.equal(await page.getByTestId('range-lever').locator('option[value="revenue_center.monthly_churn"]').count(), 0);

    const done = /^10,000 trials, seed 1\.$/;
    await waitForText(page, 'mc-status', done);
    const chance = await page.getByTestId('mc-chance').innerText();
    assert.match(chance, /^The revenue center beats the cost center over 36 months in \d+% of 10,000 trials\.$/);
    const money = (text) => {
      const [, sign, digits, unit] = text.match(/^(-?)\$([\d.]+)([KMB]?)$/);
      return (sign ? -1 : 1) * Number(digits) * { '': 1, K: 1e3, M: 1e6, B: 1e9 }[unit];
    };
    const percentiles = async () => page.getByTestId('mc-percentiles').locator('tbody tr').evaluateAll(
      (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    const first = await percentiles();
    assert.equal(first.length, 2);
    for (const cells of first) {
      const [p10, p50, p90] = cells.map(money);
      assert.ok(p10 <= p50 && p50 <= p90, cells.join(' '));
      assert.ok(p10 < p90, `a range of churn spreads the figures: ${cells.join(' ')}`);
    }
    assert.equal(await page.getByTestId('mc-histogram').locator('rect').count(), 20);
    // The page's own cumulative extra contribution chart draws the run's band and median too.
    // The band is one legend entry; its description reads each edge.
    const trialsLegend = page.getByTestId('chart-extra').locator('.legend li', { hasText: 'Trials, P10 to P90' });
    await trialsLegend.waitFor();
    assert.deepEqual(await page.getByTestId('chart-extra').locator('.legend li').allInnerTexts(),
      ['Revenue center minus cost center', 'Trials, P10 to P90', 'Trials, median (P50)']);
    assert.equal(await trialsLegend.locator('.swatch.band').count(), 1);
    const ends = (await page.getByTestId('chart-extra').locator('.chart-frame').getAttribute('aria-label'))
      .match(/Trials, P90 ends at (-?\$[\d,]+); Trials, median \(P50\) ends at (-?\$[\d,]+); Trials, P10 ends at (-?\$[\d,]+)\./)
      .slice(1).map((text) => Number(text.replace(/[$,]/g, '')));
    assert.ok(ends[0] > ends[1] && ends[1] > ends[2], ends.join(' '));
    assert.equal(await page.getByTestId('mc-band').locator('polygon').count(), 1);
    assert.match(await page.getByTestId('mc-band').getAttribute('aria-label'), /^Cumulative extra contribution by month 36: P10 -?\$[\d.]+[KM]?, P50 .*, P90 .*\.$/);
    assert.match(await page.getByTestId('mc-drivers').innerText(), /^Customers lost \(revenue center\) drives the spread most \(rank correlation -(0\.\d\d|1\.00)\): the lower it is, the higher the NPV\.$/);
    assert.ok(!/NaN|Infinity|undefined/.test(await page.getByTestId('how-sure').innerText()));
    // The tornado moves churn over the manager's range now.
    const churnBar = page.getByTestId('tornado-row').filter({ hasText: 'Customers lost (revenue center)' });
    await churnBar.filter({ hasText: /low 1\.28 % a month.*high 1\.92 % a month/s }).waitFor();

    // A wrong range is said at its row and changes nothing.
    const scenario = await page.locator('#what-if-panel').getAttribute('data-scenario');
    await row.getByTestId('range-high').fill('1');
    await row.getByTestId('range-high').press('Tab');
    await waitForText(page, 'range-row', /The low must not be above the high\./);
    assert.equal(await row.getByTestId('range-high').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#what-if-panel').getAttribute('data-scenario'), scenario);
    // The last run's figures stay, marked as not those of the ranges on screen.
    assert.equal(await page.getByTestId('mc-status').innerText(),
      'The figures below are from the last run. Fix the range of Customers lost (revenue center) to run the trials again.');
    assert.equal(await page.locator('.mc-results').getAttribute('data-stale'), '');
    assert.equal(await page.locator('.mc-results').evaluate((e) => getComputedStyle(e).opacity), '0.55');

    // An edit starts the trials again; stopping keeps what the trials drawn so far found.
    const stopped = page.evaluate(() => new Promise((resolve) => {
      const status = document.querySelector('[data-testid="mc-status"]');
      const observer = new MutationObserver(() => {
        // Between two slices: the next has not run yet.
        if (/^Drawing trials: [1-9]/.test(status.textContent)) {
          observer.disconnect();
          const busy = document.querySelector('.mc-results').getAttribute('aria-busy');
          document.querySelector('[data-testid="mc-cancel"]').click();
          resolve(busy);
        }
      });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
    }));
    await row.getByTestId('range-high').fill('2.4');
    await row.getByTestId('range-high').press('Tab');
    // While the trials run, assistive technology hears that the figures are being worked out.
    assert.equal(await stopped, 'true');
    const partial = await waitForText(page, 'mc-status', /^Stopped after [\d,]+ of 10,000 trials: the figures below are theirs\.$/);
    const drawn = partial.match(/after ([\d,]+)/)[1];
    assert.match(await page.getByTestId('mc-chance').innerText(), new RegExp(`of ${drawn} trials\\.$`));
    assert.equal(await row.getByTestId('range-high').getAttribute('aria-invalid'), null);
    await page.getByTestId('mc-again').click();
    await waitForText(page, 'mc-status', done);
    const wider = await percentiles();
    assert.equal(await page.locator('.mc-results').getAttribute('data-stale'), null);
    assert.notDeepEqual(wider, first);

    // The same seed gives the same figures; another seed, others.
    await page.getByTestId('mc-seed').fill('7');
    await page.getByTestId('mc-seed').press('Tab');
    await waitForText(page, 'mc-status', /^10,000 trials, seed 7\.$/);
    assert.notDeepEqual(await percentiles(), wider);
    await page.getByTestId('mc-seed').fill('-3');
    await page.getByTestId('mc-seed').press('Tab');
    await waitForText(page, 'how-sure', /Enter a whole number from 0 to 4,294,967,295\./);
    assert.equal(await page.getByTestId('mc-seed').getAttribute('aria-invalid'), 'true');
    await page.getByTestId('mc-seed').fill('1');
    await page.getByTestId('mc-seed').press('Tab');
    await waitForText(page, 'mc-status', done);
    assert.deepEqual(await percentiles(), wider);

    // The ranges are part of the plan: a link carries them, and a colleague sees the same figures.
    const fragment = await page.locator('#what-if-panel').getAttribute('data-scenario');
    assert.ok(fragment.startsWith('s=4.'), fragment);
    const colleague = await openApp(session.browser, `${session.server.url}#${fragment}`);
    await openAnalyses(colleague.page);
    await waitForText(colleague.page, 'mc-status', done);
    assert.equal(await colleague.page.getByTestId('range-high').inputValue(), '2.4');
    assert.deepEqual(await colleague.page.getByTestId('mc-percentiles').locator('tbody tr').evaluateAll(
      (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))), wider);
    assert.deepEqual(colleague.errors, []);
    await colleague.context.close();

    // Removing the range is an ordinary edit too: undo brings it back.
    await row.getByTestId('range-remove').click();
    await waitForText(page, 'mc-status', /^Give a lever a range/);
    assert.equal(await page.getByTestId('range-row').count(), 0);
    // A band is drawn only for the plan its run was for.
    await trialsLegend.waitFor({ state: 'detached' });
    await page.getByTestId('undo').click();
    await waitForText(page, 'mc-status', done);
    assert.equal(await page.getByTestId('range-row').count(), 1);
    await trialsLegend.waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  for (const [width, height, colorScheme, deviceScaleFactor] of [[1024, 768, 'light', 1], [1280, 720, 'light', 1], [1920, 1080, 'dark', 1], [640, 360, 'light', 2]]) {
    test(`fit ${width}x${height} (${deviceScaleFactor}x) in the ${colorScheme} theme`, async () => {
      const { context, page, errors } = await openApp(session.browser, session.server.url, { width, height, colorScheme, deviceScaleFactor });
      await openAnalyses(page);
      await waitForText(page, 'goal-answer', /gives/);
      await page.getByTestId('what-if').scrollIntoViewIfNeeded();
      await page.getByTestId('what-if').screenshot({ path: join(SHOTS, `what-if-${width}x${height}-${colorScheme}${deviceScaleFactor > 1 ? '-zoom' : ''}.png`) });
      await page.getByTestId('two-levers').screenshot({ path: join(SHOTS, `two-levers-${width}x${height}-${colorScheme}${deviceScaleFactor > 1 ? '-zoom' : ''}.png`) });
      // A table wider than its panel shades the edge it runs on past, and only that edge.
      const shades = () => page.locator('.two-levers-frame').evaluate((frame) => {
        const scroller = frame.querySelector('.two-levers-scroll');
        const shade = (side) => Number(getComputedStyle(frame, side).opacity);
        return { scrolls: scroller.scrollWidth > scroller.clientWidth + 1, left: shade('::before'), right: shade('::after') };
      });
      const before = await shades();
      if (before.scrolls) {
        assert.deepEqual([before.left, before.right], [0, 1], 'more to the right');
        await page.locator('.two-levers-scroll').evaluate((el) => { el.scrollLeft = el.scrollWidth; });
        await page.waitForFunction(() => getComputedStyle(document.querySelector('.two-levers-frame'), '::after').opacity === '0');
        assert.deepEqual(Object.values(await shades()), [true, 1, 0], 'more to the left');
        await page.getByTestId('two-levers').screenshot({ path: join(SHOTS, `two-levers-${width}x${height}-${colorScheme}${deviceScaleFactor > 1 ? '-zoom' : ''}-scrolled.png`) });
      } else {
        assert.deepEqual([before.left, before.right], [0, 0], 'nothing to scroll, no shade');
      }
      if (width === 1024) assert.ok(before.scrolls, 'the 11 x 11 table is wider than the panel at 1024');
      await page.getByTestId('calc-row').first().waitFor();
      await page.getByTestId('calculator').screenshot({ path: join(SHOTS, `calculator-${width}x${height}-${colorScheme}${deviceScaleFactor > 1 ? '-zoom' : ''}.png`) });
      // Two ranges, one triangular, and the run's figures.
      for (const lever of ['revenue_center.monthly_churn', 'revenue_center.offer_conversion']) {
        await page.getByTestId('range-lever').selectOption(lever);
        await page.getByTestId('range-add').click();
        await page.locator(`[data-testid="range-row"][data-path="${lever}"]`).waitFor();
      }
      await page.getByTestId('range-shape').nth(1).selectOption('triangular');
      await waitForText(page, 'mc-status', /^10,000 trials/);
      await page.getByTestId('how-sure').screenshot({ path: join(SHOTS, `how-sure-${width}x${height}-${colorScheme}${deviceScaleFactor > 1 ? '-zoom' : ''}.png`) });
      await page.getByTestId('chart-extra').locator('.legend li', { hasText: 'Trials, P10 to P90' }).waitFor();
      await page.getByTestId('chart-extra').scrollIntoViewIfNeeded();
      await waitForPaint(page);
      await page.getByTestId('chart-extra').screenshot({ path: join(SHOTS, `band-${width}x${height}-${colorScheme}${deviceScaleFactor > 1 ? '-zoom' : ''}.png`) });
      await page.getByTestId('how-sure').scrollIntoViewIfNeeded();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(wide, false, 'the page scrolls sideways');
      // Every value written at a bar's end stays inside the panel.
      const outside = await page.evaluate(() => {
        const panel = document.querySelector('[data-testid="what-if"]').getBoundingClientRect();
        return [...document.querySelectorAll('.swing-label')]
          .filter((label) => {
            const box = label.getBoundingClientRect();
            return box.left < panel.left || box.right > panel.right;
          })
          .map((label) => label.textContent);
      });
      assert.deepEqual(outside, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
