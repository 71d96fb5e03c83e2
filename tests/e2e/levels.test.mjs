// levels.test.mjs: the chain over three levels in the browser (issue 17), on a
// province demo of its own (run.sh's server holds the single-city demo): 江西省 at
// the top, 南昌市 running its own week copied from the province's, its 13 counties
// reporting there. The city returns a county's submission once and accepts the
// next version; the city finalises its compiled form, uploads its files and the
// 定稿's scan and submits it to the province; the province returns it once, the city
// sends version 2, the province accepts; the city's dashboard says where it stands.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, newMobilePage, clickAndLoad, visibleText, screenshot, login, startProvinceServer } from './lib.mjs';

const DESKTOP = { width: 1280, height: 900 };
let browser, province, base, accounts;

before(async () => {
  province = await startProvinceServer();
  ({ base, accounts } = province);
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  await province?.stop();
});

async function as(username) {
  const page = await newMobilePage(browser, { viewport: DESKTOP });
  page.on('dialog', (d) => d.accept()); // 报送, 退回 and 审核通过 ask for confirmation
  await page.goto(`${base}/`);
  await login(page, username, accounts);
  return page;
}

async function go(page, path) {
  const res = await page.goto(`${base}${path}`);
  assert.equal(res.status(), 200, `GET ${path}`);
}

function pdf(name) {
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name} ${Date.now()}\n%%EOF\n`) };
}

/** On the board of the signed-in organiser's own week: the row of unit, then its 审核 page. */
async function review(page, unit) {
  await go(page, '/admin/board');
  const row = page.locator('table.board tbody tr', { hasText: unit });
  await clickAndLoad(page, row.getByRole('link', { name: '审核' }));
}

async function returnWith(page, version, comment) {
  await page.locator('#comment-1').fill(comment);
  await clickAndLoad(page, page.getByRole('button', { name: `退回第 ${version} 版` }));
}

/** The city's compiled form: 定稿, the files (the first time), the scan, 报送 upward. */
async function citySends(city, version) {
  await go(city, '/admin/city-form');
  await clickAndLoad(city, city.getByRole('button', { name: `定稿第 ${version} 版` }));
  const card = city.locator('#upward');
  assert.match(await visibleText(card), new RegExp(`第 ${version} 版已定稿`));
  for (const [kind, label] of [['summary', '工作总结'], ['case', '典型活动案例'], ['scan', '盖章扫描件']]) {
    if (kind !== 'scan' && version > 1) continue;
    await city.locator(`#upward-${kind}`).setInputFiles(pdf(`南昌市${label}.pdf`));
    await clickAndLoad(city, city.getByRole('button', { name: `上传${label}` }));
    await city.getByRole('status').filter({ hasText: `已上传${label}` }).waitFor();
  }
  await clickAndLoad(city, city.getByRole('button', { name: `向江西省报送第 ${version} 版` }));
  await city.getByRole('status').filter({ hasText: `已向上级报送第 ${version} 版` }).waitFor();
}

