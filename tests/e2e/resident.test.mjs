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
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startBrowser, newMobilePage, visit, login, clickAndLoad, visibleText, scrollWidth, screenshot, PHONE,
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
    return { tooSmall, bodySmall, lowTargets, text, width: document.documentElement.scrollWidth };
  }, [BODY_PX, SMALL_PX, TAP_PX]);
  assert.deepEqual(m.tooSmall, [], `${where}: text under ${SMALL_PX}px`);
  assert.deepEqual(m.bodySmall, [], `${where}: body text under ${BODY_PX}px`);
  assert.deepEqual(m.lowTargets, [], `${where}: targets under ${TAP_PX}px high`);
  assert.ok(m.width <= PHONE.width, `${where}: the page is ${m.width}px wide on a ${PHONE.width}px screen`);
  const words = (m.text.match(/[A-Za-z][A-Za-z0-9_.\-@]*[A-Za-z0-9]|[A-Za-z]/g) || [])
    .filter((w) => !ALLOWED.has(w.toLowerCase()) && !/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(w)) // a verification code is a name
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
  assert.ok(height < 20000, `home page is ${height}px tall`);
  await page.context().close();
});

test('an activity: 咨询电话, 报名 stays at the bottom, sign-up, 取消码 and 我的报名, states, check-in, rating', async () => {
  const { now, later } = await staffSetup();
  const page = await residentPhone();
  await visit(page, `/a/${now.id}`);
  const text = await assertElderPage(page, 'activity');
  assert.match(text, /咨询电话 0791-86123456/, 'the unit\'s consultation number');
  assert.equal(await page.locator('main a[href="tel:0791-86123456"]').count(), 1, 'a number to tap');
  assert.ok(!text.includes(String(THIS_YEAR) + '年'), 'this year\'s date without the year');
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
