// staff-crawl.test.mjs: every staff page a person can reach by following links,
// as the centre, as a unit's admin and as a unit's clerk (made here), at 1366 px.
// No page may show an escaped tag (&lt; or a literal <span), an error code
// (错误代码), a refusal (4xx/5xx) behind a link, or an English word outside a
// short list of names (PDF, Word, Excel, ZIP, QR, URL ...). Account names (ASCII
// by design) and what sits in <code> (verification codes, tokens) are names too.
// At 1366 px no page or table scrolls sideways and no short heading, badge or
// date breaks inside a word (已提/交).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, newMobilePage, visit, login, clickAndLoad, accounts, screenshot } from './lib.mjs';

const LAPTOP = { width: 1366, height: 768 };
// names, compared without case: formats and file name endings, units, standards, LED (a screen: LED屏)
const ALLOWED = new Set(['pdf', 'docx', 'doc', 'word', 'excel', 'xlsx', 'xls', 'csv', 'txt', 'zip', 'qr', 'url', 'api',
  'json', 'ics', 'kb', 'mb', 'gb', 'sha-256', 'bearer', 'authorization', 'http', 'https', 'id', 'wps', 'mp4', 'jpeg',
  'png', 'jpg', 'utf-8', 'utf-16', 'gbk', 'gb18030', 'bom', 'led', 'app']);
const MAX_PAGES = 260;     // a bound, far above what the links reach once each kind is visited
const PER_PATTERN = 2;     // /units/7/activities/12 and /units/7/activities/13 are one page kind
const stamp = Date.now() % 1_000_000;

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** Staff pages, not downloads (a file has no words to read) and not the public site. */
function crawlable(url) {
  if (!/^\/(admin|units|accounts|account|submissions|imports|tokens)(\/|$|\?)/.test(url.pathname)) return false;
  if (/\.(pdf|docx|xlsx|zip|ics|csv|png|jpg|svg)$/.test(url.pathname)) return false;
  if (/\/(attachments|file|photos?|download|template)(\/|$)/.test(url.pathname)) return false;
  if (/\/photos\/\d+/.test(url.pathname)) return false;
  if (url.searchParams.has('inline')) return false;
  return true;
}

/** One kind of page: the path with its numbers taken out, and the names of its query's fields. */
function pattern(url) {
  return url.pathname.replace(/\d+/g, 'N') + '?' + [...url.searchParams.keys()].filter((k) => k !== 'week').sort().join('&');
}

/** What a person reads on the page, without names (in <code>) and without the account names in `names`. */
async function problemsOn(page, names) {
  const text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true);
    for (const el of clone.querySelectorAll('code, kbd, script, style, .visually-hidden')) el.remove();
    document.body.appendChild(clone); clone.style.position = 'absolute'; clone.style.left = '-99999px';
    clone.querySelectorAll('details:not([open])').forEach((d) => { [...d.children].forEach((c) => { if (c.tagName !== 'SUMMARY') c.remove(); }); });
    const t = clone.innerText; clone.remove();
    return t;
  });
  const found = [];
  if (text.includes('&lt;') || text.includes('&gt;') || /<\/?(span|strong|a|p|br|em)\b/.test(text)) found.push('an escaped tag');
  if (text.includes('错误代码')) found.push('错误代码');
  for (const w of text.match(/[A-Za-z][A-Za-z0-9_.\-@]*[A-Za-z0-9]|[A-Za-z]/g) || []) {
    if (ALLOWED.has(w.toLowerCase()) || names.has(w)) continue;
    if (/^(https?|www)\b/.test(w) || /\.(cn|com|org|gov|net)$/.test(w)) continue; // addresses typed into records
    found.push(`English word "${w}"`);
  }
  // at 1366 px: nothing scrolls sideways, and no short heading, badge or date breaks inside
  const layout = await page.evaluate(() => {
    const out = [];
    if (document.documentElement.scrollWidth > window.innerWidth) out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    for (const w of document.querySelectorAll('.table-wrap')) {
      if (w.getClientRects().length && w.scrollWidth > w.clientWidth + 1) out.push(`a table scrolls sideways (${w.scrollWidth} > ${w.clientWidth} px)`);
    }
    const lines = (el) => {
      const r = document.createRange(); r.selectNodeContents(el);
      return new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
    };
    for (const el of document.querySelectorAll('th, .badge, .when')) {
      const t = el.innerText.trim();
      if (!el.getClientRects().length || !t || [...t].length > 10 || el.querySelector('br')) continue;
      if (lines(el) > 1) out.push(`"${t}" breaks inside`);
    }
    return out;
  });
  found.push(...layout);
  return [...new Set(found)];
}

