// End-to-end: the course, links and embeds of the built site (dist/), served from a sub-path
// in headless Chromium. Loads every lesson page (text, guided path, exercises) and answers a
// prediction before its batch runs; shares a link and finds the same state in a fresh page;
// opens damaged, future-version and oversized links and sees the message over the default
// state; loads the embed demo, drives its widget through postMessage and checks what it shows
// (and that the other widget did not move); runs axe-core on the playground (as first seen,
// and with every panel full, a comparison open and an error shown, in light and dark), a lesson
// page and the embed demo (no serious or critical violation). Screenshots go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { serve } from './server.mjs';
import { launchBrowser } from './browser.mjs';

const DIST = process.env.DIST_DIR ?? 'dist';
const ARTIFACTS = process.env.ARTIFACTS_DIR ?? 'test-artifacts';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const BASE = '/course/sub/path/';

let context;
let browser;
let server;

before(async () => {
  assert.ok(existsSync(join(DIST, 'embed.html')), `${DIST}/embed.html is missing: run trunk build`);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchBrowser({ locale: 'en-US' });
  context = browser.context;
  server = await serve(DIST, BASE);
});

after(async () => {
  await server?.close();
  await browser?.close();
});

/** Opens `path` (relative to the served base); returns the page and the errors it logs. */
async function open(path, waitFor = '.app', viewport = { width: 1280, height: 900 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(server.url + path, { waitUntil: 'load' });
  if (waitFor) await page.waitForSelector(waitFor, { timeout: 30_000 });
  return { page, errors };
}

/** axe-core's serious and critical violations on the page (and in its same-origin frames). */
async function axeViolations(page) {
  // Evaluated, not added as a <script>: the site's Content-Security-Policy refuses inline
  // scripts (tests/e2e/security.test.mjs).
  const source = readFileSync(AXE, 'utf8');
  for (const frame of page.frames()) await frame.evaluate(source);
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the lesson index lists ten lessons, and every lesson page shows its text, path and exercises', async () => {
  const { page, errors } = await open('index.html#lessons?lang=en', '.lesson-list');
  const ids = await page.$$eval('.lesson-item', (els) => els.map((e) => e.dataset.lesson));
  assert.ok(ids.length >= 10);
  assert.ok(ids.includes('inverse-reduce'));
  // The course's words are fetched from lessons/*.json beside the page (`dstream lessons`).
  const index = await page.evaluate(async () => (await fetch('lessons/index.json')).json());
  assert.deepEqual(ids, index.map((l) => l.id));
  // A lesson's `code` is set as code, not shown with its backticks.
  assert.ok((await page.$$('.lesson-item p code')).length > 0, 'code in the summaries');
  assert.ok(!(await page.textContent('.lesson-list')).includes('`'), 'a backtick shown');
  await page.screenshot({ path: join(ARTIFACTS, 'course-index.png'), fullPage: true });
  await page.close();
  for (const id of ids) {
    const { page: p, errors: errs } = await open(`index.html#lesson/${id}?lang=en`, 'section.lesson');
    assert.equal(await p.getAttribute('section.lesson', 'data-lesson'), id);
    assert.match(await p.textContent('.lesson-heading'), /^Lesson \d+ · \S/);
    assert.ok((await p.textContent('.lesson-body')).length > 100, `${id}: lesson text`);
    assert.ok(!(await p.textContent('section.lesson')).includes('`'), `${id}: a backtick shown`);
    assert.ok((await p.$$('.guided-step')).length >= 1, `${id}: guided steps`);
    assert.ok((await p.$$('.exercise')).length >= 2, `${id}: two exercises or more`);
    // A guided step shows its batch.
    const t = await p.getAttribute('.guided-step', 'data-time');
    await p.click('.guided-step .show-batch');
    const asked = await p.$('.exercise.asking');
    if (!asked) await p.waitForSelector(`.mirror-table tr[data-time="${t}"]`);
    assert.deepEqual(errs, [], `${id}: no errors`);
    if (id === 'inverse-reduce') await p.screenshot({ path: join(ARTIFACTS, 'course-lesson.png'), fullPage: true });
    await p.close();
  }
  assert.deepEqual(errors, []);
});

