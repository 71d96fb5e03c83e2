// review.test.mjs: the centre and a unit, each in a browser of its own. The centre
// makes a unit and its admin, sees the unit on the status board, opens its
// submission, returns it with a comment on one field; the unit (a phone without
// JavaScript) reads the comment beside the field, fixes it and resubmits; the
// centre sees what changed and accepts; the board and the unit both say 已通过.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, newMobilePage, visit, login, clickAndLoad, visibleText, screenshot } from './lib.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const DESKTOP = { width: 1280, height: 900 };
const stamp = Date.now() % 1_000_000;
const UNIT = `浏览器审核区${stamp}`;
const USER = `e2e_review_${stamp}`;
const PASSWORD = 'review-e2e-pass';

async function loginAs(page, username, password) {
  await visit(page, '/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await clickAndLoad(page, page.getByRole('button', { name: '登录' }));
  await page.getByRole('button', { name: `退出（${username}）` }).waitFor();
}

/** The status board of the 2022 week, chosen in its form as a person would. */
async function board2022(page) {
  await clickAndLoad(page, page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '报送进度' }));
  await page.getByLabel('活动周').selectOption({ label: '2022 年' });
  await clickAndLoad(page, page.getByRole('button', { name: '查看' }));
  return page.locator('table.board tbody tr', { hasText: UNIT });
}

