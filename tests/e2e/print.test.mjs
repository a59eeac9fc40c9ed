// End-to-end: the printed handout, on A4 and on Letter, printed to PDF by Chromium and turned
// into pictures (tests/e2e/output/handout-*.png) and text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openApp, serveAndLaunch, SHOTS } from './support.mjs';

const session = serveAndLaunch();
const run = promisify(execFile);

/** Prints the page to a PDF of `format` as the browser's print dialog would, with its events. */
async function printToPdf(page, format) {
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  // The assumptions are filled in and the charts drawn as pictures for the paper.
  await page.getByTestId('print-lever').nth(8).waitFor({ state: 'attached' });
  for (const id of ['extra', 'sources', 'cumulative', 'customers', 'agents']) {
    await page.waitForFunction((testId) => document.querySelector(`[data-testid="chart-${testId}-print"]`).src.startsWith('data:image/png'), id);
  }
  const path = join(SHOTS, `handout-${format}.pdf`);
  await page.pdf({ path, format, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  const { stdout: text } = await run('pdftotext', ['-layout', path, '-']);
  await run('pdftoppm', ['-r', '70', '-png', path, join(SHOTS, `handout-${format}`)]);
  const { stdout: info } = await run('pdfinfo', [path]);
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)[1]) };
}

describe('Printed handout', () => {
  for (const [format, colorScheme, segmented] of [['A4', 'light', false], ['Letter', 'dark', true]]) {
    test(`a tidy handout on ${format} (from the ${colorScheme} theme${segmented ? ', with a segment' : ''}): name, date, figures, charts, assumptions, nothing to click`, async () => {
      const { context, page, errors } = await openApp(session.browser, session.server.url, { colorScheme });
      await page.getByTestId('scenario-name').fill('Budget 2027');
      if (segmented) {
        await page.getByTestId('segment-add').click();
        await page.getByTestId('df-customers').filter({ hasText: /\d/ }).waitFor();
      }
      const { text, pages } = await printToPdf(page, format);
      // The table by segment and a third strategy's row move the assumptions to a third page.
      assert.ok(pages <= (segmented ? 3 : 2), `${pages} pages`);
      if (segmented) {
        // The segments' own figures, so that a reader can follow the differentiated strategy.
        for (const expected of ['Differentiated', 'Where the money comes from', 'Segment 1', 'Other customers',
          'Every strategy', 'Segments', 'Share of customers', 'Customers lost, revenue-center service',
          'Differentiated strategy serves it as', 'The differentiated strategy serves them as the cost center.']) {
          assert.ok(text.includes(expected), `"${expected}" printed`);
        }
      }
      for (const expected of ['Budget 2027', 'Frontline service strategy plan', 'Extra contribution', 'Break-even',
        'Key assumptions', 'Customers at start', 'Strategy levers', 'Customers lost', '1.6 % a month', '2 % a month',
        // Grouped to be read, as a field is not.
        '100,000 customers', '30,000 per month']) {
        assert.ok(text.includes(expected), `"${expected}" printed`);
      }
      assert.match(text, new RegExp(String(new Date().getFullYear())), 'the date is printed');
      if (!segmented) assert.ok(text.includes('Both strategies') && !text.includes('Share of customers'), 'no segments, no table of them');
      for (const absent of ['Reset to example', 'Copy link', 'My scenarios', 'Save PNG', 'Dark theme', 'Monthly table']) {
        assert.ok(!text.includes(absent), `"${absent}" is not printed`);
      }
      // Back on screen, the print-only parts are gone again.
      assert.ok(await page.locator('.assumptions').isHidden());
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
