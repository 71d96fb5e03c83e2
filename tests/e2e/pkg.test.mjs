// pkg.test.mjs: the signed package between two installs in the browser (issue 17).
// 南昌市 runs its own install (../cli/pkg_city.sh: a city demo, 2022's city form
// finalised, a key pair) and exports its 定稿 with the stamped scan under the code the
// province knows it by; the province's admin (a province demo of this file's own), on a
// 375 px phone, pastes the city's public key on /admin/units/:unit/package (no command
// line), uploads the package there and lands on the review of 南昌市's new version with
// the city's figures, and its board lists 南昌市 as 已提交 (with no drift against records
// the province does not hold). The top's own key page makes a key pair and shows it with
// a copy button.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowser, newMobilePage, clickAndLoad, visibleText, scrollWidth, screenshot, login, startProvinceServer, PHONE } from './lib.mjs';

let browser, province, dir, pkg, key;

function cli(args, env = {}) {
  const bin = province.bin;
  const r = spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(r.status, 0, `learnweek ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function sql(data, query) {
  const bin = province.bin;
  const r = spawnSync(bin, ['sql', '--data', data], { input: query, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

before(async () => {
  province = await startProvinceServer();
  dir = mkdtempSync(join(tmpdir(), 'learnweek-pkg-'));
  const city = join(dir, 'city');
  // execFileSync throws, with the script's stderr, when it fails
  const made = execFileSync('sh', [fileURLToPath(new URL('../cli/pkg_city.sh', import.meta.url)), province.bin, city], { encoding: 'utf8' });
  key = made.trim().split('\n').pop();
  writeFileSync(join(dir, 'scan.pdf'), '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  pkg = join(dir, '南昌市-2022.zip');
  cli(['package', 'export', '--data', city, '--year', '2022', '--out', pkg, '--as', 'nanchang', '--scan', join(dir, 'scan.pdf')],
    { LEARNWEEK_DATABASE: '' });
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  await province?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the province imports the city\'s package and sees it on the board', async () => {
  const page = await newMobilePage(browser, { viewport: PHONE });
  await page.goto(`${province.base}/`);
  await login(page, 'centre_admin', province.accounts);
  const unit = sql(province.data, "SELECT id FROM units WHERE code = 'nanchang';");
  const week = sql(province.data, 'SELECT id FROM weeks WHERE year = 2022 AND unit_id = (SELECT id FROM units WHERE parent_id IS NULL);');
  const res = await page.goto(`${province.base}/admin/units/${unit}/package`);
  assert.equal(res.status(), 200);
  await page.getByRole('heading', { level: 1, name: '导入南昌市的材料包' }).waitFor();
  assert.match(await visibleText(page.locator('main')), /还没有登记南昌市的公钥/);
  assert.ok(await scrollWidth(page) <= PHONE.width, 'the key and upload page fits a 375 px phone');
  await screenshot(page, 'pkg-form-phone', { fullPage: true });
  // the key as the city's clerk sent it, pasted with a blank around it
  await page.locator('#f-key').fill(` ${key} `);
  await clickAndLoad(page, page.getByRole('button', { name: '登记公钥' }));
  await page.getByRole('status').filter({ hasText: '已登记南昌市的公钥，指纹' }).waitFor();
  assert.equal(sql(province.data, "SELECT package_key FROM units WHERE code = 'nanchang';"), key);
  assert.match(await visibleText(page.locator('#key')), /已登记的公钥：指纹 [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}/);
  assert.ok(await scrollWidth(page) <= PHONE.width, 'the registered key fits a 375 px phone');
  await screenshot(page, 'pkg-key-phone', { fullPage: true });
  await page.getByLabel('材料包（.zip）').setInputFiles(pkg);
  await clickAndLoad(page, page.getByRole('button', { name: '核对并导入' }));
  await page.getByRole('status').filter({ hasText: '已导入南昌市 2022 年的材料包，记为第 1 版报送材料' }).waitFor();
  const review = await visibleText(page.locator('main'));
  assert.match(review, /南昌市/);
  assert.match(review, /9622 人次/, 'the review shows the city\'s frozen figures');
  await screenshot(page, 'pkg-review-phone', { fullPage: true });

  await page.goto(`${province.base}/admin/board?week=${week}`);
  const row = page.locator('table.board tbody tr', { hasText: '南昌市' }).first();
  const text = await visibleText(row);
  assert.match(text, /已提交/, `南昌市 on the board: ${text}`);
  // its records are on the city's install: nothing here to compare the version with
  assert.doesNotMatch(text, /提交后记录有变动/, `南昌市 on the board: ${text}`);
  await screenshot(page, 'pkg-board-phone', { fullPage: true });
  assert.deepEqual(page.problems, []);
});

test('the top makes its own key pair and shows it with a copy button', async () => {
  const page = await newMobilePage(browser, { viewport: PHONE });
  await page.goto(`${province.base}/`);
  await login(page, 'centre_admin', province.accounts);
  await page.goto(`${province.base}/admin/units`);
  await clickAndLoad(page, page.getByRole('link', { name: '本系统的材料包公钥' }));
  await clickAndLoad(page, page.getByRole('button', { name: '生成密钥' }));
  await page.getByRole('status').filter({ hasText: '已生成材料包密钥' }).waitFor();
  const own = sql(province.data, "SELECT value FROM settings WHERE key = 'package_public_key';");
  assert.equal(await page.getByLabel(/把这 44 个字符完整发给上一级/).inputValue(), own);
  await page.getByRole('button', { name: '复制公钥' }).waitFor(); // shown by the script
  assert.ok(await scrollWidth(page) <= PHONE.width, 'the own key page fits a 375 px phone');
  await screenshot(page, 'pkg-own-key-phone', { fullPage: true });
  assert.deepEqual(page.problems, []);
});
