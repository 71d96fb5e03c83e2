// resources.test.mjs: a unit admin publishes an open learning resource; a
// resident on a 375 px phone, in large-text mode and without JavaScript, finds
// it in the library by kind and audience and reads its page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startBrowser, newMobilePage, login, clickAndLoad, visibleText, scrollWidth, fontSizePx, visibleBoxes,
  screenshot, PHONE, MIN_TAP_PX, MIN_BIG_TEXT_PX,
} from './lib.mjs';

const NAME = `长者智能手机体验室 ${process.pid}`;
const INSTITUTION = '东湖区社区教育学院';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('a unit admin publishes a resource; a resident finds it on a phone in large text', async () => {
  // the unit admin, on a phone too: dashboard → 学习资源 → 新增学习资源
  const staff = await newMobilePage(browser);
  await staff.goto('/');
  await login(staff, 'donghu_admin');
  await clickAndLoad(staff, staff.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '工作台' }));
  await clickAndLoad(staff, staff.locator('main').getByRole('link', { name: /^学习资源/ }));
  await clickAndLoad(staff, staff.getByRole('link', { name: '新增学习资源' }));
  await staff.getByLabel('资源类别').selectOption({ label: '设施设备' });
  await staff.getByLabel('资源名称').fill(NAME);
  await staff.getByLabel('开放单位').fill(INSTITUTION);
  await staff.getByLabel('地址', { exact: true }).fill('南京东路 235 号 2 楼');
  await staff.getByLabel('开放时间').fill('12月1日至7日 每天 9:00-17:00');
  await staff.getByLabel('老年人群').check();
  await staff.getByLabel('预约电话').fill('13912345678');
  await staff.getByLabel('资源简介').fill('十台平板电脑，志愿者手把手教用健康码和视频通话。');
  await clickAndLoad(staff, staff.getByRole('button', { name: '保存' }));
  assert.match(await visibleText(staff.locator('.flash')), /学习资源已保存/);
  await staff.context().close();

  // a resident: no JavaScript, large text, 375 px
  const page = await newMobilePage(browser, { javaScriptEnabled: false });
  await page.goto('/');
  await clickAndLoad(page, page.getByRole('button', { name: '长辈版（大字）' }));
  assert.equal(await page.locator('html').getAttribute('class'), 'big');
  await clickAndLoad(page, page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '学习资源' }));
  await page.getByRole('heading', { level: 1, name: '学习资源库' }).waitFor();
  await page.getByLabel('类别').selectOption({ label: '设施设备' });
  await page.getByLabel('面向对象').selectOption({ label: '老年人群' });
  await page.getByLabel('搜索').fill('体验室');
  await clickAndLoad(page, page.getByRole('button', { name: '查找' }));
  const card = page.getByRole('link', { name: NAME });
  await card.waitFor();
  assert.ok((await scrollWidth(page)) <= PHONE.width, 'the library scrolls sideways on a phone');
  const filters = await visibleBoxes(page.locator('form.filters select, form.filters input, form.filters button'));
  assert.deepEqual(filters.filter((b) => b.height < MIN_TAP_PX), [], 'filter controls too small to tap');
  assert.ok((await fontSizePx(page.locator('main .cards p'))) >= MIN_BIG_TEXT_PX, 'card text is small in large-text mode');
  await screenshot(page, 'resources-library-big');

  await clickAndLoad(page, card);
  await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
  const main = await visibleText(page.locator('main'));
  assert.match(main, /设施设备/);
  assert.match(main, new RegExp(INSTITUTION));
  assert.match(main, /老年人群/);
  assert.match(main, /可电话预约/);
  assert.doesNotMatch(main, /1391234|5678/, 'a phone number on the public page');
  assert.ok((await scrollWidth(page)) <= PHONE.width, 'the resource page scrolls sideways on a phone');
  assert.ok((await fontSizePx(page.locator('main dd'))) >= MIN_BIG_TEXT_PX, 'facts are small in large-text mode');
  await screenshot(page, 'resource-page-big', { fullPage: true });
  await page.context().close();
});
