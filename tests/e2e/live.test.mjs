// live.test.mjs: the demo's live week exactly as `learnweek demo` leaves it
// (run.sh makes the demo and starts the server): nothing is created first.
// A resident on a phone finds an activity going on now on the front page,
// signs up, checks in through the QR code's address that the unit's clerk
// shows at the door, and rates it; a full activity puts the next one on its
// waiting list; the clerk's dashboard and the centre's board show the week
// with units at every stage. The tour's screenshots in docs/img come from here
// (`make screenshots`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startBrowser, newMobilePage, visit, login, clickAndLoad, visibleText, scrollWidth, screenshot, accounts, PHONE,
} from './lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** The demo account of a unit, by the unit's name. */
function clerkOf(unitName) {
  const acct = [...accounts().values()].find((a) => a.role === 'unit_admin' && a.unit === unitName);
  assert.ok(acct, `no demo account for ${unitName}`);
  return acct.username;
}

/** A phone number no other run of this test has used (the demo's own are 139…). */
function freshPhone() {
  return `137${String(Date.now() % 1e8).padStart(8, '0')}`;
}

test('a resident signs up, checks in and rates on the live demo week', async () => {
  const resident = await newMobilePage(browser);
  await visit(resident, '/');
  const h1 = await visibleText(resident.getByRole('heading', { level: 1 }));
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  assert.match(h1, new RegExp(`^${year}年南昌市全民终身学习活动周`), 'the front page is this year\'s week');
  assert.ok(await scrollWidth(resident) <= PHONE.width, 'the front page fits the phone');
  await screenshot(resident, 'tour-resident-calendar', { scale: 'css' });

  // what is going on now: the quick button on the front page
  await clickAndLoad(resident, resident.getByRole('link', { name: '正在进行', exact: true }));
  const going = resident.locator('li.act').filter({ has: resident.locator('.badge-now') });
  assert.ok(await going.count() >= 12, `activities going on now in every unit that started: ${await going.count()}`);
  const first = going.first();
  const unitName = (await visibleText(first.locator('.act-meta'))).split(' · ')[0];
  await clickAndLoad(resident, first.getByRole('link'));
  const activity = new URL(resident.url()).pathname.match(/^\/a\/(\d+)$/)[1];
  const page = await visibleText(resident.locator('main'));
  const left = Number(page.match(/还剩 (\d+) 个/)?.[1]);
  assert.ok(left > 0, `places left on an activity going on now: ${page.slice(0, 300)}`);

  // sign up
  const name = '刘晓红';
  const phone = freshPhone();
  await clickAndLoad(resident, resident.getByRole('link', { name: '报名', exact: true }));
  await resident.getByLabel('姓名').fill(name);
  await resident.getByLabel('手机号码').fill(phone);
  await clickAndLoad(resident, resident.getByRole('button', { name: '提交报名' }));
  assert.match(await visibleText(resident.locator('main')), /报名成功/);
  // the page the resident saw before: the browser asks again (max-age=0) and
  // the server's cache ended with the sign-up, so one place fewer at once
  await visit(resident, `/a/${activity}`);
  assert.match(await visibleText(resident.locator('main')), new RegExp(`还剩 ${left - 1} 个`), 'one place fewer');

  // at the door the unit's clerk shows the QR code; its address is the check-in
  const clerk = await newMobilePage(browser);
  await visit(clerk, '/');
  await login(clerk, clerkOf(unitName));
  await visit(clerk, `/activities/${activity}/checkin-code`);
  const checkinUrl = new URL(await clerk.locator('.url a').textContent());
  assert.equal(checkinUrl.pathname, `/a/${activity}/checkin`);

  await visit(resident, checkinUrl.pathname + checkinUrl.search);
  await resident.getByLabel('姓名').fill(name);
  await resident.getByLabel('手机号后四位').fill(phone.slice(-4));
  await clickAndLoad(resident, resident.getByRole('button', { name: '签到', exact: true }));
  assert.match(await visibleText(resident.getByRole('status')), new RegExp(`${name}，签到成功`));
  await screenshot(resident, 'tour-resident-checkin', { scale: 'css' });
  await resident.getByLabel('满意', { exact: true }).check();
  await resident.getByLabel('意见和建议（选填）').fill('演示周的活动也很好。');
  await clickAndLoad(resident, resident.getByRole('button', { name: '提交评价' }));
  assert.match(await visibleText(resident.getByRole('status')), /谢谢您的评价（满意）/);

  // the clerk sees it, beside the check-ins and ratings already in
  await visit(clerk, `/activities/${activity}/registrations`);
  const list = await visibleText(clerk.locator('main'));
  assert.ok(list.includes(name), 'the new sign-up is listed');
  const checkedIn = Number(list.match(/扫码签到（(\d+) 人）/)?.[1]);
  assert.ok(checkedIn >= 2, `the demo's check-ins and this one: ${checkedIn}`);
  await visit(clerk, `/activities/${activity}`);
  assert.match(await visibleText(clerk.locator('main')), /共 \d+ 份有效评价/);

  for (const p of [resident, clerk]) assert.deepEqual(p.problems, [], 'no script errors');
  await Promise.all([resident, clerk].map((p) => p.context().close()));
});

test('a full activity of the live week takes sign-ups on its waiting list', async () => {
  // 东湖区's activity tomorrow is full: find it as a resident would, by unit and day
  const resident = await newMobilePage(browser);
  await visit(resident, '/');
  const unit = await resident.locator('#f-unit option', { hasText: '东湖区' }).getAttribute('value');
  const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86400_000).toISOString().slice(0, 10);
  await visit(resident, `/?unit=${unit}&date=${tomorrow}`);
  const links = await resident.locator('li.act h4 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.length >= 1, `东湖区 has activities tomorrow (${tomorrow})`);
  let full = null;
  for (const href of links) {
    await visit(resident, `${href}/signup`);
    if ((await visibleText(resident.locator('main'))).includes('已经报满')) { full = href; break; }
  }
  assert.ok(full, 'one of them is full');
  const waiting = Number((await visibleText(resident.locator('main'))).match(/前面有 (\d+) 人候补/)?.[1]);
  assert.ok(waiting >= 2, `people already wait: ${waiting}`);
  await resident.getByLabel('姓名').fill('候补居民');
  await resident.getByLabel('手机号码').fill(freshPhone());
  await clickAndLoad(resident, resident.getByRole('button', { name: '提交报名' }));
  assert.match(await visibleText(resident.locator('main')), new RegExp(`候补第 ${waiting + 1} 位`));
  await resident.context().close();
});

test('the clerk and the centre find the live week at every stage', async () => {
  const clerk = await newMobilePage(browser, { viewport: { width: 1280, height: 900 } });
  await visit(clerk, '/');
  await login(clerk, 'donghu_admin');
  const dash = await visibleText(clerk.locator('main'));
  assert.ok(!/已超过截止时间/.test(dash), 'the deadline is ahead');
  await screenshot(clerk, 'tour-clerk-dashboard', { scale: 'css' });

  const centre = await newMobilePage(browser, { viewport: { width: 1280, height: 900 } });
  await visit(centre, '/');
  await login(centre, 'centre_admin');
  await visit(centre, '/admin/board');
  const board = await visibleText(centre.locator('main'));
  for (const stage of ['未开始', '填报中', '已提交', '已退回', '已通过']) {
    assert.ok(board.includes(stage), `a unit at ${stage} on the board`);
  }
  await screenshot(centre, 'tour-centre-board', { scale: 'css' });
  await Promise.all([clerk, centre].map((p) => p.context().close()));
});
