// End-to-end: the playground in headless Chromium, driven as a learner would. Types
// `hello hi hi` into the nc terminal six times, stepping a batch after each, and checks the
// calls grid and the text mirror (reduceFunc 3, invReduceFunc 2 at 6000 ms); turns the inverse
// off and checks the counts against the engine's own trace (the `dstream replay --json` command
// run on the scenario the page exports); opens the comparison of the inverse off and on and
// checks both sides against the engine; enters a window that is not a multiple of the batch
// and checks Spark's message word for word; reloads and finds the same state; plays at 100×;
// runs the in-browser benchmark and prints its figures; drags a typed line on the timeline (and
// moves it with the arrow keys) into another batch. Screenshots go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launchBrowser } from './browser.mjs';

const DIST = process.env.DIST_DIR ?? 'dist';
const ARTIFACTS = process.env.ARTIFACTS_DIR ?? 'test-artifacts';

let context;
let browser;
let server;

before(async () => {
  assert.ok(existsSync(join(DIST, 'index.html')), `${DIST}/index.html is missing: run trunk build`);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchBrowser();
  context = browser.context;
  server = await serve(DIST, '/');
});

after(async () => {
  await server?.close();
  await browser?.close();
});

/** Runs the engine's command line on a scenario and returns its trace. */
function engineTrace(scenarioJson) {
  const dir = mkdtempSync(join(tmpdir(), 'dstream-scenario-'));
  const file = join(dir, 'scenario.json');
  writeFileSync(file, scenarioJson);
  try {
    const bin = process.env.DSTREAM_BIN ?? 'target/release/dstream';
    const out = existsSync(bin)
      ? execFileSync(bin, ['replay', '--json', file], { encoding: 'utf8' })
      : execFileSync(
          'cargo',
          ['run', '--release', '-q', '-p', 'dstream-engine', '--bin', 'dstream', '--', 'replay', '--json', file],
          { encoding: 'utf8' },
        );
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Calls per role over all keys in one batch of a trace. */
function totals(batch) {
  const out = {};
  for (const [role, perKey] of Object.entries(batch.calls)) {
    out[role] = Object.values(perKey).reduce((a, b) => a + b, 0);
  }
  return out;
}

/** The calls grid's totals for a batch: { role: count }. */
async function gridTotals(page, time) {
  return page.$$eval(`td.total[data-time="${time}"] .mark`, (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.role, Number(e.dataset.count)])),
  );
}

/** The text mirror's counts for a batch: { role: count }. */
async function mirrorTotals(page, time) {
  return page.$$eval(`.mirror-table tr[data-time="${time}"] .mirror-call`, (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.role, Number(e.dataset.count)])),
  );
}

/** The scenario the page exports. */
async function exportedScenario(page) {
  if ((await page.getAttribute('.export-wrap .link-button', 'aria-expanded')) !== 'true') {
    await page.click('.export-wrap .link-button');
  }
  return page.inputValue('.export-json');
}

