// report.test.mjs: a unit admin on a phone fills the report from the demo data
// (a narrative field, the plan, a publicity record), uploads the work summary and
// watches its progress bar, uploads a photo with JavaScript off, and submits; anyone
// can then check the verification code. Uses 南昌经济技术开发区 in the demo's live
// week, where it is still filling in; no other file touches it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startBrowser, newMobilePage, visit, login, clickAndLoad, visibleText, scrollWidth, screenshot, PHONE,
} from './lib.mjs';

const USER = 'jingkai_admin';
const UNIT = '南昌经济技术开发区';
const WEEK = 2; // the demo's live week, the second it makes (2022, the first, is accepted history)

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** The unit's id, from the admin's own menu link. */
async function unitId(page) {
  const href = await page.getByRole('link', { name: '本单位账号' }).first().getAttribute('href');
  return +href.match(/\/units\/(\d+)\//)[1];
}

/** A PDF of about `kb` kilobytes. */
function pdf(kb, note) {
  return Buffer.concat([Buffer.from(`%PDF-1.4\n% ${note}\n`), Buffer.alloc(kb * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
}

test('fill, upload with a progress bar, submit, verify', async () => {
  const page = await newMobilePage(browser);
  page.on('dialog', (d) => d.accept()); // 提交 asks to confirm
  await visit(page, '/');
  await login(page, USER);
  const unit = await unitId(page);
  const at = (path) => `/units/${unit}/${path}?week=${WEEK}`;

  // the form, filled from the demo's activities; one narrative field written
  await visit(page, at('report'));
  assert.match(await visibleText(page.locator('#field-activity_count')), /6 场：线上/);
  await clickAndLoad(page, page.getByRole('link', { name: '修改总结表' }));
  await page.locator('#v-effect').fill('活动覆盖临空经济区各社区，居民参与热情高。');
  await clickAndLoad(page, page.getByRole('button', { name: '保存' }));
  assert.match(await visibleText(page.getByRole('status')), /总结表已保存/);
  assert.match(await visibleText(page.locator('#field-effect')), /居民参与热情高/);

  // the implementation plan
  await clickAndLoad(page, page.getByRole('link', { name: '实施方案和开幕式' }));
  await page.getByLabel('下发活动文件的部门').fill('临空经济区社会事业局');
  await page.getByLabel('具体协调部门').fill('临空经济区社区教育学院');
  await page.getByLabel('制定活动方案部门').fill('临空经济区终身学习办公室');
  await clickAndLoad(page, page.getByRole('button', { name: '保存' }));

  // a publicity record: it shows up in 宣传报道 of the form
  await visit(page, at('publicity'));
  await page.getByLabel('宣传渠道').selectOption('微信公众号');
  await page.getByLabel('报道类型').selectOption('text');
  await page.getByLabel('报道标题').fill('临空经济区全民终身学习活动周启动');
  await page.getByLabel('链接').fill('https://mp.weixin.qq.com/s/example');
  await clickAndLoad(page, page.getByRole('button', { name: '添加' }));
  assert.match(await visibleText(page.getByRole('status')), /宣传报道已添加/);
  await visit(page, at('report'));
  assert.match(await visibleText(page.locator('#field-pub_text')), /1 篇[\s\S]*临空经济区全民终身学习活动周启动/);

  // the checklist says what is missing
  await visit(page, at('submission'));
  const missing = (await page.locator('.checklist .missing').allInnerTexts()).join(' ');
  for (const item of ['工作总结', '典型活动案例', '盖章扫描件']) assert.ok(missing.includes(item), `checklist lacks ${item}`);
  assert.equal(await page.getByRole('button', { name: /报送第/ }).count(), 0, 'no submit button while required items are missing');
  assert.ok(await scrollWidth(page) <= PHONE.width, 'the submission page fits a phone');

  // the work summary, uploaded on a slow line: the progress bar moves
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024,
  });
  const summary = page.locator('#kind-summary');
  await summary.getByLabel('选择工作总结文件').setInputFiles({ name: '临空经济区工作总结.pdf', mimeType: 'application/pdf', buffer: pdf(1500, '工作总结') });
  await summary.getByRole('button', { name: '上传工作总结' }).click();
  const bar = summary.locator('progress');
  await bar.waitFor();
  await summary.getByText(/已上传 \d+%/).waitFor();
  const seen = await bar.evaluate((p) => p.value);
  assert.ok(seen > 0 && seen < 100, `the bar shows progress part-way (${seen}%)`);
  assert.ok(await summary.getByRole('button', { name: '上传工作总结' }).isDisabled(), 'the button waits while uploading');
  await screenshot(page, 'report-upload-progress');
  await page.getByText('已上传工作总结「临空经济区工作总结.pdf」').waitFor({ timeout: 30_000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  assert.equal(new URL(page.url()).pathname, `/units/${unit}/submission`, 'the page the server answered with, at its own address');

  // a file that is not what its name says is refused in Chinese
  const kase = page.locator('#kind-case');
  await kase.getByLabel('选择典型活动案例文件').setInputFiles({ name: '典型案例.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a pdf') });
  await kase.getByRole('button', { name: '上传典型活动案例' }).click();
  await page.getByText('系统按文件内容判断，而不是看文件名').waitFor();
  await visit(page, at('submission'));
  await page.locator('#kind-case').getByLabel('选择典型活动案例文件').setInputFiles({ name: '典型案例.pdf', mimeType: 'application/pdf', buffer: pdf(10, '案例') });
  await page.locator('#kind-case').getByRole('button', { name: '上传典型活动案例' }).click();
  await page.getByText('已上传典型活动案例「典型案例.pdf」').waitFor();

  // without JavaScript the same form posts as a plain form
  const plain = await newMobilePage(browser, { javaScriptEnabled: false });
  await visit(plain, '/');
  await login(plain, USER);
  await visit(plain, at('submission'));
  // a whole 8×8 JPEG: the server decodes photos to the end and stores its own re-encoding
  const jpeg = Buffer.from(
    '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19i' +
    'Z2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj' +
    'Y2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUF' +
    'BAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVW' +
    'V1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi' +
    '4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAEC' +
    'AxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVm' +
    'Z2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq' +
    '8vP09fb3+Pn6/9oADAMBAAIRAxEAPwAhC6FpKyKoN1L8kC8de7Y9B/gO9FFFPdsFJx2/I//Z',
    'base64');
  await plain.locator('#kind-photo').getByLabel('选择活动照片文件').setInputFiles({ name: '读书沙龙.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await clickAndLoad(plain, plain.locator('#kind-photo').getByRole('button', { name: '上传活动照片' }));
  assert.match(await visibleText(plain.getByRole('status')), /已上传活动照片「读书沙龙.jpg」/);
  assert.equal(await plain.locator('#kind-photo img[alt="读书沙龙.jpg"]').count(), 1, 'the photo shows as a thumbnail');
  await plain.context().close();

  // 定稿, the stamped scan of it, 报送
  await visit(page, at('submission'));
  await clickAndLoad(page, page.getByRole('button', { name: '定稿第 1 版' }));
  await page.locator('#kind-scan').getByLabel('选择盖章扫描件文件').setInputFiles({ name: '盖章扫描件.pdf', mimeType: 'application/pdf', buffer: pdf(20, '盖章') });
  await page.locator('#kind-scan').getByRole('button', { name: '上传盖章扫描件' }).click();
  await page.getByText('已上传盖章扫描件「盖章扫描件.pdf」').waitFor();
  assert.equal(await page.locator('.checklist .missing').filter({ hasText: '必交' }).count(), 0, 'every required item is there');
  await clickAndLoad(page, page.getByRole('button', { name: '报送第 1 版' }));
  const flash = await visibleText(page.getByRole('status'));
  const code = flash.match(/校验码 ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/)?.[1];
  assert.ok(code, `the flash gives the verification code: ${flash}`);
  assert.match(flash, /已报送第 1 版，校验码/, 'in time: the live week\'s deadline is a week away');
  assert.match(await visibleText(page.locator('.form-meta')), /状态：已提交/);
  assert.equal(await page.locator('form.upload').count(), 0, 'no upload forms while submitted');
  await screenshot(page, 'report-submitted', { fullPage: true });

  // the frozen version, and the code checked by someone who is not logged in
  await clickAndLoad(page, page.getByRole('link', { name: '第 1 版' }));
  assert.match(await visibleText(page.locator('#field-effect')), /居民参与热情高/);
  const anyone = await newMobilePage(browser);
  await visit(anyone, `/verify/${code.toLowerCase()}`);
  const facts = await visibleText(anyone.locator('main'));
  assert.ok(facts.includes(UNIT) && facts.includes('第 1 版') && !facts.includes('逾期'), facts);
  assert.ok(!facts.includes(USER), 'the verification page names no person');
  await anyone.context().close();
  // the browser logs the 415 of the refused file as a failed resource load; anything else is a fault
  assert.deepEqual(page.problems.filter((p) => !/status of 415/.test(p)), [], 'no script errors');
  await page.context().close();
});
