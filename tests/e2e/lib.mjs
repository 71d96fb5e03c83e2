// lib.mjs: shared helpers for learnweek's browser tests.
//
// run.sh starts one server on a fresh demo data folder and passes:
//   LEARNWEEK_URL       base URL, e.g. http://127.0.0.1:41234
//   LEARNWEEK_ACCOUNTS  the demo-accounts.txt (username TAB password TAB role TAB unit)
//   LEARNWEEK_E2E_OUT   a folder for screenshots (optional)
//   CHROMIUM            the browser to drive (default: Debian's /usr/bin/chromium)
// The server's data is shared by every test file and accumulates: tests must use
// names of their own and must not assume what another file has or has not created.
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.LEARNWEEK_URL || '').replace(/\/$/, '');
if (!BASE_URL) throw new Error('LEARNWEEK_URL is not set: run the browser tests through tests/e2e/run.sh');

export const PHONE = { width: 375, height: 812 };
export const MIN_TAP_PX = 44;      // touch target height in large-text mode
export const MIN_BIG_TEXT_PX = 18; // body text size in large-text mode

let accountCache = null;

/** A demo-accounts.txt's accounts, keyed by username: {username, password, role, unit}. */
function readAccounts(file) {
  const map = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const [username, password, role, unit = ''] = line.split('\t');
    map.set(username, { username, password, role, unit });
  }
  return map;
}

/** The demo accounts of run.sh's server, keyed by username: {username, password, role, unit}. */
export function accounts() {
  if (accountCache) return accountCache;
  const file = process.env.LEARNWEEK_ACCOUNTS;
  if (!file) throw new Error('LEARNWEEK_ACCOUNTS is not set');
  accountCache = readAccounts(file);
  return accountCache;
}

/** Headless Debian chromium; playwright gives it a fresh, temporary profile. */
export async function startBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * A page in a new context (own cookies) that looks like a phone: 375 CSS px wide,
 * deviceScaleFactor 2, touch, zh-CN. opts: {javaScriptEnabled, viewport}.
 */
export async function newMobilePage(browser, opts = {}) {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport: opts.viewport || PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.problems = problems; // tests may assert that a page logged no errors
  return page;
}

/** Goes to path and fails unless the server answered with `status` (default 200). */
export async function visit(page, path, status = 200) {
  const res = await page.goto(path);
  assert.equal(res.status(), status, `GET ${path}`);
  return res;
}

/** Clicks something that submits a form or follows a link and waits for the next page. */
export async function clickAndLoad(page, locator) {
  await Promise.all([
    page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }),
    locator.click(),
  ]);
  await page.waitForLoadState('load');
}

/** Logs in through the login form, as a person would, and checks the header says so;
 * the account is one of accts (another server's, startProvinceServer's), else run.sh's. */
export async function login(page, username, accts = accounts()) {
  const acct = accts.get(username);
  assert.ok(acct, `no demo account named ${username}`);
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '工作人员登录' }).click();
  await page.getByRole('heading', { level: 1, name: '工作人员登录' }).waitFor();
  await page.getByLabel('用户名').fill(acct.username);
  await page.getByLabel('密码').fill(acct.password);
  await clickAndLoad(page, page.getByRole('button', { name: '登录' }));
  await page.getByRole('button', { name: `退出（${username}）` }).waitFor();
}

