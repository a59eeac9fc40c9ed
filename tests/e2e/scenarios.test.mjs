// End-to-end: several saved scenarios, links between browser profiles, as managers pass plans around.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectDrawn, openApp, ROOT, SCREENS, serveAndLaunch, SHOTS, waitForPaint, waitForText } from './support.mjs';

const session = serveAndLaunch();

/** Leaves the page's pending edit saved, as leaving or reloading the page does. */
async function saveNow(page) {
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
}

/** Every saved record and the index, as storage holds them. */
function storageOf(page) {
  return page.evaluate(() => Object.fromEntries(
    Object.keys(localStorage).filter((k) => k.startsWith('frontline.')).map((k) => [k, localStorage.getItem(k)])));
}

/** Copies the scenario's link through the clipboard and returns it. */
async function copyLink(page) {
  await page.getByTestId('copy-link').click();
  await page.getByTestId('copy-status').waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

describe('Scenarios and links', () => {
  test('a link made in one profile opens in another without touching its own scenarios, then is saved there', async () => {
    const sender = await openApp(session.browser, session.server.url);
    await sender.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session.server.url).origin });
    await sender.page.getByTestId('scenario-name').fill('<b>Budget</b> 2027');
    await sender.page.getByTestId('revenue_center.monthly_churn').fill('1.7');
    await waitForPaint(sender.page);
    const figure = await sender.page.getByTestId('headline-extra-contribution-value').innerText();
    const link = await copyLink(sender.page);
    assert.ok(link.startsWith(`${session.server.url}#s=4.`), link);
    assert.ok(link.length < 1000, `${link.length} characters`);
    await sender.context.close();

    // The colleague has a scenario of their own, open in a tab.
    const { context, page, errors } = await openApp(session.browser, session.server.url);
    await page.getByTestId('scenario-name').fill('Mine');
    await page.getByTestId('baseline.customers_at_start').fill('80000');
    await saveNow(page);
    const own = await storageOf(page);
    assert.equal(Object.keys(own).filter((k) => k.startsWith('frontline.scenario.v2.')).length, 1);

    // The link pasted into that tab's address bar: only the fragment changes, nothing reloads.
    await page.goto(link);
    await waitForText(page, 'shared-banner', /Shared scenario/);
    assert.match(await page.getByTestId('shared-name').innerText(), /<b>Budget<\/b> 2027/, 'the name is text, not markup');
    assert.equal(await page.getByTestId('scenario-name').inputValue(), '<b>Budget</b> 2027');
    assert.equal(await page.getByTestId('headline-extra-contribution-value').innerText(), figure);

    // An edit to the shared scenario goes into the address, not into the colleague's storage.
    await page.getByTestId('revenue_center.offer_rate').fill('45');
    await saveNow(page);
    assert.deepEqual(await storageOf(page), own);
    assert.notEqual(await page.evaluate(() => location.hash), new URL(link).hash);

    // A reload still shows the shared scenario, with the edit.
    await page.reload();
    await expectDrawn(page, 'cumulative');
    assert.ok(await page.getByTestId('shared-banner').isVisible());
    assert.equal(await page.getByTestId('revenue_center.offer_rate').inputValue(), '45');

    for (const [name, size] of Object.entries(SCREENS).slice(0, 2)) {
      await page.setViewportSize(size);
      await waitForPaint(page);
      await page.screenshot({ path: join(SHOTS, `shared-banner-${name}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.getByTestId('save-shared').click();
    await page.getByTestId('shared-banner').waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => location.hash), '');
    await page.getByTestId('scenarios').click();
    const names = await page.getByTestId('scenario-panel').locator('.entry-name').allInnerTexts();
    assert.deepEqual(names, ['<b>Budget</b> 2027', 'Mine']);
    assert.equal(await page.getByTestId('scenario-count').innerText(), '2');
    for (const [name, size] of Object.entries(SCREENS).slice(0, 2)) {
      await page.setViewportSize(size);
      await waitForPaint(page);
      await page.screenshot({ path: join(SHOTS, `scenario-list-${name}.png`) });
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('closing a shared scenario returns to the visitor\'s own', async () => {
    const sender = await openApp(session.browser, session.server.url);
    await sender.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session.server.url).origin });
    await sender.page.getByTestId('scenario-name').fill('Theirs');
    const link = await copyLink(sender.page);
    await sender.context.close();

    const { context, page } = await openApp(session.browser, session.server.url);
    await page.getByTestId('scenario-name').fill('Mine');
    await saveNow(page);
    await page.goto(link);
    await waitForText(page, 'shared-banner', /Theirs/);
    await page.getByTestId('close-shared').click();
    await page.getByTestId('shared-banner').waitFor({ state: 'hidden' });
    assert.equal(await page.getByTestId('scenario-name').inputValue(), 'Mine');
    assert.equal(await page.evaluate(() => location.hash), '');
    await page.reload();
    await expectDrawn(page, 'cumulative');
    assert.equal(await page.getByTestId('scenario-name').inputValue(), 'Mine');
    await context.close();
  });

  test('a refused clipboard shows the link selected in a field to copy by hand', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    const page = await context.newPage();
    await page.goto(session.server.url);
    await expectDrawn(page, 'cumulative');
    await page.getByTestId('copy-link').click();
    const field = page.getByTestId('copy-link-field');
    await field.waitFor();
    const link = await field.inputValue();
    assert.ok(link.startsWith(`${session.server.url}#s=4.`), link);
    await page.waitForFunction(() => {
      const el = document.activeElement;
      return el?.dataset.testid === 'copy-link-field' && el.selectionStart === 0 && el.selectionEnd === el.value.length;
    });
    await page.screenshot({ path: join(SHOTS, 'copy-by-hand-1280x720.png') });
    await context.close();
  });

  test('a cut or changed link says what is wrong, and the visitor\'s own work opens', async () => {
    for (const fragment of ['s=1.EEV4YW1wbGUgc2Nlbm', 's=1.AAAA<script>alert(1)</script>', `s=1.${'A'.repeat(100_000)}`, 's=9.AAAA']) {
      const { context, page, errors } = await openApp(session.browser, `${session.server.url}#${fragment}`);
      const notice = await waitForText(page, 'storage-notice', /This link could not be opened/);
      assert.match(notice, /damaged|too long|newer version/);
      assert.ok(await page.getByTestId('shared-banner').isHidden());
      assert.equal(await page.getByTestId('scenario-name').inputValue(), 'Example scenario');
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test('new, switch and delete with undo', async () => {
    const { context, page } = await openApp(session.browser, session.server.url);
    await page.getByTestId('scenario-name').fill('Budget 2027');
    await saveNow(page);
    await page.getByTestId('scenarios').click();
    await page.getByTestId('scenario-new').click();
    await waitForText(page, 'scenario-count', /^2$/);
    assert.equal(await page.getByTestId('scenario-name').inputValue(), 'New scenario');
    // A name is settled once typed: another scenario's name gets " (2)", spaces alone the name
    // it had.
    const name = page.getByTestId('scenario-name');
    await name.fill(' Budget 2027 ');
    await name.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="scenario-name"]').value === 'Budget 2027 (2)');
    await name.fill('   ');
    await name.press('Tab');
    await page.waitForFunction(() => document.querySelector('[data-testid="scenario-name"]').value === 'Budget 2027 (2)');
    await page.getByTestId('scenario-name').fill('Budget 2027, aggressive self-service');
    await page.getByTestId('cost_center.deflection').fill('40');
    await saveNow(page);

    // The list takes focus when it opens, and Escape closes it.
    await page.getByTestId('scenarios').click();
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="scenario-panel"]'));
    await page.keyboard.press('Escape');
    await page.getByTestId('scenario-panel').waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'scenarios');
    // A keyboard quicker than the next frame keeps the focus where it put it.
    const kept = await page.evaluate(async () => {
      document.querySelector('[data-testid="scenarios"]').click();
      await new Promise((shown) => setTimeout(shown, 0));
      const tick = document.querySelector('[data-testid="scenario-tick"]');
      tick.focus();
      const frame = () => new Promise((drawn) => requestAnimationFrame(drawn));
      await frame();
      await frame();
      return document.activeElement === tick;
    });
    assert.ok(kept, 'the focus stays on the tick');
    await page.keyboard.press('Escape');
    await page.getByTestId('scenario-panel').waitFor({ state: 'hidden' });
    await page.getByTestId('scenarios').click();
    await page.getByTestId('scenario-panel').getByText('Budget 2027', { exact: true }).click();
    assert.equal(await page.getByTestId('scenario-name').inputValue(), 'Budget 2027');
    assert.equal(await page.getByTestId('cost_center.deflection').inputValue(), '20');

    await page.getByTestId('scenarios').click();
    await page.getByRole('button', { name: 'Delete “Budget 2027, aggressive self-service”' }).click();
    await waitForText(page, 'deleted-notice', /Deleted/);
    assert.equal(await page.getByTestId('scenario-count').innerText(), '1');
    await page.getByTestId('undo-delete').click();
    await waitForText(page, 'scenario-count', /^2$/);
    await page.reload();
    await expectDrawn(page, 'cumulative');
    assert.equal(await page.getByTestId('scenario-name').inputValue(), 'Budget 2027');
    await context.close();
  });

  test('undo and redo by keyboard; Reset is an edit that undo takes back, and clears text that is not a number', async () => {
    const { context, page } = await openApp(session.browser, session.server.url);
    assert.ok(await page.getByTestId('undo').isDisabled());
    const example = await page.getByTestId('headline-extra-contribution-value').innerText();

    // One burst of typing is one step.
    await page.getByTestId('revenue_center.monthly_churn').fill('1.8');
    await page.getByTestId('revenue_center.monthly_churn').fill('1.9');
    await waitForPaint(page);
    const edited = await page.getByTestId('headline-extra-contribution-value').innerText();
    assert.notEqual(edited, example);

    // Text that is not a number belongs to the plan being edited: Reset takes it away.
    await page.getByTestId('baseline.customers_at_start').fill('lots');
    await waitForText(page, 'baseline.customers_at_start-message', /not a number/);
    await page.getByTestId('reset').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="baseline.customers_at_start"]').value === '100000');
    assert.equal(await page.getByTestId('baseline.customers_at_start-message').innerText(), '');
    assert.equal(await page.getByTestId('stale-notice').count(), 0);
    assert.equal(await page.getByTestId('headline-extra-contribution-value').innerText(), example);

    await page.keyboard.press('Control+z');
    await waitForText(page, 'headline-extra-contribution-value', new RegExp(`^${edited.replace(/[$.]/g, '\\$&')}$`));
    assert.equal(await page.getByTestId('revenue_center.monthly_churn').inputValue(), '1.9');
    await page.keyboard.press('Control+Shift+z');
    await page.waitForFunction(() => document.querySelector('[data-testid="revenue_center.monthly_churn"]').value === '1.6');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector('[data-testid="revenue_center.monthly_churn"]').value === '1.9');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector('[data-testid="revenue_center.monthly_churn"]').value === '1.6');
    assert.equal(await page.getByTestId('headline-extra-contribution-value').innerText(), example);
    assert.ok(await page.getByTestId('undo').isDisabled());
    await page.keyboard.press('Control+y');
    await page.waitForFunction(() => document.querySelector('[data-testid="revenue_center.monthly_churn"]').value === '1.9');

    // Another field is a step of its own, however soon it follows.
    await page.getByTestId('revenue_center.offer_rate').fill('45');
    await page.getByTestId('revenue_center.offer_conversion').fill('15');
    await page.getByTestId('undo').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="revenue_center.offer_conversion"]').value === '12');
    assert.equal(await page.getByTestId('revenue_center.offer_rate').inputValue(), '45');
    await page.getByTestId('undo').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="revenue_center.offer_rate"]').value === '40');
    await context.close();
  });

  test('two tabs on one scenario: the idle one follows, the busy one is asked, and nothing is lost', async () => {
    const { context, page: first } = await openApp(session.browser, session.server.url);
    await first.getByTestId('scenario-name').fill('Budget 2027');
    await saveNow(first);
    const second = await context.newPage();
    await second.goto(session.server.url);
    await expectDrawn(second, 'cumulative');
    assert.equal(await second.getByTestId('scenario-name').inputValue(), 'Budget 2027');

    // The second tab has no edits of its own: it takes the first tab's save.
    await first.getByTestId('revenue_center.offer_rate').fill('55');
    await saveNow(first);
    await second.waitForFunction(() => document.querySelector('[data-testid="revenue_center.offer_rate"]').value === '55');
    assert.ok(await second.getByTestId('other-tab-notice').isHidden());

    // Now the second tab has edits it cannot save yet; the first tab saves again.
    await second.getByTestId('revenue_center.offer_rate').fill('30');
    await second.getByTestId('cost_center.monthly_churn').fill('500');
    await first.getByTestId('revenue_center.offer_rate').fill('60');
    await saveNow(first);
    await waitForText(second, 'other-tab-notice', /saved in another tab/);
    await second.getByTestId('cost_center.monthly_churn').fill('2');
    await saveNow(second);
    const stored = await storageOf(first);
    const records = Object.entries(stored).filter(([k]) => k.startsWith('frontline.scenario.v2.'));
    assert.equal(records.length, 1);
    assert.match(records[0][1], /"offer_rate":0\.6\b/, 'the first tab\'s save is not overwritten while the second tab decides');

    await second.getByTestId('keep-mine').click();
    await second.getByTestId('other-tab-notice').waitFor({ state: 'hidden' });
    await waitForText(second, 'scenario-count', /^2$/);
    assert.equal(await second.getByTestId('scenario-name').inputValue(), 'Budget 2027 (copy)');
    assert.equal(await second.getByTestId('revenue_center.offer_rate').inputValue(), '30');
    await saveNow(second);
    await first.waitForFunction(() => document.querySelector('[data-testid="scenario-count"]').textContent === '2');
    assert.equal(await first.getByTestId('revenue_center.offer_rate').inputValue(), '60');
    await context.close();
  });

  test('a scenario saved as a file opens in another profile as a new scenario; the CSV adds up to the headline', async () => {
    const sender = await openApp(session.browser, session.server.url);
    await sender.page.getByTestId('scenario-name').fill('Budget 2027');
    await sender.page.getByTestId('revenue_center.offer_conversion').fill('15');
    await waitForPaint(sender.page);
    const headline = await sender.page.getByTestId('headline-extra-contribution-value').innerText();
    await sender.page.getByTestId('scenarios').click();
    const [json] = await Promise.all([sender.page.waitForEvent('download'), sender.page.getByTestId('export-json').click()]);
    assert.match(json.suggestedFilename(), /^Budget 2027 \d{4}-\d{2}-\d{2}\.json$/);
    const file = join(SHOTS, 'exported.json');
    await json.saveAs(file);

    const [csvDownload] = await Promise.all([sender.page.waitForEvent('download'), sender.page.getByTestId('export-csv').click()]);
    assert.match(csvDownload.suggestedFilename(), /^Budget 2027 \d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await csvDownload.path(), 'utf8');
    const rows = csv.trim().split('\r\n').map((line) => line.split(','));
    assert.equal(rows.length, 37);
    assert.ok(rows.every((row) => row.length === rows[0].length));
    const extra = rows[0].indexOf('Extra contribution of the revenue center (USD)');
    const total = rows.slice(1).reduce((sum, row) => sum + Number(row[extra]), 0);
    assert.ok(rows.slice(1).every((row) => row.every((cell) => Number.isFinite(Number(cell)))));
    assert.equal(`$${(total / 1e6).toFixed(2)}M`, headline);
    await sender.context.close();

    const { context, page } = await openApp(session.browser, session.server.url);
    await page.getByTestId('scenario-name').fill('Budget 2027');
    await saveNow(page);
    await page.getByTestId('scenarios').click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.waitForFunction(() => document.querySelector('[data-testid="scenario-name"]').value === 'Budget 2027 (2)');
    assert.equal(await page.getByTestId('revenue_center.offer_conversion').inputValue(), '15');
    assert.equal(await page.getByTestId('headline-extra-contribution-value').innerText(), headline);
    assert.equal(await page.getByTestId('scenario-count').innerText(), '2');

    // A file that is not a scenario is refused with its reason; nothing changes.
    await page.getByTestId('scenarios').click();
    await page.getByTestId('import-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "name": "x"}') });
    assert.match(await waitForText(page, 'storage-notice', /notes\.json/), /could not be opened: this scenario is damaged/);
    assert.equal(await page.getByTestId('scenario-count').innerText(), '2');
    await context.close();
  });

  test('links and files made by every schema version open as they were made', async () => {
    const fixtures = join(ROOT, 'tests/fixtures');
    for (const version of [1, 2, 3, 4]) {
      const lines = (await readFile(join(fixtures, `links-v${version}.txt`), 'utf8'))
        .split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split('\t'));
      const file = `scenario-v${version}.json`;
      const [, fragment] = lines.find(([name]) => name === file);
      // The link, in a fresh profile.
      const linked = await openApp(session.browser, `${session.server.url}#${fragment}`);
      await linked.page.getByTestId('shared-banner').waitFor();
      const name = await linked.page.getByTestId('scenario-name').inputValue();
      assert.match(name, /^Budget 2027/);
      assert.equal(await linked.page.getByTestId('baseline.currency').inputValue(), 'EUR');
      const headline = await linked.page.getByTestId('headline-extra-contribution-value').innerText();
      assert.match(headline, /€/);
      assert.deepEqual(linked.errors, []);
      await linked.context.close();

      // The file, imported in another.
      const { context, page, errors } = await openApp(session.browser, session.server.url);
      await page.getByTestId('scenarios').click();
      await page.getByTestId('import-file').setInputFiles(join(fixtures, file));
      await page.waitForFunction((wanted) => document.querySelector('[data-testid="scenario-name"]').value === wanted, name);
      await waitForPaint(page);
      assert.equal(await page.getByTestId('headline-extra-contribution-value').innerText(), headline, file);
      // The fourth version's segments bring the differentiated strategy.
      assert.equal(await page.locator('.comparison tr.df').isVisible(), version >= 4, file);
      // The second version's ranges and seed come with it.
      await page.getByTestId('what-if-open').click();
      if (version >= 2) {
        await waitForText(page, 'mc-status', /^10,000 trials, seed 2027\.$/);
        assert.equal(await page.getByTestId('range-row').count(), 3);
      } else {
        await waitForText(page, 'mc-status', /^Give a lever a range/);
      }
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
});
