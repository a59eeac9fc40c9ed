// End-to-end: presentation mode on a projector: keys of a keyboard and a clicker, type sized for
// the room, contrast for a washed-out projector, and live levers that are ordinary edits.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { expectDrawn, openApp, serveAndLaunch, SHOTS, waitForPaint, waitForText } from './support.mjs';

const session = serveAndLaunch();

/** The smallest text, the headline figures' size and the lowest text contrast on screen. */
function measureText(page) {
  return page.evaluate(() => {
    const rgb = (text) => (text.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]) => {
      const [R, G, B] = [r, g, b].map((c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const [r, g, b, a = 1] = rgb(getComputedStyle(e).backgroundColor);
        if (a > 0.5) return [r, g, b];
      }
      return [255, 255, 255];
    };
    let smallest = Infinity; let lowest = Infinity; let where = '';
    const texts = [...document.querySelectorAll('body *')].filter((el) => {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) || el.matches('input[type=text]');
      const box = el.getBoundingClientRect();
      return own && box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight && getComputedStyle(el).visibility !== 'hidden';
    });
    for (const el of texts) {
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      if (size < smallest) { smallest = size; }
      const [l1, l2] = [luminance(rgb(style.color)), luminance(background(el))].sort((a, b) => b - a);
      const contrast = (l1 + 0.05) / (l2 + 0.05);
      if (contrast < lowest) { lowest = contrast; where = `${el.tagName}.${el.className}: ${el.textContent.trim().slice(0, 30)}`; }
    }
    const figures = [...document.querySelectorAll('.card .value')].map((el) => parseFloat(getComputedStyle(el).fontSize));
    return { smallest, lowest, where, figure: Math.min(...figures), count: texts.length };
  });
}

/**
 * Where the "next view" button is, and how wide the chart in view is (0 without one): the
 * buttons stay put from view to view, and a chart fills the screen's width.
 */
function measureLayout(page) {
  return page.evaluate(() => {
    const next = document.querySelector('.present-nav [aria-label="Next view"]').getBoundingClientRect();
    const chart = [...document.querySelectorAll('.charts > .chart')].find((c) => c.getClientRects().length > 0);
    return { next: `${next.x},${next.y}`, chartWidth: chart ? chart.getBoundingClientRect().width : 0 };
  });
}

