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

// The words of the page itself (headings, labels, buttons, captions, notes, ARIA names) that
// may stay in Latin letters in Chinese: the product's name, Spark's and Scala's own names
// (functions, methods, settings), commands and units. Everything else must be translated;
// program text, typed lines, output and data cells are skipped.
const LATIN_IN_ZH = new Set([
  'DStream', 'Playground', 'Spark', 'Streaming', 'Scala', 'JSON',
  'nc', 'lk', 'ms', 'vs', 'job', 'task', 'driver', 'local', 'numPartitions', 'ssc.checkpoint',
  'reduceFunc', 'invReduceFunc', 'mapFunc', 'reduceByKeyAndWindow', 'reduceByKey', 'window',
  'updateStateByKey', 'mapWithState', 'print', 'Thread.sleep', 'conf.set', 'playground.cost.jobMs',
]);

/**
 * The page's own words matching `pattern` (a regular expression's source), with where each
 * was found: text and ARIA names, titles and placeholders, outside what the learner typed or
 * the program printed and outside program text, keys and counts.
 */
function ownWords(page, pattern) {
  return page.evaluate((pattern) => {
    const cells = '.term-line .text, .console, .call-list, .timeline-svg g.tl-lines, '
      + '.mirror-table td, .calls-grid td, .calls-grid th[scope=row], .state-table td, '
      + '.state-table th[scope=row], .stats-table td, .compare-table td, .compare-table th[scope=row]';
    const code = 'code, pre, kbd, textarea, input, select, .editor';
    const words = new Map();
    // An element marked with a language of its own (the language switch's names) is skipped.
    const own = (el) => el.closest('[lang]') === document.documentElement;
    const add = (text, where) => {
      for (const w of text.match(new RegExp(pattern, 'g')) ?? []) words.set(w, where);
    };
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (el && own(el) && !el.closest(`${cells}, ${code}`)) add(n.textContent, el.outerHTML.slice(0, 80));
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (!own(el) || el.closest(cells)) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        if (el.hasAttribute(a)) add(el.getAttribute(a), `${a} of ${el.outerHTML.slice(0, 80)}`);
      }
    }
    return [...words];
  }, pattern);
}

test('in Chinese, the page has no English words of its own, and in English no Chinese', async () => {
  const server = await serve(DIST, '/');
  try {
    const { page, errors } = await open(server.url);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    for (let i = 0; i < 7; i++) await page.click('button.step');
    await page.click('.calls-grid td.cell .cell-button');
    await page.click('.compare-pair[data-pair="inverse"]');
    await page.waitForSelector('.compare-table');
    await page.click('button.help-button');
    await page.waitForSelector('.shortcuts');
    const found = await ownWords(page, '[A-Za-z][A-Za-z.]*[A-Za-z]');
    const english = found.filter(([w]) => !LATIN_IN_ZH.has(w));
    assert.deepEqual(english, [], 'words left in English');
    // The test reads what it should: the allowed names are there.
    const seen = new Set(found.map(([w]) => w));
    for (const w of ['reduceFunc', 'numPartitions', 'Spark']) assert.ok(seen.has(w), w);
    // And the other way round: in English, no Chinese of the page's own.
    await page.keyboard.press('Escape');
    await page.click('.lang-button[data-lang="en"]');
    await page.waitForSelector('html[lang="en"]');
    await page.click('button.help-button');
    await page.waitForSelector('.shortcuts');
    const chinese = await ownWords(page, '[\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef]+');
    assert.deepEqual(chinese, [], 'words left in Chinese');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await server.close();
  }
});
