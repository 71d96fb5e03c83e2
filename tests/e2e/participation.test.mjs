// participation.test.mjs: unit staff publish an activity with one place; on
// 375 px phones in large-text mode and without JavaScript, one resident signs
// up, a second lands on the waiting list, the first checks in through the QR
// code's address and rates the activity; the staff page shows the rating.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startBrowser, newMobilePage, visit, login, clickAndLoad, visibleText, scrollWidth,
  fontSizePx, visibleBoxes, screenshot, PHONE, MIN_TAP_PX, MIN_BIG_TEXT_PX,
} from './lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** Beijing time, minutes from now, as <input type=datetime-local> takes it. */
function beijing(minutes) {
  return new Date(Date.now() + minutes * 60_000 + 8 * 3600_000).toISOString().slice(0, 16);
}

async function assertFitsPhone(page, where) {
  const w = await scrollWidth(page);
  assert.ok(w <= PHONE.width, `${where}: page is ${w}px wide on a ${PHONE.width}px screen`);
}

async function assertTappable(page, where) {
  // a radio button is tapped through its label, which must be tall enough
  const boxes = await visibleBoxes(page.locator(
    'main button, main input:not([type=hidden]):not([type=radio]):not([type=checkbox]), main label.check'));
  const small = boxes.filter((b) => b.height < MIN_TAP_PX);
  assert.deepEqual(small, [], `${where}: controls under ${MIN_TAP_PX}px tall`);
}

/** A resident's phone: no JavaScript, large text switched on as they would. */
async function residentPhone(path) {
  const page = await newMobilePage(browser, { javaScriptEnabled: false });
  await visit(page, path);
  await clickAndLoad(page, page.getByRole('button', { name: '长辈版（大字）' }));
  assert.equal(await page.locator('html').getAttribute('class'), 'big', 'large text on');
  assert.equal(new URL(page.url()).pathname, path, 'large-text switch comes back to the same page');
  return page;
}

async function signUp(page, name, phone) {
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('手机号码').fill(phone);
  await clickAndLoad(page, page.getByRole('button', { name: '提交报名' }));
}