test('lesson 1 shows the same input as micro-batches and one record at a time, side by side, in zh and en', async () => {
  for (const [lang, title] of [['en', 'Micro-batch vs record at a time'], ['zh', '微批 vs 逐条处理']]) {
    const { page, errors } = await open(`index.html#lesson/bounded-unbounded?lang=${lang}`, 'section.contrast');
    assert.equal((await page.textContent('section.contrast h3')).trim(), title);
    const rows = await page.$$eval('.contrast-row', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())),
    );
    assert.ok(rows.length >= 4, `${lang}: one row per word`);
    for (const [word, sent, microAt, microLatency, recordAt, recordLatency] of rows) {
      // One record at a time: the result within milliseconds of the line; a micro-batch:
      // after its batch ends, so hundreds of ms later.
      assert.ok(Number(recordLatency) < 10, `${lang} ${word}: record latency ${recordLatency}`);
      assert.ok(Number(microLatency) > Number(recordLatency), `${lang} ${word}: ${microLatency}`);
      assert.ok(Number(recordAt) >= Number(sent) && Number(microAt) > Number(recordAt), `${lang} ${word}`);
    }
    // The micro-batch combines on the map side; record at a time ships every (word, 1).
    const micro = Number(await page.textContent('.micro-shuffled'));
    const record = Number(await page.textContent('.record-shuffled'));
    assert.ok(micro < record, `shuffled: micro-batch ${micro}, record at a time ${record}`);
    assert.equal(record, rows.length);
    if (lang === 'zh') await page.screenshot({ path: join(ARTIFACTS, 'course-contrast.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  }
  // Only the lesson about it shows the contrast.
  const { page } = await open('index.html#lesson/inverse-reduce?lang=en', 'section.lesson');
  assert.equal(await page.$('section.contrast'), null);
  await page.close();
});

test('a prediction is asked before its batch runs, then the batch runs; a goal gives its hint', async () => {
  const { page, errors } = await open('index.html#lesson/inverse-reduce?lang=en', 'section.lesson');
  await page.click('button.restore');
  await page.click('button.step');
  // Asked before the 1 s batch: it has not run yet.
  await page.waitForSelector('.exercise.asking[data-exercise="first-batch"] .answer-input');
  assert.equal(await page.$('.mirror-table tr[data-time="1000"]'), null);
  assert.match(await page.textContent('output.now'), /0 batches run/);
  // Two hi in different partitions are merged once: reduceFunc runs once.
  await page.fill('.answer-input', '1');
  await page.click('.answer-submit');
  await page.waitForSelector('[data-exercise="first-batch"] .feedback.right');
  assert.match(await page.textContent('[data-exercise="first-batch"] .feedback'), /trace says 1\./);
  await page.waitForSelector('.mirror-table tr[data-time="1000"]');
  // A goal the preset does not reach: the hint shows.
  await page.click('.goal .check-goal');
  await page.waitForSelector('.goal .feedback.wrong');
  assert.ok((await page.textContent('.goal .feedback')).length > 20);
  await page.screenshot({ path: join(ARTIFACTS, 'course-prediction.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a shared link opens the same state in a fresh page', async () => {
  const { page, errors } = await open('index.html?lang=en', '.time-bar');
  await page.click('button[data-lang="en"]');
  await page.click('button.step');
  await page.click('button.step');
  await page.click('button.step');
  await page.click('td.cell[data-key="hi"][data-time="3000"] button');
  await page.click('button.copy-link');
  const url = await page.inputValue('.share-link');
  assert.match(url, /#s=[A-Za-z0-9_-]+$/);
  assert.ok(url.startsWith(server.url), url);
  const program = await page.inputValue('textarea.code-input');
  const table = await page.textContent('.mirror-table');
  const now = await page.textContent('output.now');
  const calls = await page.textContent('.call-list');

  const other = await context.newPage();
  await other.goto(url, { waitUntil: 'load' });
  await other.waitForSelector('.mirror-table');
  assert.equal(await other.inputValue('textarea.code-input'), program);
  assert.equal(await other.textContent('.mirror-table'), table);
  assert.equal(await other.textContent('output.now'), now);
  assert.equal(await other.textContent('.call-list'), calls);
  assert.equal(await other.getAttribute('html', 'lang'), 'en');
  assert.equal(await other.$('.notice'), null);
  await other.screenshot({ path: join(ARTIFACTS, 'course-shared-link.png'), fullPage: true });
  await other.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test('damaged, future-version and oversized links show a message over the default state', async () => {
  const cases = [
    ['s=AAAA$$not-base64', /damaged or incomplete/],
    ['s=AQIDBAUGBwgJ', /damaged or incomplete/],
    ['s=Ag', /newer version/],
    [`s=${'A'.repeat(200_000)}`, /over the 64 KB limit/],
  ];
  for (const [fragment, message] of cases) {
    const { page, errors } = await open(`index.html#${fragment}&lang=en`, '.time-bar');
    assert.match(await page.textContent('.notice'), message);
    assert.match(await page.inputValue('textarea.code-input'), /reduceByKeyAndWindow/);
    assert.match(await page.textContent('output.now'), /t = 0\.0 s/);
    if (fragment === 'Ag' || fragment === 's=Ag') {
      await page.screenshot({ path: join(ARTIFACTS, 'course-future-link.png') });
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
  const { page } = await open('index.html#no/such/page?lang=en', '.not-found');
  assert.match(await page.textContent('h1'), /Page not found/);
  await page.close();
  const { page: p2 } = await open('index.html#lesson/no-such-lesson?lang=en', '.not-found');
  await p2.close();
});

test('the embed demo: widgets driven by postMessage, isolated, auto-sized', async () => {
  const { page, errors } = await open('embed-demo.html', 'iframe');
  const first = page.frameLocator('#first iframe');
  const second = page.frameLocator('#second iframe');
  await first.locator('section.lesson').waitFor({ timeout: 30_000 });
  await second.locator('section.lesson').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.getElementById('log').textContent.includes('first: dstream:ready'));
  // The first widget is in Chinese, the second in English (data-lang).
  assert.equal(await first.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await second.locator('html').getAttribute('lang'), 'en');
  // Start from empty storage: the embed page must not write any.
  await first.locator('body').evaluate(() => localStorage.clear());
  // Auto-sized to its content.
  await page.waitForFunction(() => document.querySelector('#first iframe').style.height !== '640px');

  // seek(6): the widget stops before the 1 s batch to ask its prediction.
  await page.fill('#batch', '6');
  await page.click('#seek');
  await first.locator('.exercise.asking .answer-input').waitFor();
  await first.locator('.answer-input').fill('1');
  await first.locator('.answer-submit').click();
  await page.waitForFunction(() => document.getElementById('log').textContent.includes('dstream:answer'));
  assert.match(await page.textContent('#log'), /"exercise":"first-batch","kind":"prediction","correct":true/);
  await page.waitForFunction(() => document.getElementById('last-batch').textContent === '1');
  await first.locator('.mirror-table tr[data-time="1000"]').waitFor();

  // Commands of the wrong shape are ignored; a good seek moves on to the next question's batch.
  await page.evaluate(() => {
    const w = document.querySelector('#first iframe').contentWindow;
    w.postMessage({ source: 'dstream', type: 'seek', batch: 'six' }, '*');
    w.postMessage({ type: 'seek', batch: 3 }, '*');
    w.postMessage('seek', '*');
  });
  await page.evaluate(() => document.getElementById('first').dstream.seek(3));
  await page.waitForFunction(() => Number(document.getElementById('last-batch').textContent) >= 2);
  const shown = Number(await page.textContent('#last-batch'));
  assert.ok(shown >= 2 && shown <= 3, `batch ${shown}`);
  assert.equal(await first.locator('.mirror-table tbody tr').count(), shown);

  // play / pause.
  await page.click('#pause');
  // load(state): a link's state replaces the widget's.
  const state = await first.locator('body').evaluate(async () => {
    document.querySelector('button.copy-link').click();
    await new Promise((ok) => setTimeout(ok, 50));
    return document.querySelector('.share-link').value.split('#s=')[1];
  });
  assert.ok(state && state.length > 10);
  await page.evaluate((s) => document.getElementById('second').dstream.load(s), state);
  await second.locator(`.mirror-table tr[data-time="${shown * 1000}"]`).waitFor();
  assert.equal(await second.locator('.mirror-table tbody tr').count(), shown);

  // The widgets do not share storage: the embed page saves nothing.
  const keys = await first.locator('body').evaluate(() => Object.keys(localStorage));
  assert.deepEqual(keys, []);
  await page.screenshot({ path: join(ARTIFACTS, 'course-embed-demo.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('accessibility: no serious or critical axe violation on the playground, a lesson and the embed demo', async () => {
  for (const [path, waitFor, name] of [
    ['index.html?lang=en', '.time-bar', 'playground'],
    ['index.html#lesson/inverse-reduce?lang=zh', 'section.lesson', 'lesson'],
    ['embed-demo.html', 'iframe', 'embed demo'],
  ]) {
    const { page } = await open(path, waitFor);
    if (name === 'embed demo') {
      await page.frameLocator('#first iframe').locator('section.lesson').waitFor({ timeout: 30_000 });
      await page.frameLocator('#second iframe').locator('section.lesson').waitFor({ timeout: 30_000 });
    }
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${name}: ${violations.join('\n')}`);
    await page.close();
  }
});

test('accessibility: the playground with its panels full, in light and dark', async () => {
  const backgrounds = [];
  for (const colorScheme of ['light', 'dark']) {
    const { page } = await open('index.html?lang=en', '.time-bar');
    await page.emulateMedia({ colorScheme });
    await page.click('button.restore');
    // Every panel with content: batches in the grid, the mirror, state and statistics; a
    // cell's calls listed; a comparison open; then a window Spark refuses (the error shown).
    for (let i = 0; i < 7; i++) await page.click('button.step');
    await page.click('.calls-grid td.cell .cell-button');
    await page.click('.compare-pair[data-pair="inverse"]');
    await page.waitForSelector('.compare-table');
    backgrounds.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
    let violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${colorScheme}: ${violations.join('\n')}`);
    await page.fill('input[name="window"]', '2.5');
    await page.press('input[name="window"]', 'Tab');
    await page.waitForSelector('.spark-error');
    violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${colorScheme}, an error shown: ${violations.join('\n')}`);
    await page.close();
  }
  assert.notEqual(backgrounds[0], backgrounds[1], 'the dark theme was in force');
});
