// resident.test.mjs: a resident of 70 on a 375 px phone in 长辈版, without
// JavaScript (issue 16). Every public page they meet is measured against the
// MIIT 适老化 rules (text 24 px, nothing under 20 px, every target 60 px high),
// reads in Chinese (no English word, no escaped tag, no 错误代码), fits the
// screen, and is photographed. Along the way: the home page puts the
// activities before the notice (a link), a strip of the week's days and 离我近的
// by street; the activity page shows the unit's 咨询电话 and keeps 报名 at the
// bottom of the screen; dates carry their year when it is not this year; a
// state the resident did not cause (ended, not yet open, already rated) is a
// plain page of its own with one big button back; the success page shows the
// 取消码 big, and 我的报名 (phone and 取消码) finds and cancels a sign-up.
// Nothing on any of these pages is wider than the screen (the header's menu
// wraps). The demo's live week as made: 今天和接下来 within two screens, a day
// of the strip without script, 报名 kept at the bottom. The verify result for
// a real code. And every page reachable from / by links (a bounded crawl).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startBrowser, newMobilePage, visit, login, clickAndLoad, visibleText, screenshot, PHONE,
} from './lib.mjs';

const BODY_PX = 24;   // 长辈版 body text (18 pt)
const SMALL_PX = 20;  // nothing smaller
const TAP_PX = 60;    // every target
const ALLOWED = new Set(['pdf', 'word', 'excel', 'zip', 'qr', 'url', 'api', 'ics', 'app', 'led', 'wifi', 'ai', 'vr']);
const stamp = Date.now() % 100000;
const THIS_YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** Beijing time, minutes from now, as the activity form takes it. */
function beijing(minutes) {
  return new Date(Date.now() + minutes * 60_000 + 8 * 3600_000).toISOString().slice(0, 16);
}

