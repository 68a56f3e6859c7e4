// End-to-end: the built site (dist/) in headless Chromium, served from the root and from a
// sub-path. Checks the shell (title, the panels, language switch, one column on a phone),
// that the console stays free of errors, and keeps screenshots in test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launchBrowser } from './browser.mjs';

const DIST = process.env.DIST_DIR ?? 'dist';
const ARTIFACTS = process.env.ARTIFACTS_DIR ?? 'test-artifacts';
const PANELS_ZH = ['程序', 'nc 终端', '时间线', '调用', '控制台', '文字版', '状态', '流处理统计', '对比'];
const PANELS_EN = ['Program', 'nc terminal', 'Timeline', 'Calls', 'Console', 'Text mirror', 'State', 'Streaming statistics', 'Compare'];

let context;
let browser;

before(async () => {
  assert.ok(existsSync(join(DIST, 'index.html')), `${DIST}/index.html is missing: run trunk build`);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchBrowser({ locale: 'zh-CN' });
  context = browser.context;
});

after(async () => {
  await browser?.close();
});

/** Opens the site at `url` in a fresh page; returns the page and the errors it logs. */
async function open(url, viewport = { width: 1280, height: 800 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`requestfailed: ${req.url()}`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('section.panel', { timeout: 30_000 });
  return { page, errors };
}

const titles = (page) =>
  page.$$eval('section.panel', (els) => els.map((e) => e.getAttribute('aria-label')));

for (const base of ['/', '/some/sub/path/']) {
  const name = base === '/' ? 'root' : 'subpath';

  test(`shell loads from ${base} without console errors`, async () => {
    const server = await serve(DIST, base);
    try {
      const { page, errors } = await open(server.url);
      assert.equal(await page.title(), 'DStream Playground');
      assert.equal(await page.textContent('h1'), 'DStream Playground');
      assert.deepEqual(await titles(page), PANELS_ZH);
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      // First visit: paused at 0, with the hint to press play.
      assert.match(await page.textContent('.hint'), /hello hi hi/);
      await page.screenshot({ path: join(ARTIFACTS, `shell-${name}-zh.png`), fullPage: true });

      await page.click('button[data-lang="en"]');
      await page.waitForSelector('section[aria-label="Program"]');
      assert.deepEqual(await titles(page), PANELS_EN);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.screenshot({ path: join(ARTIFACTS, `shell-${name}-en.png`), fullPage: true });

      assert.deepEqual(errors, [], 'no console errors, page errors or failed requests');
      await page.close();
    } finally {
      await server.close();
    }
  });
}

test('panels stack in one column on a phone', async () => {
  const server = await serve(DIST, '/');
  try {
    const { page, errors } = await open(server.url, { width: 390, height: 844 });
    const boxes = await page.$$eval('section.panel', (els) =>
      els.map((e) => e.getBoundingClientRect().toJSON()),
    );
    assert.equal(boxes.length, PANELS_ZH.length);
    for (const box of boxes) assert.equal(box.x, boxes[0].x, 'every panel starts at the same x');
    for (let i = 1; i < boxes.length; i++) assert.ok(boxes[i].y > boxes[i - 1].y, 'stacked top to bottom');
    await page.screenshot({ path: join(ARTIFACTS, 'shell-phone.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await server.close();
  }
});
