// calendar.test.mjs: a resident on a 375 px phone in large-text mode, without
// JavaScript (as in some WeChat set-ups), finds an activity with the filters of
// the public calendar, opens it and sees its QR code.
// The activity is added first by a unit admin through the staff form, in
// whatever week is current on the shared server (read from the home page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, startBrowser, newMobilePage, visit, login, clickAndLoad, visibleText, scrollWidth,
  fontSizePx, visibleBoxes, contrasts, screenshot, PHONE, MIN_TAP_PX, MIN_BIG_TEXT_PX,
} from './lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

async function assertFits(page, where) {
  const w = await scrollWidth(page);
  assert.ok(w <= PHONE.width, `${where}: page is ${w}px wide on a ${PHONE.width}px screen`);
}

async function assertTapTargets(locator, where) {
  const boxes = await visibleBoxes(locator);
  assert.ok(boxes.length > 0, `${where}: nothing to tap`);
  const small = boxes.filter((b) => b.height < MIN_TAP_PX);
  assert.deepEqual(small, [], `${where}: targets under ${MIN_TAP_PX}px tall`);
}

async function assertContrast(page, where) {
  const all = await contrasts(page.locator('main p, main dt, main dd, main h1, main h2, main h3, main h4, main label, main figcaption'));
  const low = all.filter((c) => c.ratio < 4.5);
  assert.deepEqual(low, [], `${where}: text with contrast under 4.5:1`);
}

test('a resident finds an activity with the filters on a phone in large text, opens it and sees its QR code', async () => {
  const title = `智能手机入门课${Date.now()}`;

  // a unit admin publishes it, on the first day of the current week
  const staff = await newMobilePage(browser);
  await visit(staff, '/');
  const firstDay = await staff.locator('#f-date option').nth(1).getAttribute('value');
  assert.match(firstDay, /^\d{4}-\d\d-\d\d$/, 'the date filter lists the days of the week');
  await login(staff, 'donghu_admin');
  await visit(staff, '/units/2/activities/new');
  await staff.getByLabel('活动名称').fill(title);
  await staff.getByLabel(/^主办单位/).fill('东湖区老年大学');
  await staff.getByLabel('开展“智慧助老”专题宣传展示活动').check();
  await staff.getByLabel('老年人群').check();
  await staff.getByLabel('线下', { exact: true }).check();
  await staff.getByLabel('开始时间').fill(`${firstDay}T09:30`);
  await staff.getByLabel('结束时间').fill(`${firstDay}T11:00`);
  await staff.getByLabel('活动地点').fill('东湖区老年大学二楼多媒体教室');
  await staff.getByLabel('所在街道/乡镇').fill('豫章街道');
  await clickAndLoad(staff, staff.getByRole('button', { name: '保存并发布' }));
  assert.match(await visibleText(staff.getByRole('status')), /已保存并发布/);
  await staff.context().close();

  // the resident: phone, large text, no JavaScript
  const page = await newMobilePage(browser, { javaScriptEnabled: false });
  await visit(page, '/');
  await clickAndLoad(page, page.getByRole('button', { name: '长辈版（大字）' }));
  assert.equal(await page.locator('html').getAttribute('class'), 'big');
  const form = page.getByRole('search', { name: '查找活动' });
  await assertFits(page, 'home with filters, large text');
  await assertTapTargets(page.locator('.quick a'), 'quick links');

  // the choices are folded away until asked for, so the list stays near the top
  assert.equal(await form.getByLabel('单位', { exact: true }).isVisible(), false, 'filters folded at first');
  await assertTapTargets(form.locator('summary'), 'the summary that opens the filters');
  await form.getByText('按日期、单位等筛选').click();
  await form.getByLabel('单位', { exact: true }).selectOption({ label: '东湖区' });
  await form.getByLabel('活动内容').selectOption({ label: '智慧助老' });
  await form.getByLabel('参与对象').selectOption({ label: '老年人群' });
  await form.getByLabel('线上/线下').selectOption({ value: 'offline' });
  await form.getByLabel('日期').selectOption({ value: firstDay });
  await form.getByLabel('搜索').fill('智能手机入门课');
  await assertTapTargets(form.locator('input, select, button'), 'filter form');
  assert.ok(await fontSizePx(form.getByLabel('单位', { exact: true })) >= MIN_BIG_TEXT_PX, 'filter text is large');
  await assertFits(page, 'filters open, large text');
  await screenshot(page, 'calendar-filters-375-big');
  await clickAndLoad(page, form.getByRole('button', { name: '查找活动' }));

  const url = new URL(page.url());
  assert.equal(url.searchParams.get('unit'), '2');
  assert.equal(url.searchParams.get('content'), '6');
  const list = page.locator('section.activities');
  assert.equal(await form.locator('details').getAttribute('open'), '', 'the chosen filters stay open and visible');
  const item = list.locator('li.act').filter({ hasText: title });
  assert.equal(await item.count(), 1, 'the activity is found');
  const itemText = await visibleText(item);
  for (const s of ['09:30', '11:00', '东湖区', '线下', '东湖区老年大学二楼多媒体教室', '豫章街道', '智慧助老'])
    assert.ok(itemText.includes(s), `the list shows «${s}»: ${itemText}`);
  // the current week is the demo's live one (this year: no year) or a later test's
  const year = firstDay.slice(0, 4);
  const thisYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  const withYear = year === String(thisYear) ? '' : `${year}年`;
  assert.match(await visibleText(list.locator('h3.day').first()), new RegExp(`^${withYear}\\d+月\\d+日 星期.$`),
    `a day heading with its weekday, and its year only when it is not ${thisYear}`);
  await assertFits(page, 'filtered list, large text');
  await assertContrast(page, 'filtered list');
  await assertTapTargets(item.getByRole('link'), 'activity link in the list');
  await screenshot(page, 'calendar-results-375-big', { fullPage: true });

  await clickAndLoad(page, item.getByRole('link', { name: title }));
  assert.match(new URL(page.url()).pathname, /^\/a\/\d+$/);
  assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), title);
  const facts = await visibleText(page.locator('dl.facts'));
  for (const s of ['东湖区老年大学二楼多媒体教室（豫章街道）', '东湖区老年大学', '智慧助老', '老年人群'])
    assert.ok(facts.includes(s), `the page shows «${s}»`);
  const qr = page.getByRole('img', { name: '本页的二维码' });
  await qr.waitFor();
  const box = await qr.boundingBox();
  assert.ok(box.width >= 150 && box.width <= PHONE.width, `the QR code is ${box.width}px wide`);
  assert.ok(Math.abs(box.width - box.height) < 1, 'the QR code is square');
  const caption = await visibleText(page.locator('figure.qr figcaption'));
  assert.ok(caption.includes(`${BASE_URL}${new URL(page.url()).pathname}`), `the code's address is shown: ${caption}`);
  await assertTapTargets(page.locator('main .actions a'), 'page actions');
  await assertFits(page, 'activity page, large text');
  await assertContrast(page, 'activity page');
  await screenshot(page, 'activity-375-big', { fullPage: true });
  await page.context().close();
});