/** Sizes, words and width of the page on the screen now; `where` names it in failures. */
async function assertElderPage(page, where) {
  assert.equal(await page.locator('html').getAttribute('class'), 'big', `${where}: 长辈版 is on`);
  const m = await page.evaluate(([BODY, SMALL, TAP]) => {
    const shown = (el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden' &&
      !el.closest('.skip, .visually-hidden, details:not([open]) > :not(summary)');
    const px = (el) => parseFloat(getComputedStyle(el).fontSize);
    const tooSmall = [], bodySmall = [], lowTargets = [];
    // every element that holds text of its own: at least SMALL px
    for (const el of document.body.querySelectorAll('*')) {
      if (!shown(el) || ['SCRIPT', 'STYLE', 'svg'].includes(el.tagName)) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (own && px(el) < SMALL) tooSmall.push(`${el.tagName.toLowerCase()}.${el.className} «${el.textContent.trim().slice(0, 12)}» ${px(el)}px`);
    }
    // body text: paragraphs, list items, definitions, cells, labels, controls, links
    const secondary = '.hint, .code, .tag, .badge, small, .foot, .foot *, .crumbs, figcaption, figcaption *';
    for (const el of document.body.querySelectorAll('main p, main li, main dd, main dt, main td, main th, main label, main input, main select, main textarea, main button, main a, header a, header button')) {
      if (!shown(el) || el.matches(secondary) || el.closest('.hint, figcaption')) continue;
      if (!el.textContent.trim() && !['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) continue;
      if (px(el) < BODY) bodySmall.push(`${el.tagName.toLowerCase()}.${el.className} «${el.textContent.trim().slice(0, 12)}» ${px(el)}px`);
    }
    // targets: links, buttons, fields, disclosures, radio labels
    for (const el of document.body.querySelectorAll('a[href], button, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), select, textarea, summary, label.check')) {
      if (!shown(el) || el.closest('.skip')) continue;
      const h = el.getBoundingClientRect().height;
      if (h < TAP - 0.5) lowTargets.push(`${el.tagName.toLowerCase()}.${el.className} «${(el.textContent || el.name || '').trim().slice(0, 12)}» ${Math.round(h)}px`);
    }
    // what a person reads, without addresses shown as addresses
    const clone = document.body.cloneNode(true);
    for (const el of clone.querySelectorAll('code, script, style, .visually-hidden, .url, .skip')) el.remove();
    clone.style.position = 'absolute'; clone.style.left = '-99999px';
    document.body.appendChild(clone);
    const text = clone.innerText; clone.remove();
    // nothing scrolls sideways or sticks out of the screen: not the page, not the
    // header's menu, not a table (issue 16: 工作人员登录 was cut off at the edge)
    const sideways = [], vw = document.documentElement.clientWidth;
    for (const el of document.body.querySelectorAll('*')) {
      if (!shown(el) || el.closest('.skip')) continue;
      const name = `${el.tagName.toLowerCase()}.${el.className} «${el.textContent.trim().slice(0, 12)}»`;
      if (/auto|scroll/.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1) sideways.push(`${name} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`);
      const r = el.getBoundingClientRect();
      if (r.width && (r.right > vw + 0.5 || r.left < -0.5)) sideways.push(`${name} reaches ${Math.round(r.left)}…${Math.round(r.right)}px`);
    }
    return { tooSmall, bodySmall, lowTargets, sideways, text, width: document.documentElement.scrollWidth };
  }, [BODY_PX, SMALL_PX, TAP_PX]);
  assert.deepEqual(m.tooSmall, [], `${where}: text under ${SMALL_PX}px`);
  assert.deepEqual(m.bodySmall, [], `${where}: body text under ${BODY_PX}px`);
  assert.deepEqual(m.lowTargets, [], `${where}: targets under ${TAP_PX}px high`);
  assert.ok(m.width <= PHONE.width, `${where}: the page is ${m.width}px wide on a ${PHONE.width}px screen`);
  assert.deepEqual(m.sideways, [], `${where}: something is wider than the ${PHONE.width}px screen`);
  const words = (m.text.match(/[A-Za-z][A-Za-z0-9_.\-@]*[A-Za-z0-9]|[A-Za-z]/g) || [])
    .filter((w) => !ALLOWED.has(w.toLowerCase()) && !/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(w)) // a verification code is a name
    .filter((w) => !/^[A-Z]$/.test(w)) // a capital letter named in a sentence (容易混淆的 0 和 O)
    .filter((w) => !/@|\.(cn|com|org|gov|net)$/.test(w)); // addresses as the records have them (the notice's e-mail)
  assert.deepEqual(words, [], `${where}: English words`);
  assert.ok(!m.text.includes('错误代码'), `${where}: shows an error code`);
  assert.ok(!/&lt;|&gt;|&amp;|<\/?(span|strong|a|p|br|em)\b/.test(m.text), `${where}: an escaped tag`);
  return m.text.replace(/\s+/g, ' ');
}

/** A resident's phone without JavaScript, 长辈版 switched on on the home page as they would. */
async function residentPhone() {
  const page = await newMobilePage(browser, { javaScriptEnabled: false });
  await visit(page, '/');
  await clickAndLoad(page, page.getByRole('button', { name: '长辈版（大字）' }));
  return page;
}

/** A state page: its own title, what happened, what to do, one big button back; no code. */
async function assertStatePage(page, title, where) {
  assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), title, `${where}: title`);
  assert.notEqual(await page.title(), '', `${where}: page title`);
  assert.ok(!(await page.title()).includes('提交的内容有误'), `${where}: not 提交的内容有误`);
  const text = await assertElderPage(page, where);
  assert.match(text, /现在可以：/, `${where}: says what to do now`);
  const back = page.locator('main a.back-big');
  assert.equal(await back.count(), 1, `${where}: one big button back`);
  const box = await back.boundingBox();
  assert.ok(box.height >= TAP_PX && box.width >= 300, `${where}: the button is ${box.width}×${box.height}`);
}

/** Beijing's date today, as the day strip's links carry it. */
function todayIso() {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

// First in the file: the live week exactly as `learnweek demo` made it, before
// the tests below add activities of their own.
test('the live demo week: 今天和接下来 within the first screens, the days without script, 报名 stays', async () => {
  const page = await residentPhone();
  await assertElderPage(page, 'home, live week');
  // the header fits: every item of the menu whole on the screen
  const menu = page.getByRole('navigation', { name: '主菜单' }).getByRole('link');
  assert.ok(await menu.count() >= 3, 'the menu is there');
  for (const [name, left, right] of await menu.evaluateAll((as) => as.map((a) => [a.textContent, a.getBoundingClientRect().left, a.getBoundingClientRect().right])))
    assert.ok(left >= 0 && right <= PHONE.width, `menu item ${name} at ${left}…${right}px`);
  const login = await page.getByRole('link', { name: '工作人员登录' }).boundingBox();
  assert.ok(login.x + login.width <= PHONE.width, `工作人员登录 ends at ${login.x + login.width}px`);
  await screenshot(page, 'resident-live-home-375-big');

  // 今天和接下来: the first activity within the first two screens, before the days
  const next = page.locator('main section.upcoming');
  assert.equal(await visibleText(next.getByRole('heading', { level: 2 })), '今天和接下来');
  const first = next.locator('.act-title a').first();
  const box = await first.boundingBox();
  assert.ok(box.y + box.height <= 2 * PHONE.height, `the first activity ends ${Math.round(box.y + box.height)}px down (two screens: ${2 * PHONE.height}px)`);
  const strip = page.getByRole('navigation', { name: '按日期看' });
  assert.ok(box.y < (await strip.boundingBox()).y, 'today and next come before the strip of days');
  await first.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'resident-live-next-375-big');

  // the day strip: today is a plain link (no script) to today's activities
  const today = todayIso();
  const days = strip.getByRole('link');
  assert.ok(await days.count() >= 5, 'the week\'s days');
  const todayLink = strip.locator(`a[href*="date=${today}"]`);
  assert.equal(await todayLink.count(), 1, `today (${today}) is in the strip`);
  const week = new URL(page.url()).pathname;
  await clickAndLoad(page, todayLink);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('date'), today, 'the day is chosen');
  const [, mm, dd] = today.split('-').map(Number);
  const heads = await page.locator('main h3.day').allInnerTexts();
  assert.ok(heads.length >= 1 && heads.every((h) => h.startsWith(`${mm}月${dd}日`)), `only today's activities: ${heads.join(' | ')}`);
  assert.equal(await page.getByRole('navigation', { name: '按日期看' }).locator('[aria-current=true]').count(), 1, 'the chosen day is marked');
  // the link lands on what was found, not on the filters the chosen day opens
  const land = await page.locator('main h3.day').first().boundingBox();
  assert.ok(land.y >= 0 && land.y + land.height <= PHONE.height, `today's first heading is at ${Math.round(land.y)}px on the screen`);
  await assertElderPage(page, 'live week, today');
  await screenshot(page, 'resident-live-today-375-big');

  // an activity of today and next: 报名 stays at the bottom of the screen
  await visit(page, week === '/' ? '/' : week);
  await clickAndLoad(page, page.locator('main section.upcoming .act-title a').first());
  assert.match(new URL(page.url()).pathname, /^\/a\/\d+$/);
  await assertElderPage(page, 'live activity');
  // (the bar is the article's last child: below the article it stays put above the footer)
  for (const at of [0, 0.5]) {
    await page.evaluate((f) => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * f), at);
    const bar = await page.locator('.signup-bar a').boundingBox();
    assert.ok(Math.abs(bar.y + bar.height - PHONE.height) < 20, `scrolled ${at * 100}%: 报名 ends at ${Math.round(bar.y + bar.height)}px on an ${PHONE.height}px screen`);
    assert.ok(bar.width >= PHONE.width - 60 && bar.height >= TAP_PX, `报名 is ${bar.width}×${bar.height}`);
  }
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await screenshot(page, 'resident-live-activity-375-big');
  await clickAndLoad(page, page.locator('.signup-bar a'));
  assert.match(new URL(page.url()).pathname, /^\/a\/\d+\/signup$/, '报名 opens the form');
  await page.context().close();
});

