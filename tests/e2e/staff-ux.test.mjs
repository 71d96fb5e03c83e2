// staff-ux.test.mjs: what a county clerk and the centre see, issue by issue.
// The centre (1366 px laptop) makes a unit and its admin; the clerk (a 375 px
// phone without JavaScript, and the laptop) fills the form, uploads, submits;
// the centre returns, the clerk resubmits, the centre accepts; then the audit
// log, its export, the board, the charts and the summary form's tables.
// Everything is made here, on the week the dashboard calls current, so the
// test runs on either demo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { startBrowser, newMobilePage, visit, login, clickAndLoad, visibleText, screenshot, contrasts } from './lib.mjs';

const LAPTOP = { width: 1366, height: 768 };
const stamp = Date.now() % 1_000_000;
const UNIT = `界面测试区${stamp}`;
const USER = `e2e_ux_${stamp}`;
const PASSWORD = 'staff-ux-e2e-pass';
const DISPLAY = '=1+2'; // a name that a spreadsheet would run as a formula

let browser, centre, unitId, weekId;
const dialogs = [];
before(async () => {
  browser = await startBrowser();
  centre = await newMobilePage(browser, { viewport: LAPTOP });
  centre.on('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
  await visit(centre, '/');
  await login(centre, 'centre_admin');
  await visit(centre, '/admin/units/new');
  await centre.getByLabel('单位名称').fill(UNIT);
  await centre.getByLabel('类别').selectOption('区');
  await centre.getByLabel('单位代码').fill(`e2eux${stamp}`);
  await clickAndLoad(centre, centre.getByRole('button', { name: '保存' }));
  await visit(centre, '/admin/accounts/new');
  await centre.getByLabel('用户名').fill(USER);
  await centre.getByLabel('姓名').fill(DISPLAY);
  await centre.getByLabel('所属单位').selectOption({ label: UNIT });
  await centre.getByLabel('角色').selectOption('unit_admin');
  await centre.getByLabel('初始密码').fill(PASSWORD);
  await clickAndLoad(centre, centre.getByRole('button', { name: '创建账号' }));
});
after(async () => { await browser?.close(); });

async function clerkPage(opts = {}) {
  const page = await newMobilePage(browser, opts);
  await visit(page, '/login');
  await page.getByLabel('用户名').fill(USER);
  await page.getByLabel('密码').fill(PASSWORD);
  await clickAndLoad(page, page.getByRole('button', { name: '登录' }));
  await page.getByRole('button', { name: `退出（${USER}）` }).waitFor();
  return page;
}

async function uploadPdf(page, kind, name) {
  await page.getByLabel(`选择${kind}文件`).setInputFiles({
    name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name} ${stamp}\n%%EOF\n`),
  });
  await clickAndLoad(page, page.getByRole('button', { name: `上传${kind}` }));
  await page.getByRole('status').filter({ hasText: `已上传${kind}` }).waitFor();
}

const at = (what) => `/units/${unitId}/${what}${what.includes('?') ? '&' : '?'}week=${weekId}`;

/** Reads one file out of a ZIP (an .xlsx) from its central directory. */
function unzipEntry(zip, wanted) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = zip.readUInt16LE(p + 10), csize = zip.readUInt32LE(p + 20);
    const nlen = zip.readUInt16LE(p + 28), xlen = zip.readUInt16LE(p + 30), clen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42), name = zip.toString('utf8', p + 46, p + 46 + nlen);
    if (name === wanted) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + csize);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nlen + xlen + clen;
  }
  return null;
}

test('a clerk: the dashboard, a refused save that keeps every edit, Chinese date and file fields', async () => {
  const phone = await clerkPage({ javaScriptEnabled: false });
  // the dashboard names the current week's report and links to it
  const status = phone.locator('#report-status');
  assert.match(await visibleText(status), /报送材料 (未开始|填报中)/);
  const href = await status.getByRole('link', { name: '附件与提交' }).getAttribute('href');
  [unitId, weekId] = [href.split('/')[2], new URL(href, 'http://x').searchParams.get('week')];

  // the plan: a date is a plain field with its format beside it
  await visit(phone, at('report/plan'));
  const date = phone.getByLabel('开幕式日期');
  assert.equal(await date.getAttribute('type'), 'text');
  assert.match(await visibleText(phone.locator('.field', { has: date })), /例如 2022-12-01/);
  await phone.getByLabel('下发活动文件的部门').fill('界面区教育体育局');
  await phone.getByLabel('具体协调部门').fill('界面区社区教育学院');
  await phone.getByLabel('制定活动方案部门').fill('界面区终身学习办公室');
  await date.fill('2022-12-01');
  await clickAndLoad(phone, phone.getByRole('button', { name: '保存' }));
  await phone.getByRole('status').filter({ hasText: '实施方案和开幕式已保存' }).waitFor();

  // a changed number without a reason: the same form, both edits kept, the field marked
  await visit(phone, at('report/edit'));
  await phone.locator('#v-effect').fill('开展活动，群众反响好。');
  await phone.locator('#v-activity_count').fill('本区共开展活动 12 场');
  await clickAndLoad(phone, phone.getByRole('button', { name: '保存' }));
  await phone.getByRole('heading', { level: 1, name: '修改总结表' }).waitFor();
  assert.match(await visibleText(phone.getByRole('alert')), /还没有保存.*「全区参与活动的数量」中的数字与系统统计.*不同，请填写修改原因/);
  assert.equal(await phone.locator('#v-effect').inputValue(), '开展活动，群众反响好。', 'the other edit is kept');
  assert.equal(await phone.locator('#v-activity_count').inputValue(), '本区共开展活动 12 场', 'the number is kept');
  const reason = phone.locator('#r-activity_count');
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');
  assert.match(await visibleText(phone.locator('#edit-activity_count')), /请填写修改原因/);
  const colour = await phone.locator('#edit-activity_count legend').evaluate((el) => getComputedStyle(el).color);
  assert.equal(colour, 'rgb(166, 27, 27)', 'the field\'s legend is in the error colour');
  await phone.locator('#edit-activity_count').scrollIntoViewIfNeeded();
  await screenshot(phone, 'ux-clerk-form-error-375');
  await reason.fill('含 7 场未在系统登记的社区活动');
  await clickAndLoad(phone, phone.getByRole('button', { name: '保存' }));
  await phone.getByRole('status').filter({ hasText: '总结表已保存' }).waitFor();
  assert.match(await visibleText(phone.locator('#field-effect')), /开展活动，群众反响好/);

  // an English browser with JavaScript: the file input still reads in Chinese
  const en = await browser.newContext({ viewport: LAPTOP, locale: 'en-US' });
  await en.addCookies(await phone.context().cookies());
  const enPage = await en.newPage();
  await enPage.goto(new URL(at('submission'), phone.url()).href);
  const pick = enPage.locator('#kind-summary .file-pick');
  assert.match(await visibleText(pick), /^选择文件 未选择文件$/);
  assert.equal(await enPage.getByLabel('选择工作总结文件').evaluate((el) => getComputedStyle(el).opacity), '0', 'the native input is over the button, not shown');
  await enPage.getByLabel('选择工作总结文件').setInputFiles({ name: '工作总结.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') });
  assert.match(await visibleText(pick), /已选择：工作总结\.pdf/);
  await pick.scrollIntoViewIfNeeded();
  await screenshot(enPage, 'ux-file-input-en-browser-1366');
  await en.close();
  // without JavaScript the native input is there, visible, and it uploads (below)
  const native = phone.getByLabel('选择工作总结文件');
  await visit(phone, at('submission'));
  assert.ok(await native.isVisible());
  assert.equal(await native.evaluate((el) => getComputedStyle(el).opacity), '1');
  await phone.context().close();
});

test('a clerk: optional 其他 is neutral, a scan is replaced, not added to', async () => {
  const phone = await clerkPage({ javaScriptEnabled: false });
  await visit(phone, at('submission'));
  const other = phone.locator('.checklist li', { hasText: '总结表「其他」' });
  assert.equal(await other.getAttribute('class'), 'optional');
  assert.match(await visibleText(other), /^○ 总结表「其他」：选填，可以不填/);
  assert.notEqual(await other.locator('.mark').evaluate((el) => getComputedStyle(el).color), 'rgb(166, 27, 27)', 'not red');
  const effect = phone.locator('.checklist li', { hasText: '总结表「自我评价」' });
  assert.equal(await effect.getAttribute('class'), 'missing', 'a required field still shows as missing');
  await other.scrollIntoViewIfNeeded();
  await screenshot(phone, 'ux-checklist-optional-375');

  // the scan is of the 定稿: the documents, 定稿, then the stamped scan
  await uploadPdf(phone, '工作总结', '工作总结.pdf');
  await uploadPdf(phone, '典型活动案例', '典型活动案例.pdf');
  await clickAndLoad(phone, phone.getByRole('button', { name: '定稿第 1 版' }));
  await uploadPdf(phone, '盖章扫描件', '扫描件第一稿.pdf');
  assert.match(await visibleText(phone.locator('#kind-scan')), /上传新文件会替换「扫描件第一稿\.pdf」/);
  await uploadPdf(phone, '盖章扫描件', '扫描件定稿.pdf');
  const files = await phone.locator('#kind-scan ul.files li a').allInnerTexts();
  assert.deepEqual(files.filter((t) => t.endsWith('.pdf')), ['扫描件定稿.pdf'], 'one scan, the new one');
  assert.match(await visibleText(phone.locator('.checklist')), /盖章扫描件（必交）：已上传第 1 版定稿的盖章扫描件/);
  await phone.locator('#kind-scan').scrollIntoViewIfNeeded();
  await screenshot(phone, 'ux-scan-replaced-375');
  await clickAndLoad(phone, phone.getByRole('button', { name: '报送第 1 版' }));
  await phone.getByRole('status').filter({ hasText: '已报送第 1 版' }).waitFor();
  assert.doesNotMatch(await visibleText(phone.locator('main')), /现在提交仍会被接收/, 'no deadline advice once submitted');
  assert.equal(await phone.getByRole('link', { name: '去处理' }).count(), 0, 'no link to a page that refuses to edit');
  await phone.context().close();
});

test('the centre returns with confirmation, digests behind 详情; the clerk sees 已退回 and a warning at resubmit; after acceptance nothing stale', async () => {
  await visit(centre, `/admin/board?week=${weekId}`);
  const row = centre.locator('table.board tbody tr', { hasText: UNIT });
  await clickAndLoad(centre, row.getByRole('link', { name: '审核' }));
  const hash = centre.locator('.review-files .digest code.hash').first();
  assert.equal(await hash.isVisible(), false, 'the SHA-256 is not in view');
  await centre.locator('.review-files .digest').first().locator('summary', { hasText: '详情' }).click();
  assert.match(await hash.innerText(), /^[0-9a-f]{64}$/);
  await screenshot(centre, 'ux-review-digest-1366');
  await centre.locator('#target-1').selectOption({ label: '活动成效' });
  await centre.locator('#comment-1').fill('请写明参加人数。');
  dialogs.length = 0;
  await clickAndLoad(centre, centre.getByRole('button', { name: '退回第 1 版' }));
  assert.equal(dialogs.length, 1, 'returning asks first');
  assert.match(dialogs[0], /确认退回第 1 版/);
  await centre.getByRole('status').filter({ hasText: `已退回${UNIT}第 1 版（1 条意见）` }).waitFor();

  // the clerk's dashboard, on a phone
  const phone = await clerkPage({ javaScriptEnabled: false });
  const card = phone.locator('#report-status');
  assert.match(await visibleText(card), /报送材料 已退回 市中心退回了第 1 版.*总结表「活动成效」.*请写明参加人数。/);
  await screenshot(phone, 'ux-dashboard-returned-375', { fullPage: true });
  await clickAndLoad(phone, card.getByRole('link', { name: '查看意见并修改' }));
  await phone.getByRole('heading', { level: 1, name: '附件与提交' }).waitFor();
  // resubmitting without touching the commented field: warned, and still possible
  const warn = phone.locator('#unanswered');
  assert.match(await visibleText(warn), /市中心的 1 条意见还没有处理.*总结表「活动成效」.*也可以直接定稿和提交/);
  assert.match(await phone.getByRole('button', { name: '定稿第 2 版' }).getAttribute('data-confirm'), /1 条意见对应的内容还没有改动/);
  await warn.scrollIntoViewIfNeeded();
  await screenshot(phone, 'ux-resubmit-warning-375');
  await visit(phone, at('report/edit'));
  await phone.locator('#v-effect').fill('开展活动 12 场，参加 860 人次。');
  await clickAndLoad(phone, phone.getByRole('button', { name: '保存' }));
  await visit(phone, at('submission'));
  assert.equal(await phone.locator('#unanswered').count(), 0, 'answered: no warning');
  await clickAndLoad(phone, phone.getByRole('button', { name: '定稿第 2 版' }));
  await uploadPdf(phone, '盖章扫描件', '扫描件第 2 版.pdf');
  await clickAndLoad(phone, phone.getByRole('button', { name: '报送第 2 版' }));
  await phone.getByRole('status').filter({ hasText: '已报送第 2 版' }).waitFor();

  await visit(centre, `/admin/board?week=${weekId}`);
  await clickAndLoad(centre, row.getByRole('link', { name: '审核' }));
  await clickAndLoad(centre, centre.getByRole('button', { name: '审核通过' }));
  await centre.getByRole('status').filter({ hasText: `${UNIT}第 2 版已审核通过` }).waitFor();

  for (const [viewport, name] of [[{ width: 375, height: 812 }, '375'], [LAPTOP, '1366']]) {
    await phone.setViewportSize(viewport);
    await visit(phone, at('submission'));
    const main = await visibleText(phone.locator('main'));
    assert.match(main, /第 2 版已审核通过/);
    assert.match(main, /已审核通过，无需再提交/);
    assert.doesNotMatch(main, /现在提交仍会被接收|已超过截止时间/);
    assert.equal(await phone.getByRole('link', { name: /去处理|去填写/ }).count(), 0, 'no links to pages that would answer 409');
    await screenshot(phone, `ux-accepted-${name}`, { fullPage: true });
  }
  await phone.context().close();
});

test('the centre: the audit log in sentences, filtered, the raw record one click away, an XLSX without formulas', async () => {
  await visit(centre, '/admin/audit');
  await centre.getByLabel('单位').selectOption({ label: UNIT });
  await centre.getByLabel('操作', { exact: true }).selectOption({ label: '提交' });
  await centre.getByLabel('从').fill('2000-01-01');
  await clickAndLoad(centre, centre.getByRole('button', { name: '筛选' }));
  assert.match(await visibleText(centre.locator('main')), /共 2 条/);
  const first = centre.locator('table.audit tbody tr').last();
  assert.match(await visibleText(first), new RegExp(`\\d{4}年\\d{1,2}月\\d{1,2}日 \\d\\d:\\d\\d ${UNIT} =1\\+2（${USER}） 提交报送材料「提交第 1 版`));
  assert.match(await visibleText(first), /版本：第 1 版.*附件：.*工作总结\.pdf（\d+ 字节）/);
  const raw = first.locator('details.raw pre').first();
  assert.equal(await raw.isVisible(), false);
  await first.locator('details.raw summary').click();
  assert.match(await raw.innerText(), /"verify_code"/);
  const whenLines = await first.locator('td.when').evaluate((el) => {
    const r = document.createRange(); r.selectNodeContents(el);
    return new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
  });
  assert.equal(whenLines, 1, 'the time stays on one line');
  await screenshot(centre, 'ux-audit-1366');

  // the person filter and the replaced scan in the history
  await visit(centre, '/admin/audit');
  await centre.getByLabel('操作人').selectOption({ value: USER });
  await centre.getByLabel('对象').selectOption({ label: '附件' });
  await clickAndLoad(centre, centre.getByRole('button', { name: '筛选' }));
  assert.match(await visibleText(centre.locator('table.audit')), /删除附件「替换盖章扫描件」.*文件名：扫描件第一稿\.pdf/);

  // the export: what the filter shows, as a workbook whose cells are text
  await visit(centre, `/admin/audit?user=${USER}`);
  const link = centre.getByRole('link', { name: '导出 Excel' });
  const res = await centre.request.get(await link.getAttribute('href'));
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /spreadsheetml/);
  const sheet = unzipEntry(await res.body(), 'xl/worksheets/sheet1.xml');
  assert.ok(sheet, 'a workbook with a sheet');
  assert.ok(sheet.includes('提交报送材料「提交第 2 版」') || sheet.includes('提交第 2 版'), 'the lines are there');
  assert.ok(sheet.includes(`'=1+2（${USER}）`), 'a name that looks like a formula is written as text');
  assert.ok(!sheet.includes('<f>'), 'no formula in the workbook');
});

test('the board, the charts and the summary form at 1366 px', async () => {
  await visit(centre, `/admin/board?week=${weekId}`);
  const lines = (loc) => loc.evaluateAll((els) => els.filter((e) => e.getClientRects().length).map((el) => {
    const r = document.createRange(); r.selectNodeContents(el);
    return { text: el.innerText.trim(), lines: new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size };
  }));
  const broken = [...await lines(centre.locator('table.board .badge')), ...await lines(centre.locator('table.board .when')),
    ...await lines(centre.locator('table.board thead th'))].filter((x) => x.lines > 1);
  assert.deepEqual(broken, [], 'badges, dates and headers on one line');
  assert.ok(await centre.evaluate(() => document.documentElement.scrollWidth <= 1366));
  const wrap = await centre.locator('.table-wrap', { has: centre.locator('table.board') }).evaluate((w) => [w.scrollWidth, w.clientWidth]);
  assert.ok(wrap[0] <= wrap[1] + 1, `the board fits 1366 px without scrolling sideways: ${wrap}`);
  await screenshot(centre, 'ux-board-1366');

  await visit(centre, `/admin/stats?week=${weekId}`);
  const fig = centre.locator('figure.chart').first();
  const names = await fig.locator('table.chart-data tbody th').allInnerTexts();
  const drawn = await fig.locator('svg').evaluate((svg) => {
    const out = [];
    for (const g of svg.querySelectorAll('g')) out.push([...g.querySelectorAll('text.l')].map((t) => t.textContent).join(''));
    return out;
  });
  assert.deepEqual(drawn, names, 'every name in the chart is whole');
  assert.ok(!drawn.some((t) => t.includes('…')));
  await fig.scrollIntoViewIfNeeded();
  await screenshot(centre, 'ux-chart-1366');

  await visit(centre, at('report'));
  const cols = await centre.locator('table.form-table').evaluateAll((ts) => ts.map((t) => {
    const row = [...t.rows].find((r) => r.cells.length === 3);
    return [...row.cells].map((c) => Math.round(c.getBoundingClientRect().left));
  }));
  assert.equal(cols.length, 2);
  assert.deepEqual(cols[0], cols[1], 'the two tables\' columns line up');
  const bad = (await contrasts(centre.locator('main p, main th, main td'))).filter((c) => c.ratio < 4.5);
  assert.deepEqual(bad, [], 'text contrast at least 4.5:1');
  await screenshot(centre, 'ux-summary-form-1366', { fullPage: true });
});