describe('Presentation mode', () => {
  for (const [width, height, colorScheme, minText, minFigure] of [[1920, 1080, 'light', 24, 48], [1920, 1080, 'dark', 24, 48], [1280, 720, 'light', 16, 32], [1280, 720, 'dark', 16, 32]]) {
    test(`type and contrast for a projector at ${width}x${height} (${colorScheme})`, async () => {
      const { context, page, errors } = await openApp(session.browser, session.server.url, { width, height, colorScheme });
      // With a segment, so that every view has three strategies, and one more view shows the segments.
      await page.getByTestId('segment-add').click();
      await page.getByTestId('df-customers').filter({ hasText: /\d/ }).waitFor();
      await page.getByTestId('present').click();
      await waitForText(page, 'present-progress', /^Headline figures · 1 of 8$/);
      await waitForPaint(page);
      const headline = await measureText(page);
      const layouts = [await measureLayout(page)];
      await page.screenshot({ path: join(SHOTS, `present-${width}x${height}-${colorScheme}-1-headline.png`) });
      await page.keyboard.press('PageDown');
      await waitForText(page, 'present-progress', /^The strategies side by side · 2 of 8$/);
      await waitForPaint(page);
      const strategies = await measureText(page);
      layouts.push(await measureLayout(page));
      await page.screenshot({ path: join(SHOTS, `present-${width}x${height}-${colorScheme}-2-strategies.png`) });
      await page.keyboard.press('PageDown');
      await waitForText(page, 'present-progress', /^Where the money comes from, by segment · 3 of 8$/);
      await page.getByTestId('segment-contributions').waitFor();
      assert.ok(await page.getByTestId('headline-extra-contribution').isHidden(), 'the segments alone');
      await waitForPaint(page);
      const segments = await measureText(page);
      const segmentFigure = await page.getByTestId('segment-contributions').locator('.figure').first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(segmentFigure >= minFigure, `the segments' figures read like the headline's: ${segmentFigure}px`);
      layouts.push(await measureLayout(page));
      await page.screenshot({ path: join(SHOTS, `present-${width}x${height}-${colorScheme}-3-segments.png`) });
      const charts = [];
      for (const [i, id] of ['extra', 'sources', 'cumulative', 'customers', 'agents'].entries()) {
        await page.keyboard.press('PageDown');
        await expectDrawn(page, id);
        charts.push(await measureText(page));
        const layout = await measureLayout(page);
        assert.ok(layout.chartWidth >= 0.9 * width, `the ${id} chart fills the width: ${layout.chartWidth}px of ${width}`);
        layouts.push(layout);
        await page.screenshot({ path: join(SHOTS, `present-${width}x${height}-${colorScheme}-${i + 4}-${id}.png`) });
      }
      for (const m of [headline, strategies, segments, ...charts]) {
        assert.ok(m.count > 10, 'text was measured');
        assert.ok(m.smallest >= minText, `smallest text ${m.smallest}px`);
        assert.ok(m.lowest >= 7, `contrast ${m.lowest.toFixed(2)} at ${m.where}`);
      }
      assert.ok(headline.figure >= minFigure, `headline figures ${headline.figure}px`);
      assert.deepEqual(new Set(layouts.map((l) => l.next)).size, 1, `the next button stays put: ${layouts.map((l) => l.next)}`);
      // Only the view shown: no inputs, no top bar.
      assert.ok(await page.getByTestId('scenarios').isHidden());
      assert.ok(await page.getByTestId('headline-extra-contribution').isHidden());
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  test('on a small projector, 1024x768, the headline and every strategy show whole above the live levers, even with a wrong value on them', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url, { width: 1024, height: 768 });
    await page.getByTestId('segment-add').click();
    await page.getByTestId('df-customers').filter({ hasText: /\d/ }).waitFor();
    await page.getByTestId('present').click();
    await waitForText(page, 'present-progress', /^Headline figures · 1 of 8$/);
    /** What of the figures in view the presenter's bar covers: every card and strategy row shown must end above it. */
    const covered = () => page.evaluate(() => {
      const bar = document.querySelector('[data-testid="present-bar"]').getBoundingClientRect().top;
      return [...document.querySelectorAll('.results :is(.verdict, .card, .comparison tbody tr)')]
        .filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().bottom > bar)
        .map((e) => e.textContent.trim().slice(0, 40));
    });
    await waitForPaint(page);
    assert.deepEqual(await covered(), []);
    assert.equal(await page.locator('.results .card:visible').count(), 5);
    await page.screenshot({ path: join(SHOTS, 'present-1024x768-light-1-headline.png') });
    await page.keyboard.press('PageDown');
    await waitForText(page, 'present-progress', /^The strategies side by side · 2 of 8$/);
    await waitForPaint(page);
    assert.equal(await page.locator('.results .comparison tbody tr:visible').count(), 3, 'three strategies with a segment');
    assert.deepEqual(await covered(), []);
    await page.screenshot({ path: join(SHOTS, 'present-1024x768-light-2-strategies.png') });
    await page.getByTestId('present.revenue_center.monthly_churn').fill('150');
    await page.getByTestId('present.revenue_center.monthly_churn-message').filter({ hasText: /Customers lost/ }).waitFor();
    await waitForPaint(page);
    assert.deepEqual(await covered(), []);
    await page.screenshot({ path: join(SHOTS, 'present-1024x768-light-2-strategies-wrong-value.png') });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('stepped by keyboard and clicker keys, blanked, left with Escape; F5 does not reload', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url, { width: 1920, height: 1080 });
    await page.evaluate(() => { window.stillThisPage = true; });
    await page.keyboard.press('p');
    const progress = page.getByTestId('present-progress');
    assert.equal(await progress.getAttribute('aria-live'), 'polite', 'each view is announced');
    const expectAt = (pattern) => waitForText(page, 'present-progress', pattern);
    await expectAt(/· 1 of 7$/);
    for (const [key, at] of [['ArrowRight', 2], ['PageDown', 3], [' ', 4], ['ArrowDown', 5], ['ArrowRight', 6], ['ArrowRight', 7], ['ArrowRight', 7], ['PageUp', 6], ['ArrowLeft', 5], ['ArrowUp', 4], ['End', 7], ['Home', 1]]) {
      await page.keyboard.press(key === ' ' ? 'Space' : key);
      await expectAt(new RegExp(`· ${at} of 7$`));
    }
    await page.keyboard.press('End');
    await expectAt(/^Full-time agents needed · 7 of 7$/);
    await expectDrawn(page, 'agents');

    await page.keyboard.press('b');
    await page.getByTestId('present-blank').waitFor();
    await page.keyboard.press('.');
    await page.getByTestId('present-blank').waitFor({ state: 'hidden' });

    await page.keyboard.press('F5');
    await waitForPaint(page);
    assert.equal(await page.evaluate(() => window.stillThisPage), true, 'F5 did not reload');

    await page.keyboard.press('Escape');
    await page.getByTestId('present-bar').waitFor({ state: 'hidden' });
    assert.ok(await page.getByTestId('scenarios').isVisible());
    assert.equal(await page.evaluate(() => document.documentElement.dataset.slide), undefined);

    // Entered again with the button, left with the on-screen button.
    await page.getByTestId('present').click();
    await expectAt(/^Headline figures · 1 of 7$/);
    await page.getByTestId('present-leave').click();
    await page.getByTestId('present-bar').waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('while scenarios are compared, the comparison is a view of its own', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url, { width: 1920, height: 1080 });
    await page.getByTestId('scenario-name').fill('Budget 2027');
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
    await page.getByTestId('scenarios').click();
    await page.getByTestId('scenario-duplicate').click();
    await page.getByTestId('revenue_center.offer_rate').fill('60');
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
    await page.getByTestId('scenarios').click();
    for (const tick of await page.getByTestId('scenario-tick').all()) await tick.check();
    await page.getByTestId('scenario-compare').click();
    await page.getByTestId('compare').waitFor();

    await page.keyboard.press('p');
    await waitForText(page, 'present-progress', /^Scenarios side by side · 8 of 8$/);
    await expectDrawn(page, 'by-scenario');
    assert.ok(await page.getByTestId('compare-figures').isVisible());
    // The live levers edit the open scenario, not the saved ones compared: they give their room
    // to the chart.
    assert.ok(await page.locator('.present-levers').isHidden());
    const frame = await page.getByTestId('chart-by-scenario').locator('.chart-frame').boundingBox();
    assert.ok(frame.height >= 0.2 * 1080, `the comparison's chart is ${frame.height}px high`);
    // Leave stays at the bar's far end, where it is on every other view.
    const leave = await page.getByTestId('present-leave').boundingBox();
    assert.ok(leave.x + leave.width >= 0.95 * 1920, `Leave ends at ${leave.x + leave.width}px`);
    await page.screenshot({ path: join(SHOTS, 'present-1920x1080-light-8-comparison.png') });
    await page.keyboard.press('Home');
    await waitForText(page, 'present-progress', /^Headline figures · 1 of 8$/);
    assert.ok(await page.getByTestId('compare').isHidden());
    assert.ok(await page.getByTestId('headline-extra-contribution').isVisible());
    // Escape from within the comparison leaves the presentation, not the comparison too.
    await page.keyboard.press('End');
    await waitForText(page, 'present-progress', /· 8 of 8$/);
    await page.locator('#compare-heading').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('present-bar').waitFor({ state: 'hidden' });
    assert.ok(await page.getByTestId('compare').isVisible());
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('figures hidden behind a chart hold still while its lever moves, and show the edit when stepped back to', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url, { width: 1920, height: 1080 });
    await page.keyboard.press('p');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.documentElement.dataset.slide === 'chart-extra');
    await expectDrawn(page, 'extra');
    const figure = page.getByTestId('headline-extra-contribution-value');
    const cell = page.getByTestId('rc-customers');
    const [figureBefore, cellBefore] = [await figure.textContent(), await cell.textContent()];
    const lines = () => page.getByTestId('chart-extra-canvas').evaluate((c) => c.toDataURL());
    const linesBefore = await lines();
    await page.getByTestId('present.revenue_center.monthly_churn').fill('1.1');
    await page.waitForFunction((earlier) => document.querySelector('[data-testid="chart-extra-canvas"]').toDataURL() !== earlier, linesBefore);
    // Unseen, the headline and the strategies table are not worked out again on every edit.
    assert.equal(await figure.textContent(), figureBefore);
    assert.equal(await cell.textContent(), cellBefore);
    await page.keyboard.press('Escape'); // out of the field
    await page.keyboard.press('Home');
    const figureAfter = await waitForText(page, 'headline-extra-contribution-value', new RegExp(`^(?!\\${figureBefore}$)`));
    assert.match(figureAfter, /^\$\d/);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.documentElement.dataset.slide === 'strategies');
    assert.notEqual(await cell.innerText(), cellBefore, 'fewer customers lost, more at the end');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('live levers are ordinary edits: figures and chart follow, undo takes them back; a link can ask to present', async () => {
    const { context, page, errors } = await openApp(session.browser, session.server.url, { width: 1920, height: 1080 });
    await page.keyboard.press('p');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectDrawn(page, 'extra');
    await page.keyboard.press('Home');
    // Each lever says its unit, so a room reads "420" as seconds.
    assert.deepEqual((await page.locator('.present-lever:visible .present-lever-label').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')),
      ['Agent cost per paid hour USD', 'Phone handle time seconds', 'Customers lost % a month',
        'Offer made on % of phone and chat contacts', 'Offers that convert %']);
    // And whose levers they are.
    assert.equal(await page.getByTestId('present-whose').innerText(), "Levers: the revenue center's");
    const before = await page.getByTestId('headline-extra-contribution-value').innerText();
    // What a chart behind another view says of itself, to read again once it shows.
    const described = () => page.locator('[data-testid="chart-cumulative"] .chart-frame').getAttribute('aria-label');
    const describedBefore = await described();
    // A wrong value: its message on the bar, and the slide says its figures lag behind.
    await page.getByTestId('present.revenue_center.monthly_churn').fill('150');
    await page.getByTestId('present.revenue_center.monthly_churn-message').filter({ hasText: /Customers lost/ }).waitFor();
    await page.getByTestId('stale-notice').waitFor();
    assert.ok(await page.getByTestId('storage-notice').count() === 0 || await page.getByTestId('storage-notice').first().isHidden());
    await page.screenshot({ path: join(SHOTS, 'present-1920x1080-light-wrong-value.png') });
    await page.getByTestId('present.revenue_center.monthly_churn').fill('1.2');
    await page.getByTestId('stale-notice').waitFor({ state: 'detached' });
    const after = await waitForText(page, 'headline-extra-contribution-value', new RegExp(`^(?!\\${before}$)`));
    // Arrow keys in a lever field change the lever, not the view.
    await page.getByTestId('present.revenue_center.monthly_churn').press('ArrowUp');
    await expectAtLeast(page);
    // Escape leaves the field first, then presenting.
    await page.keyboard.press('Escape');
    assert.ok(await page.getByTestId('present-progress').isVisible(), 'still presenting');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'BODY');
    // A chart edited behind another view shows the edit, legend and description, once it shows.
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.documentElement.dataset.slide === 'chart-cumulative');
    await expectDrawn(page, 'cumulative');
    await page.waitForFunction((earlier) => {
      const label = document.querySelector('[data-testid="chart-cumulative"] .chart-frame').getAttribute('aria-label');
      return label !== earlier && label.includes(' ends at ');
    }, describedBefore);
    assert.ok((await page.locator('[data-testid="chart-cumulative"] .legend li').count()) >= 2, 'its legend');
    await page.keyboard.press('Escape');
    await page.getByTestId('present-progress').waitFor({ state: 'hidden' });
    assert.equal(await page.getByTestId('revenue_center.monthly_churn').inputValue(), '1.3');
    await page.keyboard.press('Control+z');
    await waitForText(page, 'headline-extra-contribution-value', new RegExp(`^\\${before}$`));
    assert.notEqual(after, before);
    await context.close();

    // The presenter chooses the levers shown: another lever's field and slider join the bar, live.
    const other = await openApp(session.browser, session.server.url, { width: 1920, height: 1080 });
    await other.page.keyboard.press('p');
    await other.page.getByTestId('present-choose').locator('summary').click();
    // The list opens whole on the screen, above the bar at its right end.
    const list = other.page.getByTestId('present-choose').locator('fieldset');
    const shown = await list.boundingBox();
    assert.ok(shown.x >= 0 && shown.y >= 0 && shown.x + shown.width <= 1920, JSON.stringify(shown));
    await other.page.getByRole('checkbox', { name: 'Customers lost' }).uncheck();
    await other.page.getByRole('checkbox', { name: 'Shrinkage' }).check();
    await other.page.getByRole('checkbox', { name: 'Chat handle time' }).check();
    const ticked = await list.boundingBox();
    // A sixth lever takes a second row: the list rises with the bar, at the same right edge.
    const bar = await other.page.getByTestId('present-bar').boundingBox();
    assert.ok(Math.abs(ticked.x + ticked.width - shown.x - shown.width) <= 1 && ticked.y >= 0
      && ticked.y + ticked.height <= bar.y, `${JSON.stringify(shown)} ${JSON.stringify(ticked)} ${JSON.stringify(bar)}`);
    // Escape closes the list, and the presentation goes on.
    await other.page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
    assert.ok(await other.page.getByTestId('present-progress').isVisible(), 'still presenting');
    await other.page.getByTestId('present-choose').locator('summary').click();
    await other.page.getByRole('checkbox', { name: 'Chat handle time' }).uncheck();
    await other.page.keyboard.press('Escape');
    const shrinkage = other.page.getByTestId('present.revenue_center.shrinkage');
    await shrinkage.waitFor();
    assert.ok(await other.page.getByTestId('present.revenue_center.monthly_churn').isHidden());
    await other.page.screenshot({ path: join(SHOTS, 'present-1920x1080-light-levers-chosen.png') });
    const start = await other.page.getByTestId('headline-extra-contribution-value').innerText();
    await shrinkage.fill('40');
    await waitForText(other.page, 'headline-extra-contribution-value', new RegExp(`^(?!\\${start}$)`));
    const slider = other.page.getByTestId('present.revenue_center.shrinkage-slider');
    assert.ok(await slider.isVisible(), 'every lever chosen has its slider on the bar');
    assert.equal(await slider.inputValue(), '40');
    await other.page.keyboard.press('Escape');
    await other.page.keyboard.press('Escape');
    await other.page.getByTestId('present-progress').waitFor({ state: 'hidden' });
    // Shrinkage is one of the more levers, built when they are first opened: there, a field alone.
    await other.page.getByTestId('more-levers').locator('summary').click();
    assert.equal(await other.page.getByTestId('revenue_center.shrinkage').inputValue(), '40');
    assert.equal(await other.page.getByTestId('revenue_center.shrinkage-slider').count(), 0);
    assert.deepEqual(other.errors, []);
    await other.context.close();

    // Opened presenting: the headline first, so no chart is drawn to wait for.
    const linked = await session.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const opened = await linked.newPage();
    await opened.goto(`${session.server.url}#present=1`);
    await waitForText(opened, 'present-progress', /^Headline figures · 1 of 7$/);
    assert.deepEqual(errors, []);
    await linked.close();
  });
});

/** Still on the first view: arrows in a field did not step the presentation. */
async function expectAtLeast(page) {
  await waitForText(page, 'present-progress', /· 1 of 7$/);
}