let setup;
/** Staff set the unit's 咨询电话 (a mobile is refused) and publish three activities. */
async function staffSetup() {
  if (setup) return setup;
  const staff = await newMobilePage(browser);
  await visit(staff, '/');
  await login(staff, 'donghu_admin');
  await clickAndLoad(staff, staff.getByRole('link', { name: /咨询电话/ }));
  await staff.getByLabel('咨询电话').fill('13812345678');
  await clickAndLoad(staff, staff.getByRole('button', { name: '保存' }));
  assert.match(await visibleText(staff.locator('main')), /不能填个人手机号码/, 'a mobile is refused at the field');
  assert.equal(await staff.getByLabel('咨询电话').inputValue(), '13812345678', 'what was typed is kept');
  await staff.getByLabel('咨询电话').fill('0791 8612 3456');
  await clickAndLoad(staff, staff.getByRole('button', { name: '保存' }));
  assert.match(await visibleText(staff.getByRole('status')), /咨询电话已保存：0791-86123456/);
  await screenshot(staff, 'resident-staff-phone-375');

  const unit = (await staff.getByRole('link', { name: '本单位账号', exact: true }).getAttribute('href')).match(/^\/units\/(\d+)\//)[1];
  const make = async (title, start, end, street) => {
    await visit(staff, `/units/${unit}/activities/new`);
    await staff.getByLabel('活动名称').fill(title);
    await staff.getByLabel('主办单位').fill('东湖区社区教育学院');
    await staff.getByLabel('开展“智慧助老”专题宣传展示活动').check();
    await staff.getByLabel('开始时间').fill(beijing(start));
    await staff.getByLabel('结束时间').fill(beijing(end));
    await staff.getByLabel('活动地点').fill('百花洲路社区学校 3 楼');
    await staff.getByLabel('所在街道/乡镇').fill(street);
    await staff.getByLabel('人数上限').fill('20');
    await clickAndLoad(staff, staff.getByRole('button', { name: '保存并发布' }));
    const id = new URL(staff.url()).pathname.match(/^\/activities\/(\d+)$/)[1];
    await visit(staff, `/activities/${id}/checkin-code`);
    const url = new URL(await staff.locator('.url a').textContent());
    return { id, checkin: url.pathname + url.search };
  };
  const now = await make(`手机挂号课（长辈测试 ${stamp}）`, 30, 150, `百花洲街道${stamp}`);
  const later = await make(`防诈骗讲座（长辈测试 ${stamp}）`, 3 * 24 * 60, 3 * 24 * 60 + 120, `百花洲街道${stamp}`);
  await staff.context().close();
  setup = { now, later };
  return setup;
}

test('home: activities first, the notice behind a link, the week\'s days, 离我近的', async () => {
  await staffSetup();
  const page = await residentPhone();
  const text = await assertElderPage(page, 'home');
  await screenshot(page, 'resident-home-375-big');
  await screenshot(page, 'resident-home-375-big-full', { fullPage: true });
  await page.locator('nav.days').evaluate((e) => e.scrollIntoView());
  await screenshot(page, 'resident-home-days-375-big');
  await page.locator('#act-h').evaluate((e) => e.scrollIntoView());
  await screenshot(page, 'resident-home-list-375-big');
  // the first activity is near the top, not behind the notice
  const first = page.locator('main .act-title a').first();
  const top = (await first.boundingBox()).y;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(top < 3000, `the first activity starts ${Math.round(top)}px down`);
  assert.ok(!text.includes('各县区') || !text.includes('活动时间：'), 'the notice text is not on the home page');

  // the 2022 demo week (other test files may have made a later week the current
  // one): 2022 is not this year, so its days carry the year, in the strip and the list
  await visit(page, '/weeks/1');
  if (THIS_YEAR !== 2022) {
    const heads = await page.locator('main h3.day').allInnerTexts();
    assert.ok(heads.length > 0 && heads.every((h) => /^2022年12月\d+日 星期./.test(h)), `day headings: ${heads.join(' | ')}`);
  }
  const days = page.getByRole('navigation', { name: '按日期看' }).getByRole('link');
  assert.equal(await days.count(), 7, 'seven days in the strip');
  const day2 = days.nth(1);
  assert.match(await visibleText(day2), /12月2日/);
  await clickAndLoad(page, day2);
  assert.equal(new URL(page.url()).searchParams.get('date'), '2022-12-02', 'a day is a plain link (no script)');
  assert.equal(new URL(page.url()).pathname, '/weeks/1', 'the same week');
  assert.equal(await visibleText(page.locator('main h3.day').first()), '2022年12月2日 星期五');
  assert.equal(await page.getByRole('navigation', { name: '按日期看' }).locator('[aria-current=true]').count(), 1, 'the chosen day is marked');
  await assertElderPage(page, 'home, one day');
  await screenshot(page, 'resident-home-day-375-big');

  // the notice on a page of its own
  await visit(page, '/weeks/1');
  await clickAndLoad(page, page.getByRole('link', { name: '阅读活动通知全文' }));
  assert.match(await visibleText(page.getByRole('heading', { level: 1 })), /活动通知/);
  assert.ok((await visibleText(page.locator('main .prose'))).length > 500, 'the whole notice is there');
  await assertElderPage(page, 'notice');
  await screenshot(page, 'resident-notice-375-big');

  // 离我近的: the streets of the records, by unit; a street lists its activities
  await visit(page, '/weeks/1');
  await clickAndLoad(page, page.getByRole('link', { name: /离我近的/ }));
  assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), '离我近的活动');
  const streets = page.locator('main .streets a');
  assert.ok(await streets.count() >= 3, 'streets from the demo records');
  await assertElderPage(page, 'near');
  await screenshot(page, 'resident-near-375-big');
  const street = await streets.first().evaluate((a) => a.firstChild.textContent.trim());
  await clickAndLoad(page, streets.first());
  const acts = await page.locator('main .act-meta').allInnerTexts();
  assert.ok(acts.length > 0 && acts.every((t) => t.includes(street)), `activities of ${street}: ${acts.slice(0, 3).join(' | ')}`);
  await assertElderPage(page, 'home, one street');
  // one page of the list plus 今天和接下来's five while the week lasts (the demo's live week)
  assert.ok(height < 24000, `home page is ${height}px tall`);
  await page.context().close();
});

