// chain.test.mjs: 定稿 → 盖章 → 报送 → 核验 (issue 13). A county clerk finalises
// the form, downloads the final PDF (its code and QR in the footer, no 草稿 mark:
// checked with pdftotext and zbarimg), uploads the stamped scan, submits; a reader
// opens the QR's address and sees every figure of the clerk's form, row by row;
// after a late activity the clerk re-finalises, and the old code then reads
// 已被第 2 版取代. Uses 安义县 in the demo's live week, where it is still filling
// in; no other file touches it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowser, newMobilePage, visit, login, clickAndLoad, visibleText, screenshot, BASE_URL } from './lib.mjs';

const USER = 'anyi_admin';
const UNIT = '安义县';
const WEEK = 2; // the demo's live week

let browser, dir;
before(async () => { browser = await startBrowser(); dir = mkdtempSync(join(tmpdir(), 'lw-chain-')); });
after(async () => { await browser?.close(); rmSync(dir, { recursive: true, force: true }); });

/** Runs a command of poppler-utils or zbar-tools; a missing one fails naming its package. */
function run(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error(`${cmd} is missing: Debian package ${cmd === 'zbarimg' ? 'zbar-tools' : 'poppler-utils'}`);
    throw e;
  }
}

/** Each row of the form on the page (#field-KEY) and what its value says, sources and notes aside. */
async function figures(page) {
  return page.locator('tr[id^="field-"]').evaluateAll((rows) => Object.fromEntries(rows.map((tr) => [
    tr.id,
    [...tr.querySelectorAll('td > p:not(.source)')].map((p) => p.innerText.trim()).join('\n'),
  ])));
}

function pdf(note) {
  return Buffer.from(`%PDF-1.4\n% ${note} ${Date.now()}\n%%EOF\n`);
}

test('finalise, print, stamp, submit; the QR shows the same figures; a new 定稿 replaces the old', async () => {
  const page = await newMobilePage(browser);
  page.on('dialog', (d) => d.accept()); // 报送 asks to confirm
  await visit(page, '/');
  await login(page, USER);
  const href = await page.getByRole('link', { name: '本单位账号' }).first().getAttribute('href');
  const unit = +href.match(/\/units\/(\d+)\//)[1];
  const at = (path) => `/units/${unit}/${path}?week=${WEEK}`;

  await visit(page, at('report'));
  const form1 = await figures(page);
  const count1 = form1['field-activity_count'];
  assert.match(count1, /^\d+ 场/);
  assert.ok(Object.keys(form1).length >= 15, `every row of the form: ${Object.keys(form1)}`);

  // the required documents, then 定稿
  await visit(page, at('submission'));
  for (const [kind, label, name] of [['summary', '工作总结', '安义县工作总结.pdf'], ['case', '典型活动案例', '安义县典型案例.pdf']]) {
    await page.locator(`#kind-${kind}`).getByLabel(`选择${label}文件`).setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(label) });
    await page.locator(`#kind-${kind}`).getByRole('button', { name: `上传${label}` }).click();
    await page.getByText(`已上传${label}「${name}」`).waitFor();
  }
  assert.equal(await page.locator('#kind-scan input[type=file]').count(), 0, 'no scan before 定稿');
  await clickAndLoad(page, page.getByRole('button', { name: '定稿第 1 版' }));
  const flash = await visibleText(page.getByRole('status'));
  await screenshot(page, 'chain-finalised-375', { fullPage: true });
  const code1 = flash.match(/校验码 ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/)?.[1];
  assert.ok(code1, `the flash gives the code: ${flash}`);

  // the final PDF: code and digest printed, the QR of the verify page, no watermark
  const res = await page.request.get(await page.getByRole('link', { name: '下载定稿 PDF' }).getAttribute('href'));
  assert.equal(res.status(), 200);
  const file = join(dir, 'final-v1.pdf');
  writeFileSync(file, await res.body());
  const text = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  assert.ok(text.includes(`校验码：${code1}`) && text.includes('摘要 SHA-256'), text);
  assert.ok(!text.includes('草稿'), 'no 草稿 on the final form');
  run('pdftoppm', ['-r', '200', '-png', '-singlefile', file, join(dir, 'final-v1')]);
  const qr = run('zbarimg', ['-q', '--raw', join(dir, 'final-v1.png')]).trim();
  assert.equal(qr, `${BASE_URL}/verify/${code1.replaceAll('-', '')}`, 'the QR is the configured address of the verify page');

  // the stamped scan of that version, then 报送
  await page.locator('#kind-scan').getByLabel('选择盖章扫描件文件').setInputFiles({ name: '安义县总结表盖章扫描件.pdf', mimeType: 'application/pdf', buffer: await res.body() });
  await page.locator('#kind-scan').getByRole('button', { name: '上传盖章扫描件' }).click();
  await page.getByText('已上传盖章扫描件「安义县总结表盖章扫描件.pdf」').waitFor();
  assert.equal(await page.locator('#kind-scan .warning').count(), 0, 'the scan carries its own code: no warning');
  await clickAndLoad(page, page.getByRole('button', { name: '报送第 1 版' }));
  assert.match(await visibleText(page.getByRole('status')), new RegExp(`已报送第 1 版，校验码 ${code1}`));

  // a reader with the printout opens the QR's address
  const reader = await newMobilePage(browser);
  await visit(reader, new URL(qr).pathname);
  assert.match(await visibleText(reader.locator('#verify-status')), /最新版/);
  // every row of the clerk's form, value by value (the sources aside: the reader's are the frozen ones)
  assert.deepEqual(await figures(reader), form1, 'the same figures as the form');
  await screenshot(reader, 'chain-verify-375', { fullPage: true });
  const facts = await visibleText(reader.locator('main'));
  assert.ok(facts.includes(UNIT) && facts.includes('第 1 版') && !facts.includes(USER), facts);

  // a late activity: the report says so, and the clerk re-finalises
  const day = await page.evaluate(() => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10));
  await visit(page, `/units/${unit}/activities/new`);
  await page.getByLabel('活动名称').fill(`补录的读书会${Date.now() % 100000}`);
  await page.getByLabel(/^主办单位/).fill('安义县图书馆');
  await page.getByLabel('开展“智慧助老”专题宣传展示活动').check();
  await page.getByLabel('开始时间').fill(`${day}T07:00`);
  await page.getByLabel('结束时间').fill(`${day}T07:30`);
  await page.getByLabel('活动地点').fill('安义县图书馆');
  await clickAndLoad(page, page.getByRole('button', { name: '保存并发布' }));
  await visit(page, at('report'));
  const changed = await visibleText(page.locator('#changed-since'));
  assert.match(changed, /提交后记录有变动/);
  assert.ok(changed.includes(`全区参与活动的数量：${count1.split('：')[0]}`), changed);
  await screenshot(page, 'chain-changed-since-375', { fullPage: true });
  await clickAndLoad(page, page.getByRole('button', { name: '重新定稿并报送' }));
  assert.match(await visibleText(page.getByRole('status')), /已定稿第 2 版/);

  await visit(reader, new URL(qr).pathname);
  assert.match(await visibleText(reader.locator('#verify-status')), /已被第 2 版取代/);
  await reader.context().close();
  assert.deepEqual(page.problems, [], 'no script errors');
  await page.context().close();
});
