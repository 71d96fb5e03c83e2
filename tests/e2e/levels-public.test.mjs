// levels-public.test.mjs: the province's public calendar on a 375 px phone
// without JavaScript (issue 17). A resident opens the filters, picks a city
// (市), sees that city's activities only, each with its city and county, then
// picks one of the city's units. The province demo runs on a server of this
// file's own (run.sh's server has the single-city demo).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, newMobilePage, clickAndLoad, scrollWidth, screenshot, PHONE, startProvinceServer } from './lib.mjs';

let browser, province, base;

before(async () => {
  province = await startProvinceServer();
  base = province.base;
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  await province?.stop();
});

async function metas(page) {
  return (await page.locator('ul.acts .act-meta').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function assertFits(page, where) {
  const w = await scrollWidth(page);
  assert.ok(w <= PHONE.width, `${where}: page is ${w}px wide on a ${PHONE.width}px screen`);
}

test('a resident filters the province calendar by city and then by county, on a phone without JavaScript', async () => {
  const page = await newMobilePage(browser, { javaScriptEnabled: false });
  const res = await page.goto(`${base}/`);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['set-cookie'], undefined, 'a public page sets no cookie');
  // every activity names its city and county
  const all = await metas(page);
  assert.ok(all.length > 0, 'the province calendar lists activities');
  assert.ok(all.every((m) => /^南昌市 · \S+ · /.test(m)), `city and county on each: ${all.slice(0, 3)}`);
  await assertFits(page, 'the province calendar');

  // the filters fold away on a phone; the 市 list is among them
  await page.getByText('按日期、单位等筛选').click();
  const city = page.getByLabel('市', { exact: true });
  assert.deepEqual(await city.locator('option').allInnerTexts(), ['全部', '南昌市', '九江市', '赣州市']);
  await city.selectOption({ label: '南昌市' });
  await clickAndLoad(page, page.getByRole('button', { name: '查找活动' }));
  assert.match(page.url(), /[?&]city=\d+/);
  const nanchang = await metas(page);
  assert.ok(nanchang.length > 0 && nanchang.every((m) => m.startsWith('南昌市 · ')), '南昌市 only');
  await assertFits(page, '南昌市 chosen');
  await screenshot(page, 'levels-public-city');

  // the city chosen, its units are offered
  const unit = page.getByLabel('单位', { exact: true });
  await unit.selectOption({ label: '东湖区' });
  await clickAndLoad(page, page.getByRole('button', { name: '查找活动' }));
  const donghu = await metas(page);
  assert.ok(donghu.length > 0 && donghu.every((m) => m.startsWith('南昌市 · 东湖区 · ')), `东湖区 only: ${donghu.slice(0, 3)}`);

  // another city, the unit still set in the form: the city wins; 九江市 has no activities in the demo
  await page.getByLabel('市', { exact: true }).selectOption({ label: '九江市' });
  await clickAndLoad(page, page.getByRole('button', { name: '查找活动' }));
  await page.getByText('没有找到符合条件的活动').waitFor();
  assert.equal(await page.getByLabel('单位', { exact: true }).inputValue(), '', 'no unit of another city stays chosen');
  assert.deepEqual(await metas(page), []);
  await assertFits(page, '九江市 chosen');
});