test('an activity: 咨询电话, 报名 stays at the bottom, sign-up, 取消码 and 我的报名, states, check-in, rating', async () => {
  const { now, later } = await staffSetup();
  const page = await residentPhone();
  await visit(page, `/a/${now.id}`);
  const text = await assertElderPage(page, 'activity');
  assert.match(text, /咨询电话 0791-86123456/, 'the unit\'s consultation number');
  assert.equal(await page.locator('main a[href="tel:0791-86123456"]').count(), 1, 'a number to tap');
  // (the week's title above it, 2026年…活动周, is a name and keeps its year)
  assert.ok(!(await visibleText(page.locator('main dl.facts'))).includes(String(THIS_YEAR) + '年'), 'this year\'s date without the year');
  // scrolled half-way, 报名 is at the bottom of the screen, full width
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  const bar = page.locator('.signup-bar a');
  const box = await bar.boundingBox();
  assert.ok(Math.abs(box.y + box.height - PHONE.height) < 20, `报名 ends at ${Math.round(box.y + box.height)}px on an ${PHONE.height}px screen`);
  assert.ok(box.width >= PHONE.width - 60 && box.height >= TAP_PX, `报名 is ${box.width}×${box.height}`);
  await screenshot(page, 'resident-activity-375-big');
  await screenshot(page, 'resident-activity-375-big-full', { fullPage: true });

  await clickAndLoad(page, bar);
  await assertElderPage(page, 'sign-up form');
  await screenshot(page, 'resident-signup-375-big');
  const phone = `139${String(stamp).padStart(8, '0')}`;
  await page.getByLabel('姓名').fill('王秀兰');
  await page.getByLabel('手机号码').fill(phone);
  await clickAndLoad(page, page.getByRole('button', { name: '提交报名' }));
  assert.match(await visibleText(page.locator('main .kicker').first()), /报名成功/);
  await assertElderPage(page, 'sign-up success');
  await screenshot(page, 'resident-success-375-big', { fullPage: true });
  const cancelHref = await page.locator('main .url a').getAttribute('href');

  // the 取消码, big, and 加入手机日历
  const code = await visibleText(page.locator('main .code-big code'));
  assert.match(code, /^[2-9A-HJKMNP-TV-Z]{6}$/, `取消码 ${code}`);
  const codeBox = await page.locator('main .code-big code').boundingBox();
  assert.ok(codeBox.height >= 60, `the 取消码 is ${codeBox.height}px tall`);
  assert.equal(await page.getByRole('link', { name: '加入手机日历' }).first().getAttribute('href'), `/a/${now.id}/calendar.ics`);

  // another day, without the link: 我的报名 on the activity's page with phone and 取消码
  await visit(page, `/a/${now.id}`);
  const mineForm = page.locator('section.mine');
  await mineForm.getByLabel('手机号码').fill(phone.replace(/(\d{3})(\d{4})(\d{4})/, '$1 $2 $3'));
  await mineForm.getByLabel('取消码').fill(code.toLowerCase());
  await clickAndLoad(page, mineForm.getByRole('button', { name: '查看我的报名' }));
  assert.match(await visibleText(page.locator('main')), /报名人：王秀兰。目前状态：报名成功/);
  assert.equal(await page.getByRole('button', { name: '确认取消报名' }).count(), 1, 'a way to cancel');
  await assertElderPage(page, 'my sign-up');
  await screenshot(page, 'resident-mine-375-big', { fullPage: true });

  // a neighbour signs up on the same phone and cancels with the 取消码
  await visit(page, `/a/${now.id}/signup`);
  await page.getByLabel('姓名').fill('刘德顺');
  await page.getByLabel('手机号码').fill(`138${String(stamp).padStart(8, '0')}`);
  await clickAndLoad(page, page.getByRole('button', { name: '提交报名' }));
  const code2 = await visibleText(page.locator('main .code-big code'));
  await visit(page, `/a/${now.id}`);
  await page.locator('section.mine').getByLabel('手机号码').fill(`138${String(stamp).padStart(8, '0')}`);
  await page.locator('section.mine').getByLabel('取消码').fill('2222XX');
  await clickAndLoad(page, page.locator('section.mine').getByRole('button', { name: '查看我的报名' }));
  assert.match(await visibleText(page.locator('main .errors')), /没有找到这个手机号码和取消码的报名/);
  await assertElderPage(page, 'my sign-up, wrong code');
  await screenshot(page, 'resident-mine-wrong-375-big');
  await page.getByLabel('取消码').fill(code2);
  await clickAndLoad(page, page.getByRole('button', { name: '查看我的报名' }));
  await clickAndLoad(page, page.getByRole('button', { name: '确认取消报名' }));
  assert.match(await visibleText(page.getByRole('status')), /刘德顺，您的报名已取消/);
  await assertElderPage(page, 'cancelled with the 取消码');
  await screenshot(page, 'resident-mine-cancelled-375-big');

  // an ended activity (the 2022 demo week) and check-in not yet open
  await visit(page, '/a/1/signup', 409);
  await assertStatePage(page, '活动已经结束', 'ended');
  await screenshot(page, 'resident-state-ended-375-big');
  await visit(page, later.checkin, 409);
  await assertStatePage(page, '签到还没有开始', 'check-in not open');
  await screenshot(page, 'resident-state-notopen-375-big');
  await clickAndLoad(page, page.locator('main a.back-big'));
  assert.equal(new URL(page.url()).pathname, `/a/${later.id}`, 'the button goes back to the activity');

  // the cancel page (not cancelling: the check-in comes next)
  await visit(page, cancelHref);
  await assertElderPage(page, 'cancel');
  await screenshot(page, 'resident-cancel-375-big');

  // check in, rate; rating twice is a state page
  await visit(page, now.checkin);
  await assertElderPage(page, 'check-in');
  await screenshot(page, 'resident-checkin-375-big');
  await page.getByLabel('姓名').fill('王秀兰');
  await page.getByLabel('手机号后四位').fill(phone.slice(-4));
  await clickAndLoad(page, page.getByRole('button', { name: '签到' }));
  await assertElderPage(page, 'checked in, rating form');
  await screenshot(page, 'resident-rating-375-big', { fullPage: true });
  // the same form open in a second tab, to press 提交评价 twice
  const tab = await page.context().newPage();
  await visit(tab, now.checkin);
  await page.getByText('满意', { exact: true }).click();
  await clickAndLoad(page, page.getByRole('button', { name: '提交评价' }));
  await assertElderPage(page, 'rated');
  await screenshot(page, 'resident-rated-375-big');
  await tab.getByText('基本满意', { exact: true }).click();
  await clickAndLoad(tab, tab.getByRole('button', { name: '提交评价' }));
  await assertStatePage(tab, '您已经评价过了', 'rated twice');
  await screenshot(tab, 'resident-state-rated-375-big');
  await page.context().close();
});

