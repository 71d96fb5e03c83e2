// pkg.test.mjs: the signed package between two installs in the browser (issue 17).
// 南昌市 runs its own install (../cli/pkg_city.sh: a city demo, 2022's city form
// finalised, a key pair) and exports its 定稿 with the stamped scan under the code the
// province knows it by; the province (a province demo of this file's own) trusts the
// key on its command line; its admin, on a 375 px phone, uploads the package through
// /admin/units/:unit/package and lands on the review of 南昌市's new version with the
// city's figures, and its board lists 南昌市 as 已提交 (with no drift against records the
// province does not hold).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowser, newMobilePage, clickAndLoad, visibleText, scrollWidth, screenshot, login, startProvinceServer, PHONE } from './lib.mjs';

let browser, province, dir, pkg;

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
  const key = made.trim().split('\n').pop();
  writeFileSync(join(dir, 'scan.pdf'), '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  pkg = join(dir, '南昌市-2022.zip');
  cli(['package', 'export', '--data', city, '--year', '2022', '--out', pkg, '--as', 'nanchang', '--scan', join(dir, 'scan.pdf')],
    { LEARNWEEK_DATABASE: '' });
  cli(['package', 'trust', '--data', province.data, '--unit', 'nanchang', '--key', key]);
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
  assert.ok(await scrollWidth(page) <= PHONE.width, 'the upload page fits a 375 px phone');
  await screenshot(page, 'pkg-form-phone');
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
