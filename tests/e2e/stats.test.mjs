// stats.test.mjs: the centre on a 375 px phone reads the city statistics (the
// charts are drawn, each an image with its name, and the table beside it
// carries the same numbers), then exports the city workbook: the job page
// reloads itself until the file is ready and offers it for download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, newMobilePage, visit, login, clickAndLoad, scrollWidth, screenshot, PHONE } from './lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('the centre reads the statistics on a phone: charts drawn, their tables beside', async () => {
  const page = await newMobilePage(browser);
  await visit(page, '/');
  await login(page, 'centre_admin');
  await clickAndLoad(page, page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '统计' }));
  await page.getByRole('heading', { level: 1, name: '全市统计' }).waitFor();

  const chart = page.getByRole('img', { name: '各单位活动场次', exact: true });
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  assert.ok(box.width > 250 && box.width <= PHONE.width, `the chart fits the phone: ${box.width}px wide`);
  assert.ok(box.height > 150, `the chart has its bars: ${box.height}px tall`);
  // the table beside it: a row per unit and the total, the same numbers
  // (the current week on this shared server may be one another test made,
  // with an earlier year beside it: then each row has two numbers)
  const table = page.getByRole('table', { name: '各单位活动场次（单位：场）', exact: true });
  await table.waitFor();
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [
    tr.querySelector('th').textContent, Number(tr.querySelector('td').textContent)]));
  assert.ok(rows.length >= 13, 'a row per reporting unit');
  const total = Number(await table.locator('tfoot td').first().innerText());
  assert.equal(rows.reduce((s, [, n]) => s + n, 0), total, 'the total row sums the units');
  const bars = await page.locator('#c-acts svg rect title').evaluateAll((ts) => ts.map((t) => t.textContent));
  for (const [unit, n] of rows) {
    if (n > 0) assert.ok(bars.some((t) => t.startsWith(unit) && t.endsWith(`：${n}场`)), `a bar of ${n} for ${unit}`);
  }
  const numbers = await table.locator('tbody td').allInnerTexts();
  const drawn = await page.locator('#c-acts svg text.v').evaluateAll((ts) => ts.map((t) => t.textContent));
  assert.deepEqual(drawn.map((t) => Number.parseInt(t, 10)), numbers.map(Number), 'the bars say what the table says');

  // every chart is an image with a name, each with its table
  const charts = await page.locator('figure.chart').count();
  assert.ok(charts >= 10, `${charts} charts`);
  assert.equal(await page.locator('figure.chart svg[role="img"][aria-labelledby]').count(), charts);
  assert.equal(await page.locator('figure.chart table').count(), charts);

  const w = await scrollWidth(page);
  assert.ok(w <= PHONE.width, `the page is ${w}px wide on a ${PHONE.width}px screen: wide tables scroll in their own box`);
  assert.deepEqual(page.problems, [], 'no script errors');
  await screenshot(page, 'stats-phone', { fullPage: true });
  await page.context().close();
});

test('the city workbook is exported in the background and offered when ready', async () => {
  const page = await newMobilePage(browser);
  await visit(page, '/');
  await login(page, 'centre_admin');
  await visit(page, '/admin/exports');
  await clickAndLoad(page, page.getByRole('button', { name: '开始导出工作簿' }));
  assert.match(page.url(), /\/admin\/exports\/\d+$/);
  // the page reloads itself (meta refresh) until the job is done
  const download = page.getByRole('link', { name: /下载 .*全市汇总\.xlsx/ });
  await download.waitFor({ timeout: 30_000 });
  assert.match(await page.locator('.job').innerText(), /已完成/);
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  assert.match(file.suggestedFilename(), /全市汇总\.xlsx$/);
  await screenshot(page, 'export-done');
  await page.context().close();
});