test('resources, showcase, cases and verify pass the 长辈版 checks', async () => {
  const page = await residentPhone();
  for (const [path, name] of [['/resources', 'resources'], ['/showcase', 'showcase'], ['/cases', 'cases'], ['/verify', 'verify'],
    ['/?content=6', 'calendar filter by content'], ['/?q=%E7%A4%BE%E5%8C%BA', 'calendar search']]) {
    await visit(page, path);
    await assertElderPage(page, name);
    await screenshot(page, `resident-${name.replace(/\s+/g, '-')}-375-big`);
  }
  const res = page.locator('main .cards h2 a, main .cards h3 a').first();
  if (await res.count()) {
    await visit(page, '/resources');
    await clickAndLoad(page, page.locator('main .cards a[href^="/resources/"]').first());
    await assertElderPage(page, 'a resource');
    await screenshot(page, 'resident-resource-375-big');
  }
  await page.context().close();
});

/** A verification code of the demo's accepted 2022 versions, as the centre sees it. */
async function demoVerifyCode() {
  const centre = await newMobilePage(browser);
  await visit(centre, '/');
  await login(centre, 'centre_admin');
  await visit(centre, '/submissions/1');
  const code = await visibleText(centre.locator('dl.facts div').filter({ hasText: '校验码' }).locator('dd code'));
  await centre.context().close();
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/, `a verification code: ${code}`);
  return code;
}