async function crawl(page, start, names, label) {
  const seen = new Set(), perPattern = new Map(), queue = [start], bad = [];
  let visited = 0;
  while (queue.length && visited < MAX_PAGES) {
    const path = queue.shift();
    const url = new URL(path, page.url());
    const key = url.pathname + url.search;
    if (seen.has(key)) continue;
    seen.add(key);
    const pat = pattern(url);
    if ((perPattern.get(pat) || 0) >= PER_PATTERN) continue;
    perPattern.set(pat, (perPattern.get(pat) || 0) + 1);
    const res = await page.goto(key);
    visited++;
    if (res.status() >= 400) { bad.push(`${key}: ${res.status()}`); continue; }
    if (!(res.headers()['content-type'] || '').startsWith('text/html')) continue;
    for (const p of await problemsOn(page, names)) bad.push(`${key}: ${p}`);
    const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of links) {
      if (!href || href.startsWith('#') || href.startsWith('mailto:')) continue;
      const u = new URL(href, url);
      if (u.origin !== new URL(page.url()).origin || !crawlable(u)) continue;
      queue.push(u.pathname + u.search);
    }
  }
  assert.ok(visited > 10, `${label}: the crawl reached ${visited} pages`);
  return { visited, bad };
}

test('no staff page shows an escaped tag, an error code or an English word', async () => {
  const names = new Set([...accounts().keys()]);
  for (const n of [...names]) for (const part of n.split(/[_.\-]/)) names.add(part);
  const clerkName = `e2e_clerk_${stamp}`;
  names.add(clerkName); names.add('e2e'); names.add('clerk'); names.add(String(stamp));
  names.add('demo'); // the account name the demo loader writes its records under, in the audit log

  // a unit's admin adds a clerk (填报员) to the unit, as the unit's accounts page offers
  const admin = await newMobilePage(browser, { viewport: LAPTOP });
  admin.on('dialog', (d) => d.dismiss()); // no link or button here should ask; none is pressed
  await visit(admin, '/');
  await login(admin, 'donghu_admin');
  const unitId = (await admin.getByRole('link', { name: '本单位账号', exact: true }).getAttribute('href')).split('/')[2];
  await visit(admin, `/units/${unitId}/accounts/new`);
  await admin.getByLabel('用户名').fill(clerkName);
  await admin.getByLabel('姓名').fill('浏览器填报员');
  await admin.getByLabel('角色').selectOption('unit_editor');
  await admin.getByLabel('初始密码').fill('crawl-clerk-pass-1');
  await clickAndLoad(admin, admin.getByRole('button', { name: '创建账号' }));

  // every account's name, whoever made it (other test files share the server)
  const centre = await newMobilePage(browser, { viewport: LAPTOP });
  await visit(centre, '/');
  await login(centre, 'centre_admin');
  await visit(centre, '/admin/accounts');
  for (const n of await centre.locator('main table tbody tr td:first-child').allInnerTexts()) {
    names.add(n.trim());
    for (const part of n.trim().split(/[_.\-]/)) names.add(part);
  }

  const report = [];
  const a = await crawl(admin, '/admin', names, 'unit admin');
  report.push(...a.bad.map((x) => `unit admin ${x}`));

  const clerk = await newMobilePage(browser, { viewport: LAPTOP });
  await visit(clerk, '/login');
  await clerk.getByLabel('用户名').fill(clerkName);
  await clerk.getByLabel('密码').fill('crawl-clerk-pass-1');
  await clickAndLoad(clerk, clerk.getByRole('button', { name: '登录' }));
  const c = await crawl(clerk, '/admin', names, 'unit clerk');
  report.push(...c.bad.map((x) => `unit clerk ${x}`));

  const z = await crawl(centre, '/admin', names, 'centre');
  report.push(...z.bad.map((x) => `centre ${x}`));
  await visit(centre, '/admin/audit');
  await screenshot(centre, 'crawl-centre-audit');

  console.log(`crawled: unit admin ${a.visited}, clerk ${c.visited}, centre ${z.visited} pages`);
  assert.deepEqual(report, [], `pages that show what a user should not see:\n${report.join('\n')}`);
  for (const p of [admin, clerk, centre]) await p.context().close();
});