test('sign up on a phone, check in with the QR code address, rate', async () => {
  const title = `智慧助老：手机挂号和视频通话（浏览器测试 ${Date.now() % 100000}）`;

  // unit staff publish an activity with one place
  const staff = await newMobilePage(browser);
  await visit(staff, '/');
  await login(staff, 'donghu_admin');
  const accounts = await staff.getByRole('link', { name: '本单位账号', exact: true }).getAttribute('href');
  const unit = accounts.match(/^\/units\/(\d+)\//)[1];
  await visit(staff, `/units/${unit}/activities/new`);
  await staff.getByLabel('活动名称').fill(title);
  await staff.getByLabel('主办单位').fill('东湖区社区教育学院');
  await staff.getByLabel('开展“智慧助老”专题宣传展示活动').check();
  await staff.getByLabel('开始时间').fill(beijing(30));
  await staff.getByLabel('结束时间').fill(beijing(150));
  await staff.getByLabel('活动地点').fill('百花洲路社区学校 3 楼多功能厅');
  await staff.getByLabel('人数上限').fill('1');
  await clickAndLoad(staff, staff.getByRole('button', { name: '保存并发布' }));
  const activity = new URL(staff.url()).pathname.match(/^\/activities\/(\d+)$/)[1];

  await visit(staff, `/activities/${activity}/checkin-code`);
  const qr = staff.locator('.qr svg');
  assert.ok(await qr.isVisible(), 'the QR code is on the screen');
  const qrBox = await qr.boundingBox();
  assert.ok(qrBox.width >= 200 && qrBox.width <= PHONE.width, `QR code ${qrBox.width}px wide`);
  const checkinUrl = new URL(await staff.locator('.url a').textContent());
  assert.equal(checkinUrl.pathname, `/a/${activity}/checkin`);
  await assertFitsPhone(staff, 'QR code page');
  await screenshot(staff, 'checkin-code-375');

  // the first resident signs up and gets the one place
  const first = await residentPhone(`/a/${activity}/signup`);
  assert.equal(await visibleText(first.getByRole('heading', { level: 1 })), title);
  assert.match(await visibleText(first.locator('main')), /还剩 1 个/);
  assert.ok(await fontSizePx(first.locator('main .lead')) >= MIN_BIG_TEXT_PX, 'large text on the form');
  await assertTappable(first, 'sign-up form');
  await assertFitsPhone(first, 'sign-up form');
  await screenshot(first, 'signup-form-375-big', { fullPage: true });
  await signUp(first, '张秀英', '138 1234 5678');
  const done = await visibleText(first.locator('main'));
  assert.match(done, /报名成功/);
  assert.ok(!done.includes('13812345678') && !done.includes('138****'), 'no phone number on the page');
  // the 取消码 comes first; the one-time link is behind 取消链接
  assert.match(await visibleText(first.locator('main .code-big')), /^[2-9A-HJKMNP-TV-Z]{6}$/, 'a 取消码');
  await first.getByText('取消链接', { exact: true }).click();
  const cancelLink = first.getByRole('link', { name: /\/signup\/cancel\?t=/ });
  assert.equal(await cancelLink.count(), 1, 'a personal self-cancel link');
  await assertFitsPhone(first, 'sign-up result with a long link');
  await screenshot(first, 'signup-done-375-big', { fullPage: true });

  // the second goes on the waiting list; the same phone again is answered as a
  // new sign-up would be (nobody learns that a number signed up), counted once
  const second = await residentPhone(`/a/${activity}/signup`);
  assert.match(await visibleText(second.locator('main')), /已经报满/);
  await signUp(second, '王建国', '13912340000');
  assert.match(await visibleText(second.locator('main')), /候补第 1 位/);
  await visit(second, `/a/${activity}/signup`);
  await signUp(second, '王建国', '139-1234-0000');
  assert.match(await visibleText(second.locator('main')), /候补第 2 位/);

  // at the door: the first resident opens the QR code's address
  await visit(first, checkinUrl.pathname + checkinUrl.search);
  await assertTappable(first, 'check-in form');
  await first.getByLabel('姓名').fill('张秀英');
  await first.getByLabel('手机号后四位').fill('5678');
  await clickAndLoad(first, first.getByRole('button', { name: '签到', exact: true }));
  assert.match(await visibleText(first.getByRole('status')), /张秀英，签到成功/);
  await assertTappable(first, 'rating form');
  await assertFitsPhone(first, 'rating form');
  await screenshot(first, 'checked-in-375-big', { fullPage: true });

  await first.getByLabel('满意', { exact: true }).check();
  await first.getByLabel('意见和建议（选填）').fill('老师讲得很耐心，希望多办几期。');
  await clickAndLoad(first, first.getByRole('button', { name: '提交评价' }));
  assert.match(await visibleText(first.getByRole('status')), /谢谢您的评价（满意）/);

  // scanning again later shows what was done instead of a new form
  await visit(first, checkinUrl.pathname + checkinUrl.search);
  assert.match(await visibleText(first.locator('main')), /您的评价：满意/);
  await screenshot(first, 'scanned-again-375-big');

  // the staff see the check-in and the rating
  await visit(staff, `/activities/${activity}/registrations`);
  const list = await visibleText(staff.locator('main'));
  assert.match(list, /扫码签到（1 人）/);
  assert.match(list, /候补第 1 位/);
  await visit(staff, `/activities/${activity}`);
  assert.match(await visibleText(staff.locator('main')), /满意度 100%，满意率 100%（满意 1，基本满意 0，不满意 0；共 1 份有效评价/);

  for (const p of [staff, first, second]) {
    const faults = p.problems;
    assert.deepEqual(faults, [], 'no script errors');
  }
  await Promise.all([staff, first, second].map((p) => p.context().close()));
});
