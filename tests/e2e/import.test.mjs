// import.test.mjs: a unit admin imports activities from a CSV file with one bad row,
// reads the report (row, column, what is wrong), fixes the file, previews and confirms;
// with JavaScript (upload by XHR with a progress bar) and without.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startBrowser, newMobilePage, visit, login, clickAndLoad, visibleText, scrollWidth, screenshot, PHONE,
} from './lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const HEADER = '活动名称,主办单位,活动内容,线上/线下,开始时间,结束时间,活动地点,线上链接\n';

// Today in Beijing, in the demo's live week where the import goes: an activity
// outside its week's dates is refused (issue 12). Written both ways a sheet may.
const [Y, M, D] = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10).split('-');

function csv(prefix, { bad }) {
  return HEADER +
    `${prefix}读书会,区图书馆,全民阅读,线下,${Y}/${+M}/${+D} 9:00,${Y}/${+M}/${+D} 11:00,图书馆一楼,\n` +
    `${prefix}智能手机课,社区学院,智慧助老,线上线下,${Y}-${M}-${D} 14:00,${Y}-${M}-${D} 16:00,学院二楼,` +
    (bad ? 'www.example.org\n' : 'https://example.org/live\n');
}

/** The unit's activity list, reached from the dashboard's own-unit link. */
async function openActivities(page) {
  const href = await page.locator('ul.tiles a[href^="/units/"]').first().getAttribute('href');
  const unit = href.match(/^\/units\/(\d+)\//)[1];
  await visit(page, `/units/${unit}/activities`);
  return unit;
}

async function chooseFile(page, name, text) {
  await page.getByLabel(/选择填好的文件|改好后重新选择文件/).setInputFiles({
    name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8'),
  });
}

/** Waits for the page after an upload: by XHR (JS) the document is replaced, else it navigates. */
async function upload(page, jsOn) {
  const button = page.getByRole('button', { name: '上传并检查' });
  if (jsOn) {
    await button.click();
    await page.getByRole('heading', { level: 1, name: /导入(检查|预览)/ }).waitFor({ timeout: 20_000 });
  } else {
    await clickAndLoad(page, button);
  }
}

for (const jsOn of [true, false]) {
  test(`import with one bad row: the report, then the fixed file (JavaScript ${jsOn ? 'on' : 'off'})`, async () => {
    const page = await newMobilePage(browser, { javaScriptEnabled: jsOn });
    const user = jsOn ? 'xihu_admin' : 'qingyunpu_admin';
    const prefix = `浏览器${jsOn ? '甲' : '乙'}${Date.now() % 100000}`;
    await visit(page, '/');
    await login(page, user);
    await visit(page, '/admin');
    await openActivities(page);
    await clickAndLoad(page, page.getByRole('link', { name: '从 Excel 批量导入' }));
    await page.getByRole('heading', { level: 1, name: /从 Excel 批量导入活动/ }).waitFor();
    assert.equal(await page.getByRole('link', { name: '下载导入模板', exact: true }).count(), 1, 'template link');
    assert.equal(await page.locator('progress').isVisible(), false, 'no progress bar before uploading');

    // one bad row: the report names the row as Excel shows it, the column and the problem
    await chooseFile(page, '活动清单.csv', csv(prefix, { bad: true }));
    await upload(page, jsOn);
    await page.getByRole('heading', { level: 1, name: '导入检查：活动清单.csv' }).waitFor();
    const report = page.locator('table.report');
    const rows = report.locator('tbody tr');
    assert.equal(await rows.count(), 1, 'one problem listed');
    const cells = await visibleText(rows.first());
    assert.match(cells, /第 3 行/);
    assert.match(cells, /H 列「线上链接」/);
    assert.match(cells, /http:\/\/ 或 https:\/\//);
    assert.match(await visibleText(page.locator('main')), /改好之前，系统不会导入任何一行/);
    assert.ok(await scrollWidth(page) <= PHONE.width + 1, 'the report fits a phone (the table scrolls inside its box)');
    await screenshot(page, `import-report-js-${jsOn ? 'on' : 'off'}`, { fullPage: true });

    // the fixed file, uploaded from the report page: preview, then confirm as published
    await chooseFile(page, '活动清单.csv', csv(prefix, { bad: false }));
    await upload(page, jsOn);
    await page.getByRole('heading', { level: 1, name: '导入预览：活动清单.csv' }).waitFor();
    assert.match(await visibleText(page.locator('main')), /可导入的新活动：2 项/);
    assert.equal(await page.locator('table.preview tbody tr').count(), 2);
    await page.getByLabel(/直接发布/).check();
    await clickAndLoad(page, page.getByRole('button', { name: '确认导入' }));
    assert.match(await visibleText(page.getByRole('status')), /已导入 2 项活动（已发布）/);
    const list = await visibleText(page.locator('main'));
    assert.ok(list.includes(`${prefix}读书会`) && list.includes(`${prefix}智能手机课`), 'both activities listed');
    // the browser logs the 422 of the report as a failed resource load; anything else is a fault
    if (jsOn) assert.deepEqual(page.problems.filter((p) => !/status of 422/.test(p)), [], 'no script errors');
    await page.context().close();
  });
}