test('a county, its city and the province run the chain', async () => {
  const city = await as('nanchang_admin');
  // the city's dashboard: its own week and what it owes the province
  let text = await visibleText(city.locator('main'));
  assert.match(text, /南昌市全民终身学习活动周/);
  assert.match(text, /向上级报送 未定稿.*由江西省审核/);

  // a county's submission: the city returns it once, the county sends version 2, the city accepts
  await review(city, '西湖区');
  await returnWith(city, 1, '请补充活动照片。');
  const county = await as('xihu_admin');
  await go(county, '/admin');
  const unitLink = await county.getByRole('link', { name: '附件与提交' }).first().getAttribute('href');
  await go(county, unitLink);
  assert.match(await visibleText(county.locator('main')), /请补充活动照片。/);
  await clickAndLoad(county, county.getByRole('button', { name: '定稿第 2 版' }));
  await county.getByLabel('选择盖章扫描件文件').setInputFiles(pdf('西湖区盖章扫描件.pdf'));
  await clickAndLoad(county, county.getByRole('button', { name: '上传盖章扫描件' }));
  await clickAndLoad(county, county.getByRole('button', { name: '报送第 2 版' }));
  await county.getByRole('status').filter({ hasText: '已报送第 2 版' }).waitFor();
  await review(city, '西湖区');
  await clickAndLoad(city, city.getByRole('button', { name: '审核通过' }));
  await city.getByRole('status').filter({ hasText: '西湖区第 2 版已审核通过' }).waitFor();

  // the province's statistics: 南昌市 has not sent its form, so it stands apart, in no 合计
  const province = await as('centre_admin');
  await go(province, '/admin/stats');
  assert.match(await visibleText(province.locator('#unsent-units')), /南昌市\s*未报送\s*[1-9]\d*\s+\d+/);

  // the city sends its compiled form; the province returns it once
  await citySends(city, 1);
  await review(province, '南昌市');
  await province.getByRole('heading', { level: 1, name: '审核报送材料：南昌市 第 1 版' }).waitFor();
  await screenshot(province, 'levels-province-reviews-city', { fullPage: true });
  await returnWith(province, 1, '请核对全市参与人次。');
  await go(city, '/admin');
  text = await visibleText(city.locator('#upward'));
  assert.match(text, /已退回.*请核对全市参与人次。/);

  // version 2; the province accepts it
  await citySends(city, 2);
  await review(province, '南昌市');
  await clickAndLoad(province, province.getByRole('button', { name: '审核通过' }));
  await province.getByRole('status').filter({ hasText: '南昌市第 2 版已审核通过' }).waitFor();
  await go(city, '/admin');
  assert.match(await visibleText(city.locator('#upward')), /已通过.*第 2 版已报送，上级已审核通过/);

  // the province's compiled form counts the city's submission
  await go(province, '/admin/city-form');
  assert.match(await visibleText(province.locator('#counted-units')), /南昌市.*第 2 版.*已通过/);
  // and its statistics count what the city submitted: 合计 is the compiled form
  await go(province, '/admin/stats');
  assert.equal(await province.locator('#unsent-units').count(), 0, '南昌市 still apart once accepted');
  const formActs = (await province.locator('#city-form-figures tbody td').first().innerText()).trim();
  const statActs = (await province.locator('table.totals tbody tr').first().locator('td').first().innerText()).trim();
  assert.ok(Number(formActs) > 0 && statActs === formActs, `statistics ${statActs} 场, compiled form ${formActs} 场`);
  assert.deepEqual(city.problems, [], 'no script errors on the city pages');
  assert.deepEqual(province.problems, [], 'no script errors on the province pages');
});

test('on a phone, the province drills down to a county and back up', async () => {
  const page = await newMobilePage(browser); // 375 px wide
  await page.goto(`${base}/`);
  await login(page, 'centre_admin', accounts);
  await go(page, '/admin/board');
  await page.getByRole('heading', { level: 1, name: /报送进度：.*江西省/ }).waitFor();
  // the province's row of 南昌市 leads to the city's own week
  const city = page.locator('table.board tbody tr', { hasText: '南昌市' });
  await clickAndLoad(page, city.getByRole('link', { name: '下级报送进度' }));
  await page.getByRole('heading', { level: 1, name: /报送进度：.*南昌市/ }).waitFor();
  const county = page.locator('table.board tbody tr', { hasText: '东湖区' });
  assert.ok(await county.isVisible(), '南昌市\'s counties on its board');
  // a county's activities in the city's week
  await clickAndLoad(page, county.getByRole('link', { name: '活动', exact: true }));
  assert.match(await visibleText(page.locator('main')), /东湖区/);
  await screenshot(page, 'levels-phone-drilled-to-county', { fullPage: true });
  await page.goBack();
  // and back up to the province's board
  await clickAndLoad(page, page.getByRole('link', { name: /^上一级：.*江西省/ }));
  await page.getByRole('heading', { level: 1, name: /报送进度：.*江西省/ }).waitFor();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(wide <= 1, `the board scrolls sideways by ${wide} px at 375 px`);
  assert.deepEqual(page.problems, [], 'no script errors');
});