test('verify: a real code and a wrong one pass the 长辈版 checks', async () => {
  const code = await demoVerifyCode();
  const page = await residentPhone();
  await visit(page, '/verify');
  await page.getByLabel('校验码').fill(code.toLowerCase());
  await clickAndLoad(page, page.getByRole('button', { name: '核验' }));
  assert.match(await visibleText(page.getByRole('status')), new RegExp(`校验码 ${code} 是.+第 \\d+ 版总结表的校验码`));
  const text = await assertElderPage(page, 'verify result');
  assert.match(text, /填报单位/);
  await screenshot(page, 'resident-verify-result-375-big', { fullPage: true });
  await visit(page, '/verify/ABCD-EFGH-2345', 404);
  assert.match(await visibleText(page.locator('main .errors')), /没有找到校验码/);
  await assertElderPage(page, 'verify, no such code');
  await screenshot(page, 'resident-verify-none-375-big');
  await page.context().close();
});

// Every public page a resident can reach from the home page by links (same
// site, GET, at most a few of each kind of address), measured as above.
test('every public page linked from the home page passes the 长辈版 checks', async () => {
  const page = await residentPhone();
  const origin = new URL(page.url()).origin;
  const MAX_PAGES = 90, PER_KIND = 3;
  const kind = (u) => u.pathname.replace(/\d+/g, 'N') + (u.search ? `?${[...u.searchParams.keys()].sort().join('&')}` : '');
  const seen = new Set(['/']), perKind = new Map(), queue = ['/'], visited = [], shot = new Set();
  while (queue.length && visited.length < MAX_PAGES) {
    const path = queue.shift();
    const head = await page.request.get(path, { maxRedirects: 0 });
    const type = head.headers()['content-type'] || '';
    if (!type.startsWith('text/html')) {
      assert.ok(head.status() < 400, `${path} (linked) answers ${head.status()}`);
      continue; // a file, a calendar, a picture
    }
    const res = await page.goto(path);
    // 409: a plain state page (ended, not open yet) is what some links lead to
    assert.ok([200, 409].includes(res.status()), `${path} (linked) answers ${res.status()}`);
    visited.push(path);
    await assertElderPage(page, `crawl ${path}`);
    const k = kind(new URL(page.url()));
    if (!shot.has(k)) {
      shot.add(k);
      await screenshot(page, `resident-crawl-${k.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'home'}-375-big`);
    }
    for (const href of await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href))) {
      const u = new URL(href);
      if (u.origin !== origin || u.pathname.startsWith('/static/')) continue;
      u.hash = '';
      const p = u.pathname + u.search;
      if (seen.has(p)) continue;
      seen.add(p);
      const n = perKind.get(kind(u)) || 0;
      if (n >= PER_KIND) continue;
      perKind.set(kind(u), n + 1);
      queue.push(p);
    }
  }
  assert.equal(queue.length, 0, `the crawl stopped at ${MAX_PAGES} pages with ${queue.length} left: ${queue.slice(0, 5).join(' ')}`);
  const kinds = [...new Set(visited.map((p) => kind(new URL(p, origin))))];
  console.log(`crawled ${visited.length} pages of ${kinds.length} kinds: ${kinds.join(' ')}`);
  for (const k of ['/', '/a/N', '/weeks/N', '/weeks/N/near', '/resources', '/login'])
    assert.ok(kinds.includes(k), `the crawl reached ${k}: ${kinds.join(' ')}`);
  await page.context().close();
});
