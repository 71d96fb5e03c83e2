// foundation.test.mjs: a resident on a phone reads the week in large-text mode;
// the centre admin logs in and creates the next week, with and without JavaScript.
// The tests in this file run in order: the first reads the demo's live week (this
// year's, started two days ago) on `/` before anything else exists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startBrowser, newMobilePage, visit, login, clickAndLoad, visibleText, scrollWidth,
  fontSizePx, visibleBoxes, squeezedCells, contrasts, screenshot, PHONE, MIN_TAP_PX, MIN_BIG_TEXT_PX,
} from './lib.mjs';

const LIVE_YEAR = new Date(Date.now() + 8 * 3600_000 - 2 * 86400_000).getUTCFullYear();
const LIVE_TITLE = `${LIVE_YEAR}年南昌市全民终身学习活动周`;
const LIVE_THEME = '终身学习 人人出彩';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

async function assertNoSidewaysScroll(page, where) {
  const w = await scrollWidth(page);
  assert.ok(w <= PHONE.width, `${where}: page is ${w}px wide on a ${PHONE.width}px screen`);
}

async function assertHeaderTargets(page, where) {
  const header = page.locator('header.top');
  const boxes = await visibleBoxes(header.locator('a, button'));
  assert.ok(boxes.length >= 3, `${where}: expected brand, toggle and menu in the header, got ${boxes.length}`);
  const small = boxes.filter((b) => b.height < MIN_TAP_PX);
  assert.deepEqual(small, [], `${where}: header targets under ${MIN_TAP_PX}px tall`);
}

async function assertBigText(page, where) {
  assert.equal(await page.locator('html').getAttribute('class'), 'big', `${where}: large-text class`);
  await page.getByRole('button', { name: '标准字号' }).waitFor();
  const sizes = await page.locator('main p').evaluateAll((ps) => ps
    .filter((p) => p.getClientRects().length && p.innerText.trim())
    .map((p) => ({ text: p.innerText.trim().slice(0, 20), px: parseFloat(getComputedStyle(p).fontSize) })));
  assert.ok(sizes.length > 0, `${where}: no paragraph to measure`);
  const small = sizes.filter((s) => s.px < MIN_BIG_TEXT_PX);
  assert.deepEqual(small, [], `${where}: paragraphs under ${MIN_BIG_TEXT_PX}px`);
}

async function assertContrast(page, where) {
  const all = await contrasts(page.locator('main p, main dt, main dd, main h1, main h2, main td, main th, main label, header a, header button'));
  assert.ok(all.length > 0, `${where}: nothing to measure`);
  const low = all.filter((c) => c.ratio < 4.5);
  assert.deepEqual(low, [], `${where}: text with contrast under 4.5:1`);
}

/** '2023-12-09' → '2023年12月9日', '2023-12-09T23:59' → '2023年12月9日 23:59', as pages show them */
function dateCn(iso) {
  const [, y, m, d, time] = iso.match(/^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d:\d\d))?$/);
  return `${y}年${+m}月${+d}日${time ? ` ${time}` : ''}`;
}