async function open(viewport = { width: 1280, height: 900 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForSelector('.time-bar', { timeout: 30_000 });
  return { page, errors };
}

test('the learner types, steps, toggles the inverse, breaks the window and reloads', async () => {
  const { page, errors } = await open();
  await page.click('button[data-lang="en"]');
  await page.screenshot({ path: join(ARTIFACTS, 'playground-first-visit.png'), fullPage: true });

  // Type the lesson's line once per batch, with the generator off.
  await page.uncheck('input[name="generator"]');
  for (let i = 0; i < 6; i++) {
    await page.fill('input.term-input', 'hello hi hi');
    await page.press('input.term-input', 'Enter');
    await page.click('button.step');
  }
  await page.waitForSelector('td.total[data-time="6000"]');
  const grid = await gridTotals(page, 6000);
  assert.equal(grid.reduceFunc, 3);
  assert.equal(grid.invReduceFunc, 2);
  const mirror = await mirrorTotals(page, 6000);
  assert.equal(mirror.reduceFunc, 3);
  assert.equal(mirror.invReduceFunc, 2);
  assert.match(await page.textContent('.narration'), /reduceFunc 3 times, invReduceFunc 2 times/);
  await page.click('td.cell[data-key="hi"][data-time="6000"] button');
  assert.match(await page.textContent('.call-list'), /invReduceFunc\(10, 2\) = 8/);
  await page.screenshot({ path: join(ARTIFACTS, 'playground-inverse-on.png'), fullPage: true });

  // The engine's command line agrees with the page on the same scenario.
  const withInverse = engineTrace(await exportedScenario(page));
  assert.equal(withInverse.batches.length, 6);
  assert.deepEqual(
    { reduceFunc: totals(withInverse.batches[5]).reduceFunc, invReduceFunc: totals(withInverse.batches[5]).invReduceFunc },
    { reduceFunc: 3, invReduceFunc: 2 },
  );

  // Inverse off: the code changes, and so do the counts, to what the engine says.
  await page.selectOption('select[name="pipeline"]', 'reduceByKeyAndWindow');
  assert.match(await page.inputValue('textarea.code-input'), /reduceByKeyAndWindow\(_ \+ _, Seconds\(5\), Seconds\(1\)\)/);
  const noInverse = engineTrace(await exportedScenario(page));
  assert.equal(noInverse.error, null);
  const want = totals(noInverse.batches[5]);
  const gridOff = await gridTotals(page, 6000);
  const mirrorOff = await mirrorTotals(page, 6000);
  assert.equal(gridOff.reduceFunc, want.reduceFunc);
  assert.equal(gridOff.invReduceFunc, undefined);
  assert.equal(mirrorOff.reduceFunc, want.reduceFunc);
  assert.notEqual(want.reduceFunc, 3, 'without the inverse, the whole window is reduced again');
  console.log(`# inverse off at 6000 ms: reduceFunc ${want.reduceFunc} (engine), ${gridOff.reduceFunc} (grid)`);
  await page.screenshot({ path: join(ARTIFACTS, 'playground-inverse-off.png'), fullPage: true });

  // Compare, inverse on vs off: A is the page's program (inverse off), B the same with the
  // inverse on; both columns show what the engine's command line says for each program.
  assert.equal(await page.$('.compare-table'), null, 'the comparison runs only when opened');
  await page.click('button[data-pair="inverse"]');
  await page.waitForSelector('.compare-table');
  assert.equal(await page.getAttribute('.compare-toggle', 'aria-expanded'), 'true');
  const compareCount = (side, role) =>
    page.getAttribute(`td[data-side="${side}"][data-role="${role}"][data-time="6000"]`, 'data-count').then(Number);
  assert.equal(await compareCount('a', 'reduceFunc'), want.reduceFunc);
  assert.equal(await compareCount('b', 'reduceFunc'), totals(withInverse.batches[5]).reduceFunc);
  assert.equal(await compareCount('b', 'invReduceFunc'), totals(withInverse.batches[5]).invReduceFunc);
  assert.equal(await compareCount('a', 'invReduceFunc'), 0);
  assert.notEqual(await compareCount('a', 'reduceFunc'), await compareCount('b', 'reduceFunc'));
  assert.match(
    await page.getAttribute('td[data-side="b"][data-role="reduceFunc"][data-time="6000"]', 'class'),
    /differs/,
  );
  assert.match(await page.textContent('.compare-summary'), /^\d+ of 6 batches differ\.$/);
  await page.screenshot({ path: join(ARTIFACTS, 'playground-compare-inverse.png'), fullPage: true });
  await page.click('.compare-toggle');

  // A window that is not a multiple of the batch: Spark's exception, word for word.
  await page.selectOption('select[name="pipeline"]', 'reduceByKeyAndWindow-inverse');
  await page.fill('input[name="window"]', '2.5');
  await page.press('input[name="window"]', 'Tab');
  await page.waitForSelector('.spark-error');
  const broken = engineTrace(await exportedScenario(page));
  assert.equal(broken.error.phase, 'build');
  assert.match(broken.error.message, /^requirement failed: The window duration of ReducedWindowedDStream \(2500 ms\) must be (a )?multiple of the slide duration of parent DStream \(1000 ms\)$/);
  assert.equal(
    await page.textContent('.spark-error'),
    `Exception in thread "main" ${broken.error.class}: ${broken.error.message}`,
  );
  assert.ok((await page.textContent('.explain')).length > 20);
  await page.screenshot({ path: join(ARTIFACTS, 'playground-window-error.png'), fullPage: true });

  // Back to a valid window, then reload: the same state comes back.
  await page.fill('input[name="window"]', '5');
  await page.press('input[name="window"]', 'Tab');
  await page.waitForSelector('td.total[data-time="6000"]');
  const program = await page.inputValue('textarea.code-input');
  const table = await page.textContent('.mirror-table');
  const now = await page.textContent('output.now');
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('.mirror-table');
  assert.equal(await page.inputValue('textarea.code-input'), program);
  assert.equal(await page.textContent('.mirror-table'), table);
  assert.equal(await page.textContent('output.now'), now);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.$('.notice'), null);
  await page.screenshot({ path: join(ARTIFACTS, 'playground-reloaded.png'), fullPage: true });

  assert.deepEqual(errors, []);
  await page.close();
});