async function uploadPdf(page, kind, name) {
  await page.getByLabel(`选择${kind}文件`).setInputFiles({
    name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name} ${stamp}\n%%EOF\n`),
  });
  await clickAndLoad(page, page.getByRole('button', { name: `上传${kind}` }));
  await page.getByRole('status').filter({ hasText: `已上传${kind}` }).waitFor();
}

test('the centre returns a submission with a comment, the unit resubmits, the centre accepts', async () => {
  // the centre, on a desktop screen with JavaScript: a new unit and its admin
  const centre = await newMobilePage(browser, { viewport: DESKTOP });
  centre.on('dialog', (d) => d.accept()); // 审核通过 asks for confirmation
  await visit(centre, '/');
  await login(centre, 'centre_admin');
  await visit(centre, '/admin/units/new');
  await centre.getByLabel('单位名称').fill(UNIT);
  await centre.getByLabel('类别').selectOption('区');
  await centre.getByLabel('单位代码').fill(`e2ereview${stamp}`);
  await clickAndLoad(centre, centre.getByRole('button', { name: '保存' }));
  await visit(centre, '/admin/accounts/new');
  await centre.getByLabel('用户名').fill(USER);
  await centre.getByLabel('姓名').fill('审核测试员');
  await centre.getByLabel('所属单位').selectOption({ label: UNIT });
  await centre.getByLabel('角色').selectOption('unit_admin');
  await centre.getByLabel('初始密码').fill(PASSWORD);
  await clickAndLoad(centre, centre.getByRole('button', { name: '创建账号' }));

  // on the board: not started yet, and in the reminders
  let row = await board2022(centre);
  assert.match(await visibleText(row), /未开始.*逾期/, 'a new unit has not started and the 2022 deadline is past');
  const unitId = (await row.getAttribute('id')).replace('unit-', '');
  const weekId = new URL(centre.url()).searchParams.get('week');
  await clickAndLoad(centre, centre.getByRole('link', { name: /未提交的单位（\d+ 个）与提醒文字/ }));
  const reminder = centre.locator(`#reminder-${unitId}`);
  assert.match(await reminder.inputValue(), new RegExp(`${UNIT}：[^]*工作总结`), 'the reminder names the unit and what is missing');
  await centre.locator(`button[data-copy="reminder-${unitId}"]`).waitFor({ state: 'visible' });

  // the unit, on a phone without JavaScript: plan, the three required files, the effect, submit
  const unit = await newMobilePage(browser, { javaScriptEnabled: false });
  await loginAs(unit, USER, PASSWORD);
  await visit(unit, `/units/${unitId}/report/plan?week=${weekId}`);
  await unit.getByLabel('下发活动文件的部门').fill('浏览器区教育体育局');
  await unit.getByLabel('具体协调部门').fill('浏览器区社区教育学院');
  await unit.getByLabel('制定活动方案部门').fill('浏览器区终身学习办公室');
  await clickAndLoad(unit, unit.getByRole('button', { name: '保存' }));
  await visit(unit, `/units/${unitId}/report/edit?week=${weekId}`);
  await unit.locator('#v-effect').fill('第一版：开展活动，群众反响好。');
  await clickAndLoad(unit, unit.getByRole('button', { name: '保存' }));
  await visit(unit, `/units/${unitId}/submission?week=${weekId}`);
  await uploadPdf(unit, '工作总结', '工作总结.pdf');
  await uploadPdf(unit, '典型活动案例', '典型活动案例.pdf');
  await clickAndLoad(unit, unit.getByRole('button', { name: '定稿第 1 版' }));
  await uploadPdf(unit, '盖章扫描件', '盖章扫描件.pdf');
  await clickAndLoad(unit, unit.getByRole('button', { name: '报送第 1 版' }));
  await unit.getByRole('status').filter({ hasText: '已报送第 1 版（逾期）' }).waitFor();

  // the centre sees it submitted, opens it and returns it with a comment on 活动成效
  row = await board2022(centre);
  assert.match(await visibleText(row), /已提交.*逾期.*第 1 版/);
  await clickAndLoad(centre, row.getByRole('link', { name: '审核' }));
  await centre.getByRole('heading', { level: 1, name: `审核报送材料：${UNIT} 第 1 版` }).waitFor();
  assert.equal(await centre.locator('.review-files iframe').count(), 3, 'each PDF can be read in the page');
  assert.match(await visibleText(centre.locator('#field-effect')), /第一版：开展活动/);
  // the unit saved its form in a browser (CR LF line breaks) without touching the derived fields
  assert.match(await visibleText(centre.locator('main')), /本单位没有改动系统自动统计的栏目/);
  await centre.locator('#target-1').selectOption({ label: '活动成效' });
  await centre.locator('#comment-1').fill('请写明参加活动的人数和居民的评价。');
  await screenshot(centre, 'review-return-form', { fullPage: true });
  await clickAndLoad(centre, centre.getByRole('button', { name: '退回第 1 版' }));
  await centre.getByRole('status').filter({ hasText: `已退回${UNIT}第 1 版（1 条意见）` }).waitFor();

  // the unit reads it on its checklist page and beside the field, fixes the field, resubmits
  await visit(unit, `/units/${unitId}/submission?week=${weekId}`);
  const notes = unit.locator('.review-notes');
  assert.match(await visibleText(notes), /市中心退回了第 1 版.*总结表「活动成效」.*请写明参加活动的人数和居民的评价。/);
  await clickAndLoad(unit, notes.getByRole('link', { name: '去修改' }));
  assert.match(await visibleText(unit.locator('#edit-effect')), /市中心意见：.*请写明参加活动的人数/);
  await unit.locator('#v-effect').fill('第二版：开展活动 5 场，参加 320 人次，居民满意率 96%。');
  await clickAndLoad(unit, unit.getByRole('button', { name: '保存' }));
  assert.match(await visibleText(unit.locator('#field-effect')), /第二版.*市中心意见/, 'the comment stays beside the field until resubmitted');
  await screenshot(unit, 'review-unit-form-with-comment', { fullPage: true });
  await visit(unit, `/units/${unitId}/submission?week=${weekId}`);
  await clickAndLoad(unit, unit.getByRole('button', { name: '定稿第 2 版' }));
  await uploadPdf(unit, '盖章扫描件', '盖章扫描件（第 2 版）.pdf');
  await clickAndLoad(unit, unit.getByRole('button', { name: '报送第 2 版' }));
  await unit.getByRole('status').filter({ hasText: '已报送第 2 版' }).waitFor();

  // the centre sees what changed since version 1 and accepts
  row = await board2022(centre);
  assert.match(await visibleText(row), /已提交.*第 2 版/);
  await clickAndLoad(centre, row.getByRole('link', { name: '审核' }));
  const changes = centre.locator('#changes');
  assert.match(await visibleText(changes), /与第 1 版（已退回）相比的改动.*请写明参加活动的人数.*总结表：1 栏有改动.*附件：新增 1 个，删除 1 个/);
  const change = await visibleText(centre.locator('#change-effect'));
  assert.ok(change.indexOf('第一版') < change.indexOf('第二版'), `old before new: ${change}`);
  await screenshot(centre, 'review-changes', { fullPage: true });
  await clickAndLoad(centre, centre.getByRole('button', { name: '审核通过' }));
  await centre.getByRole('status').filter({ hasText: `${UNIT}第 2 版已审核通过` }).waitFor();
  row = await board2022(centre);
  assert.match(await visibleText(row), /已通过/);
  assert.deepEqual(centre.problems, [], 'no script errors on the centre pages');

  await visit(unit, `/units/${unitId}/submission?week=${weekId}`);
  assert.match(await visibleText(unit.locator('main')), /第 2 版已审核通过/);
  await unit.context().close();
  await centre.context().close();
});