/** Centre admin: 活动周 → 新建活动周 → fill → 保存; checks list and public page. */
async function createWeek(page, wk, { jsOn }) {
  const [startsCn, endsCn, deadlineCn] = [wk.starts, wk.ends, wk.deadline].map(dateCn);
  await clickAndLoad(page, page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '活动周', exact: true }));
  await page.getByRole('heading', { level: 1, name: '活动周' }).waitFor();
  await clickAndLoad(page, page.getByRole('link', { name: '新建活动周' }));
  await page.getByRole('heading', { level: 1, name: '新建活动周' }).waitFor();
  // app.js adds a length guide under the notice: proof of whether scripts run
  assert.equal(await page.getByText('已写 0 / 20000 字').count(), jsOn ? 1 : 0, 'notice length guide (app.js)');

  await page.getByLabel('年份').fill(String(wk.year));
  await page.getByLabel('标题').fill(wk.title);
  await page.getByLabel('主题').fill(wk.theme);
  await page.getByLabel('开始日期').fill(wk.starts);
  await page.getByLabel('结束日期').fill(wk.ends);
  await page.getByLabel('报送截止时间').fill(wk.deadline);
  await page.getByLabel('通知正文').fill(wk.notice);
  await assertNoSidewaysScroll(page, 'new week form');
  await screenshot(page, `week-form-${wk.year}`, { fullPage: true });
  await clickAndLoad(page, page.getByRole('button', { name: '保存' }));

  assert.equal(new URL(page.url()).pathname, '/admin/weeks', 'after saving, back on the week list');
  assert.match(await visibleText(page.getByRole('status')), /活动周已创建/);
  const row = page.getByRole('row').filter({ hasText: wk.title });
  assert.equal(await row.count(), 1, 'the new week is listed once');
  const cells = await visibleText(row);
  for (const s of [String(wk.year), wk.theme, startsCn, endsCn, deadlineCn])
    assert.ok(cells.includes(s), `week list row shows «${s}»: ${cells}`);
  await assertNoSidewaysScroll(page, 'week list');
  assert.deepEqual(await squeezedCells(page.locator('main table')), [], 'week list cells readable at 375 px');
  await screenshot(page, `week-list-${wk.year}`);

  await clickAndLoad(page, row.getByRole('link', { name: '公开页面' }));
  assert.match(new URL(page.url()).pathname, /^\/weeks\/\d+$/);
  assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), wk.title);
  const hero = await visibleText(page.locator('main'));
  for (const s of [wk.theme, startsCn, endsCn, deadlineCn])
    assert.ok(hero.includes(s), `public page shows «${s}»`);
  await assertNoSidewaysScroll(page, 'public week page');
  // the notice is one link away, on a page of its own
  await clickAndLoad(page, page.getByRole('link', { name: '阅读活动通知全文' }));
  assert.ok((await visibleText(page.locator('main'))).includes(wk.notice), 'the notice page shows the notice');
  await page.goBack();
}

test('a resident on a phone reads the week in large-text mode; the centre admin creates a week', async () => {
  const page = await newMobilePage(browser);
  await visit(page, '/');

  // the current (demo) week: title and theme, fitting a 375 px screen
  assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), LIVE_TITLE);
  assert.ok((await visibleText(page.locator('main'))).includes(LIVE_THEME), 'theme shown');
  await assertNoSidewaysScroll(page, '/ normal text');
  const normalPx = await fontSizePx(page.locator('main .hero dd'));
  assert.ok(normalPx < MIN_BIG_TEXT_PX, `normal mode starts smaller (${normalPx}px)`);

  // 长辈版: a form POST that sets a cookie and comes back to the same page
  await clickAndLoad(page, page.getByRole('button', { name: '长辈版（大字）' }));
  assert.equal(new URL(page.url()).pathname, '/', 'back on the home page');
  await assertBigText(page, '/');
  assert.ok(await fontSizePx(page.locator('main .hero dd')) > normalPx, 'text grew');
  await assertHeaderTargets(page, '/ large text');
  await assertNoSidewaysScroll(page, '/ large text');
  await assertContrast(page, '/ large text');
  await screenshot(page, 'home-375-big');
  await screenshot(page, 'home-375-big-full', { fullPage: true });

  // it stays on for the next page (cookie), here the login page
  await login(page, 'centre_admin');
  await assertBigText(page, 'workbench after login');
  await assertHeaderTargets(page, 'workbench header, logged in');
  await assertNoSidewaysScroll(page, 'workbench');
  await screenshot(page, 'admin-375-big');

  await createWeek(page, {
    year: 2023,
    title: '2023年南昌市全民终身学习活动周（浏览器测试）',
    theme: '终身学习，共建学习型城市',
    starts: '2023-12-01', ends: '2023-12-07', deadline: '2023-12-09T23:59',
    notice: '各县区、开发区：请于12月9日前报送活动材料。',
  }, { jsOn: true });
  await assertBigText(page, 'new week public page');
  await screenshot(page, 'week-2023-375-big');
  assert.deepEqual(page.problems, [], 'no script errors on any page');
  await page.context().close();
});

test('without JavaScript large-text mode works and the centre admin logs in and creates a week', async () => {
  const page = await newMobilePage(browser, { javaScriptEnabled: false });
  await visit(page, '/');
  await clickAndLoad(page, page.getByRole('button', { name: '长辈版（大字）' }));
  await assertBigText(page, '/ without JavaScript');
  await login(page, 'centre_admin');
  assert.equal(new URL(page.url()).pathname, '/admin', 'login lands on the workbench');
  await createWeek(page, {
    year: 2024,
    title: '2024年南昌市全民终身学习活动周（无脚本测试）',
    theme: '学习成就梦想，学习创造未来',
    starts: '2024-12-02', ends: '2024-12-08', deadline: '2024-12-10T18:00',
    notice: '本届活动周在无脚本浏览器中创建。',
  }, { jsOn: false });
  await page.context().close();
});
