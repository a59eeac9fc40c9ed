// End-to-end: the what-if analyses, loaded on first use: the tornado of every lever, goal seek
// with Apply (an ordinary, undoable edit), following the page's edits, at 1280x720 and
// 1920x1080 (tests/e2e/output/what-if-*.png).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openApp, serveAndLaunch, waitForText, SHOTS } from './support.mjs';

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
    const [, found] = /^Customers lost \(revenue center\) at ([\d.]+) % a month \(now 1\.6 % a month\) gives an NPV of \$0\.$/.exec(answer) ?? [];
    assert.ok(found, answer);
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

  for (const [width, height, colorScheme, deviceScaleFactor] of [[1024, 768, 'light', 1], [1280, 720, 'light', 1], [1920, 1080, 'dark', 1], [640, 360, 'light', 2]]) {
    test(`fit ${width}x${height} (${deviceScaleFactor}x) in the ${colorScheme} theme`, async () => {
      const { context, page, errors } = await openApp(session.browser, session.server.url, { width, height, colorScheme, deviceScaleFactor });
      await openAnalyses(page);
      await waitForText(page, 'goal-answer', /gives/);
      await page.getByTestId('what-if').scrollIntoViewIfNeeded();
      await page.getByTestId('what-if').screenshot({ path: join(SHOTS, `what-if-${width}x${height}-${colorScheme}${deviceScaleFactor > 1 ? '-zoom' : ''}.png`) });
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