test('playing at 100x stays responsive, and the benchmark prints its figures', async () => {
  const { page, errors } = await open();
  await page.click('button[data-lang="en"]');
  await page.click('button.reset');
  await page.selectOption('select[name="speed"]', '100');
  // Space is a shortcut only with focus outside text fields and buttons.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('button.play', 'aria-pressed'), 'true');
  const started = Date.now();
  let slowest = 0;
  for (let i = 0; i < 10; i++) {
    const t0 = Date.now();
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok())));
    slowest = Math.max(slowest, Date.now() - t0);
    await page.waitForTimeout(100);
  }
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('button.play', 'aria-pressed'), 'false');
  // How many batches ran, as the time bar says it (`t = 12.0 s · 12 batches run`).
  const batchesRun = async () => Number((await page.textContent('.now')).match(/(\d+) batch/)[1]);
  const batches = await batchesRun();
  console.log(`# played ${Date.now() - started} ms at 100x: ${batches} batches, slowest frame wait ${slowest} ms`);
  assert.ok(batches >= 10, `expected many batches, got ${batches}`);
  assert.ok(slowest < 1000, `a frame took ${slowest} ms`);
  await page.screenshot({ path: join(ARTIFACTS, 'playground-played.png'), fullPage: true });

  await page.click('button.bench');
  await page.waitForSelector('.bench-result', { timeout: 60_000 });
  const results = await page.$$eval('.bench-result', (els) => els.map((e) => e.textContent));
  for (const r of results) console.log(`# benchmark: ${r}`);
  assert.equal(results.length, 2);
  assert.match(results[0], /^60 batches, 200 lines: engine re-run [\d.]+ ms, redraw [\d.]+ ms/);
  assert.match(results[1], /^60 batches, 12000 lines: engine re-run [\d.]+ ms, redraw [\d.]+ ms/);
  // The learner's session is back (the panels out of view a frame later).
  assert.equal(await batchesRun(), batches);
  await page.waitForSelector('main.panels:not([aria-busy])');
  // The text mirror shows the batches the calls grid shows: the same times, the latest last.
  const times = (sel) => page.$$eval(sel, (els) => els.map((e) => e.dataset.time));
  const rows = await times('.mirror-table tbody tr');
  assert.deepEqual(rows, await times('.calls-grid th.col-head'));
  assert.equal(rows.at(-1), String(batches * 1000));
  // At a laptop's width the latest batch's column is in view, not scrolled off to the right.
  const seen = await page.$eval('.calls-grid th.col-head.focus', (th) => {
    const box = th.closest('.grid-scroll').getBoundingClientRect();
    const r = th.getBoundingClientRect();
    return { time: th.dataset.time, inside: r.left >= box.left && r.right <= box.right + 0.5 };
  });
  assert.deepEqual(seen, { time: String(batches * 1000), inside: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a typed line dragged on the timeline, or moved with the arrow keys, lands in another batch', async () => {
  const { page, errors } = await open();
  await page.click('button.restore');
  await page.click('button[data-lang="en"]');
  await page.uncheck('input[name="generator"]');
  await page.fill('input.term-input', 'spark');
  await page.press('input.term-input', 'Enter');
  for (let i = 0; i < 4; i++) await page.click('button.step');
  const inputOf = (t) => page.textContent(`.mirror-table tr[data-time="${t}"] td:nth-child(2)`);
  assert.equal(await inputOf(1000), 'spark');
  // A real pointer drag, two columns to the right: the line is now sent at 2 s.
  const mark = page.locator('rect.tl-line.typed');
  await mark.scrollIntoViewIfNeeded();
  const box = await mark.boundingBox();
  const col = (await page.locator('g.tl-batch[data-time="2000"] .tl-col').boundingBox()).x -
    (await page.locator('g.tl-batch[data-time="1000"] .tl-col').boundingBox()).x;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + col, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + 2 * col, box.y + box.height / 2, { steps: 4 });
  assert.equal(await page.getAttribute('g.tl-batch.drop-target', 'data-time'), '3000');
  await page.mouse.up();
  assert.equal(await page.getAttribute('rect.tl-line.typed', 'aria-valuenow'), '2000');
  assert.equal(await inputOf(1000), '');
  assert.equal(await inputOf(3000), 'spark');
  // The keyboard: one batch back, and time stays where it was.
  const now = await page.textContent('output.now');
  await page.focus('rect.tl-line.typed');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getAttribute('rect.tl-line.typed', 'aria-valuenow'), '1000');
  assert.equal(await inputOf(2000), 'spark');
  assert.equal(await page.textContent('output.now'), now);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'slider');
  await page.screenshot({ path: join(ARTIFACTS, 'playground-line-moved.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('nothing on the first screen moves or resizes while playing', async () => {
  const { page, errors } = await open();
  await page.click('button.restore');
  await page.click('button[data-lang="en"]');
  // Past the first batches, whose rows and columns fill the panels once.
  for (let i = 0; i < 10; i++) await page.click('button.step');
  await page.selectOption('select[name="speed"]', '10');
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Space');
  // Every frame for 3 s (30 batches at 10x): the boxes of the time bar, the panels in view,
  // the grid's header and each of its columns, the mirror's columns, against the first frame's.
  const changed = await page.evaluate(
    () =>
      new Promise((done) => {
        const boxes = () => {
          const out = {};
          const els = [
            ...document.querySelectorAll(
              '.time-bar, section[data-panel=program], section[data-panel=terminal], section[data-panel=timeline], section[data-panel=calls], .calls-grid thead',
            ),
          ];
          els.forEach((e, i) => {
            const r = e.getBoundingClientRect();
            out[`${e.dataset.panel ?? e.className ?? e.tagName}#${i}`] = [r.x, r.y, r.width, r.height].map(Math.round).join(',');
          });
          document.querySelectorAll('.calls-grid th.col-head').forEach((th, i) => {
            out[`column ${i} width`] = Math.round(th.getBoundingClientRect().width);
          });
          document.querySelectorAll('.mirror-table thead th').forEach((th, i) => {
            out[`mirror column ${i} width`] = Math.round(th.getBoundingClientRect().width);
          });
          return out;
        };
        const first = boxes();
        // The terminal's box is full by now: its top row must stay the same element (a row
        // added at the top moved every row down a line).
        const topRow = document.querySelector('.term-lines li');
        const changes = {};
        const t0 = performance.now();
        const frame = () => {
          for (const [k, v] of Object.entries(boxes())) if (v !== first[k]) changes[k] = `${first[k]} -> ${v}`;
          if (document.querySelector('.term-lines li') !== topRow) changes['terminal top row'] = 'another element';
          if (performance.now() - t0 < 3000) requestAnimationFrame(frame);
          else done(changes);
        };
        requestAnimationFrame(frame);
      }),
  );
  await page.keyboard.press('Space');
  assert.ok((await page.textContent('.now')).match(/(\d+) batch/)[1] > 20, 'it played');
  assert.deepEqual(changed, {});
  assert.deepEqual(errors, []);
  await page.close();
});

test('the playground on a phone: one column, controls still usable', async () => {
  const { page, errors } = await open({ width: 390, height: 844 });
  // Nothing of the header is cut off at the edge, as first shown (the language switch was).
  const cutOff = (page) =>
    page.$$eval('.app-header button, .app-header a', (els) =>
      els.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).map((e) => e.textContent),
    );
  assert.deepEqual(await cutOff(page), [], 'header controls past the right edge');
  await page.click('button.restore');
  await page.click('button[data-lang="en"]');
  for (let i = 0; i < 8; i++) await page.click('button.step');
  // The grid and the timeline scroll sideways here, and open where the newest batch is: its
  // column, the grid's keys and the timeline's selected batch are in view without scrolling.
  await page.waitForSelector('main.panels:not([aria-busy])');
  const inside = (sel, box) =>
    page.$eval(
      sel,
      (el, box) => {
        const b = el.closest(box).getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return r.left >= b.left - 0.5 && r.right <= b.right + 0.5;
      },
      box,
    );
  const scrolls = await page.$eval('.grid-scroll', (g) => g.scrollWidth > g.clientWidth);
  assert.ok(scrolls, 'the grid is wider than the phone');
  assert.ok(await inside('.calls-grid th.col-head.focus', '.grid-scroll'), 'the newest column in view');
  assert.ok(await inside('.calls-grid tbody th.key', '.grid-scroll'), 'the keys in view');
  assert.ok(await inside('g.tl-batch.selected rect', '.timeline-scroll'), 'the newest batch on the timeline in view');
  const widths = await page.$$eval('section.panel', (els) => els.map((e) => e.getBoundingClientRect().width));
  for (const w of widths) assert.ok(w <= 390, `a panel is ${w}px wide`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  assert.deepEqual(await cutOff(page), [], 'header controls past the right edge');
  await page.screenshot({ path: join(ARTIFACTS, 'playground-phone.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the keyboard help is a modal dialog: focus goes in, stays in, and comes back', async () => {
  const { page, errors } = await open();
  await page.click('button.restore');
  await page.click('button[data-lang="en"]');
  const inHelp = () => page.evaluate(() => !!document.activeElement?.closest('dialog.help'));
  // Behind the dialog: a focused element of the page other than the dialog (the browser's own
  // controls, where Tab may go from the dialog's last element, leave the body focused).
  const behind = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      return !!a && a !== document.body && !a.closest('dialog.help');
    });
  const now = () => page.textContent('.now');
  // Opened from its button with the keyboard.
  await page.focus('button.help-button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog.help[open]');
  assert.equal(await page.getAttribute('dialog.help', 'aria-labelledby'), 'help-title');
  assert.ok(await inHelp(), 'focus moved into the dialog');
  // Tab never reaches the page behind (inert), and the page does not answer keys.
  const before = await now();
  let inside = 0;
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    assert.ok(!(await behind()), `Tab ${i + 1} reached the page behind the dialog`);
    if (await inHelp()) inside += 1;
  }
  assert.ok(inside >= 2, 'Tab comes back into the dialog');
  await page.keyboard.press('ArrowRight');
  assert.equal(await now(), before, 'the clock behind the dialog did not step');
  // Escape closes it and focus is back on the button that opened it.
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog.help', { state: 'detached' });
  assert.ok(await page.evaluate(() => document.activeElement?.matches('button.help-button')));
  // A click on the backdrop closes it too; a click inside does not.
  await page.click('button.help-button');
  await page.click('dialog.help h2');
  assert.ok(await page.isVisible('dialog.help[open]'), 'a click inside keeps it open');
  await page.mouse.click(5, 5);
  await page.waitForSelector('dialog.help', { state: 'detached' });
  // And its close button.
  await page.click('button.help-button');
  await page.click('dialog.help button.close');
  await page.waitForSelector('dialog.help', { state: 'detached' });
  assert.deepEqual(errors, []);
  await page.close();
});

// Recursions that reach the playground's depth limit (engine/src/scala/interp.rs,
// MAX_EVAL_DEPTH) by different paths: plain, through a collection's method, a class's method
// with blocks, a comparator, a `while`, a constructor, and inside a task. Each must end in
// Spark's StackOverflowError on the shipped build, never in V8's RangeError or a trap of the
// wasm's stack (a recursion of 300 calls did that once, and the page died).
const DEEP = [
  'def f(n: Int): Int = if (n == 0) 0 else 1 + f(n - 1)\nprintln(f(100000))',
  'def h(n: Int): Int = if (n == 0) 0 else List(n).map(x => h(x - 1)).head + 1\nprintln(h(100000))',
  'def k(n: Int): Int = if (n == 0) 0 else (1 to 1).foldLeft(0)((a, _) => a + k(n - 1)) + 1\nprintln(k(100000))',
  'class C { def r(n: Int): Int = { if (n == 0) 0 else { val x = r(n - 1); x + 1 } } }\nprintln(new C().r(100000))',
  'def sw(n: Int): Int = if (n == 0) 0 else List(2, 1).sortWith((a, b) => sw(n - 1) >= 0 && a < b).head\nprintln(sw(100000))',
  'def wl(n: Int): Int = { var i = 0; var s = 0; while (i < 1) { s += (if (n == 0) 0 else wl(n - 1) + 1); i += 1 }; s }\nprintln(wl(100000))',
  'class Node(n: Int) { val next = if (n == 0) null else new Node(n - 1) }\nprintln(new Node(100000) != null)',
];
// The same in a task: it runs when a batch does.
const DEEP_TASK = 'def g(n: Int): Int = if (n == 0) 0 else List(n).map(x => g(x - 1)).head + 1\nlines.map(l => g(100000)).print()';

test('the deepest recursions end in StackOverflowError, and the page lives on', async () => {
  const { page, errors } = await open();
  await page.click('button[data-lang="en"]');
  const program = await page.inputValue('textarea.code-input');
  for (const code of [...DEEP, DEEP_TASK]) {
    await page.fill('textarea.code-input', program.replace(/(val lines[^\n]*\n)/, (m) => `${m}${code}\n`));
    if (code === DEEP_TASK) await page.click('button.step');
    await page.waitForFunction(
      () => document.querySelector('.problems li.exception .diag-msg')?.textContent.includes('java.lang.StackOverflowError'),
      null,
      { timeout: 10_000 },
    );
    assert.match(await page.textContent('.problems li.exception .diag-explain'), /calls itself/, code);
  }
  assert.deepEqual(errors, []);
  // The app still answers: back to the lesson's program, the inverse window fires again.
  await page.fill('textarea.code-input', program);
  await page.waitForFunction(() => !document.querySelector('.problems li.exception'));
  await page.uncheck('input[name="generator"]');
  for (let i = 0; i < 3; i++) {
    await page.fill('input.term-input', 'deep deep');
    await page.press('input.term-input', 'Enter');
    await page.click('button.step');
  }
  await page.waitForSelector('td.cell[data-key="deep"] .mark');
  assert.deepEqual(errors, []);
  await page.close();
});

test('when the page stops, it says so; reloaded, its session comes back halted, not run', async () => {
  const { page, errors } = await open();
  await page.click('button[data-lang="en"]');
  await page.uncheck('input[name="generator"]');
  await page.fill('input.term-input', 'keep keep');
  await page.press('input.term-input', 'Enter');
  await page.click('button.step');
  await page.click('button.step');
  await page.waitForSelector('.mirror-table tr[data-time="2000"]');
  const program = await page.inputValue('textarea.code-input');
  // The engine's work is over: no mark of it left.
  assert.equal(await page.evaluate(() => localStorage.getItem('dstream-playground/session/running')), null);

  // An error of no consequence says nothing; the WebAssembly's trap (static/stopped.js) does.
  await page.evaluate(() => window.dispatchEvent(new ErrorEvent('error', { error: new Error('not ours') })));
  assert.equal(await page.$('.stopped'), null);
  await page.evaluate(() => {
    // As if the page had died in the middle of a run: its mark stays, and V8 reports the trap.
    localStorage.setItem('dstream-playground/session/running', '1');
    window.dispatchEvent(new ErrorEvent('error', { error: new WebAssembly.RuntimeError('unreachable') }));
  });
  await page.waitForSelector('.stopped[role="alert"]');
  assert.match(await page.textContent('.stopped'), /The page stopped/);
  await page.waitForTimeout(500); // the session's save (SAVE_AFTER_MS)

  // Reloaded: the learner's work is all there, not run, until a step asks for it.
  await Promise.all([page.waitForEvent('load'), page.click('.stopped button')]);
  await page.waitForSelector('.notice[role="alert"]');
  assert.match(await page.textContent('.notice span'), /never finished/);
  assert.equal(await page.inputValue('textarea.code-input'), program);
  assert.match(await page.textContent('.term-lines'), /keep keep/);
  assert.equal(await page.$('.mirror-table tr[data-time="1000"]'), null);
  await page.click('button.step');
  await page.waitForSelector('.mirror-table tr[data-time="3000"]');
  assert.equal(await page.$('.notice'), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('dstream-playground/session/running')), null);
  assert.deepEqual(errors.filter((e) => !/not ours|unreachable/.test(e)), []);
  await page.evaluate(() => localStorage.clear());
  await page.close();
});