/** The page's visible text, whitespace collapsed. */
export async function visibleText(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** Document width in CSS px (more than the viewport means sideways scrolling). */
export async function scrollWidth(page) {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
}

/** Computed font size in px of the first element the locator matches. */
export async function fontSizePx(locator) {
  return locator.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

/**
 * Every visible element the locator matches, with its label and rendered box:
 * [{text, width, height}].
 */
export async function visibleBoxes(locator) {
  const out = [];
  for (const el of await locator.all()) {
    if (!(await el.isVisible())) continue;
    const box = await el.boundingBox();
    const text = (await el.innerText()).trim() || (await el.getAttribute('aria-label')) || '?';
    out.push({ text, width: box.width, height: box.height });
  }
  return out;
}

/**
 * Table cells squeezed on a narrow screen: cells with more than `longerThan`
 * characters of text whose text box is under `minEm` em wide (a title read two
 * characters a line). [{text, em}]. A table may scroll sideways instead.
 */
export async function squeezedCells(locator, { longerThan = 5, minEm = 3 } = {}) {
  return locator.locator('td, th').evaluateAll((cells, [n, minEm]) => cells
    .filter((c) => c.getClientRects().length && [...c.innerText.trim()].length > n)
    .map((c) => {
      const st = getComputedStyle(c);
      const inner = c.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
      return { text: c.innerText.trim().slice(0, 20), em: Math.round(100 * inner / parseFloat(st.fontSize)) / 100 };
    })
    .filter((c) => c.em < minEm), [longerThan, minEm]);
}

/**
 * WCAG contrast ratio of each visible element's text colour against the
 * background behind it (the nearest ancestor with a non-transparent background,
 * composited over white). [{text, fg, bg, ratio}].
 */
export async function contrasts(locator) {
  return locator.evaluateAll((els) => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const over = (top, under) => ({
      r: top.r * top.a + under.r * (1 - top.a),
      g: top.g * top.a + under.g * (1 - top.a),
      b: top.b * top.a + under.b * (1 - top.a), a: 1,
    });
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
      }
      let bg = { r: 255, g: 255, b: 255, a: 1 };
      for (const c of layers.reverse()) bg = over(c, bg);
      return bg;
    };
    const lum = ({ r, g, b }) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    return els
      .filter((el) => el.getClientRects().length && el.innerText.trim())
      .map((el) => {
        const bg = background(el);
        const fg = over(parse(getComputedStyle(el).color), bg);
        const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
        const rgb = (c) => `rgb(${Math.round(c.r)},${Math.round(c.g)},${Math.round(c.b)})`;
        return { text: el.innerText.trim().slice(0, 20), fg: rgb(fg), bg: rgb(bg), ratio: (hi + 0.05) / (lo + 0.05) };
      });
  });
}

/**
 * Saves a screenshot to LEARNWEEK_E2E_OUT (if set) as NAME.png, what the screen
 * shows, or the whole page with {fullPage: true}; returns the path.
 * {scale: 'css'} takes one image pixel per CSS pixel (375 px wide on a phone)
 * instead of the device's two.
 */
export async function screenshot(page, name, { fullPage = false, scale = 'device' } = {}) {
  const dir = process.env.LEARNWEEK_E2E_OUT;
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage, scale });
  return path;
}

/**
 * A server of the test file's own on `learnweek demo --province` (run.sh's holds the
 * single-city demo): {base, accounts (as accounts() gives them; for login()), data (its data
 * folder, for the command line beside it), bin, stop()}. The binary is
 * run.sh's (LEARNWEEK_BIN), else ./learnweek.
 */
export async function startProvinceServer() {
  const { spawn, spawnSync } = await import('node:child_process');
  const { mkdtempSync, existsSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { fileURLToPath } = await import('node:url');
  const bin = process.env.LEARNWEEK_BIN || fileURLToPath(new URL('../../learnweek', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'learnweek-province-'));
  const data = join(dir, 'data'), portFile = join(dir, 'port');
  const demo = spawnSync(bin, ['demo', '--province', '--data', data], { encoding: 'utf8' });
  assert.equal(demo.status, 0, `learnweek demo --province failed: ${demo.stderr}`);
  const accounts = readAccounts(join(data, 'demo-accounts.txt'));
  const server = spawn(bin, ['serve', '--data', data, '--listen', '127.0.0.1:0', '--port-file', portFile], { stdio: 'ignore' });
  const port = () => (existsSync(portFile) ? readFileSync(portFile, 'utf8').trim() : '');
  for (let i = 0; i < 100 && !/^\d+$/.test(port()); i++) await new Promise((r) => setTimeout(r, 100));
  assert.match(port(), /^\d+$/, 'the province demo server did not start');
  return {
    base: `http://127.0.0.1:${port()}`,
    accounts,
    data,
    bin,
    async stop() {
      server.kill();
      if (server.exitCode === null) await new Promise((r) => server.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
