// Page benchmark (prints figures; not a test): serves the built dist/ on a local static
// server and opens it in headless Debian Chromium (playwright-core, as tests/e2e/ does).
// Prints, as `name: value` lines for BENCHMARKS.md:
//   - the .wasm size, raw and gzipped (budget 350 KB gzipped);
//   - time to first render (navigation start to the first panel in the DOM) and to
//     interactive (the later of first render and the end of the last long task, with 2 s of
//     quiet after it), median of RUNS fresh loads with an empty cache and profile;
//   - the page's own benchmark (Streaming tab: a lesson-sized step recomputed and redrawn);
//   - the page at a lesson's size driven as a learner does: a step forward, a step back and
//     an edit, each from the key press or change to the end of the work it causes (script,
//     style, layout; budget 16 ms) and to the next frame;
//   - the engine in wasm against the engine native: tests/bench/engine's workloads (the
//     windowed word count, updateStateByKey and mapWithState over 100,000 keys) compiled to
//     wasm and run in Chromium (engine.html), and compiled natively; ratio of the times.
// Usage: node tests/bench/page.mjs, after `trunk build --release` and building
// tests/bench/engine both ways (`./dev bench` does all of it).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { serve } from '../e2e/server.mjs';
import { launchBrowser } from '../e2e/browser.mjs';
import { editToFrames, median, openLessonSized, tasksBetween, traceMainThread } from './lesson_page.mjs';

const DIST = process.env.DIST_DIR ?? 'dist';
const BENCH_DIR = new URL('.', import.meta.url).pathname;
const NATIVE = process.env.NATIVE_BENCH ?? 'tests/bench/engine/target/release/dstream-bench-native';
const RUNS = Number(process.env.RUNS ?? 5);
// ONLY=learner runs only the section of the page driven as a learner does, ONLY=engine only
// the engine in wasm against native (each quick to repeat).
const LEARNER_ONLY = process.env.ONLY === 'learner';
const ENGINE_ONLY = process.env.ONLY === 'engine';


// ---- the .wasm
const wasm = readdirSync(DIST).find((f) => f.endsWith('.wasm'));
const bytes = readFileSync(join(DIST, wasm));
console.log(`wasm: ${wasm}`);
console.log(`wasm raw: ${(bytes.length / 1024).toFixed(0)} KB`);
console.log(`wasm gzipped: ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KB (budget 350 KB)`);

const server = await serve(DIST, '/');

// ---- first render and interactive, each on a fresh browser profile (a cold cache)
const firsts = [];
const interactives = [];
for (let i = 0; i < (process.env.ONLY ? 0 : RUNS); i++) {
  const browser = await launchBrowser({ locale: 'en-US' });
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longTasks.push(e.startTime + e.duration);
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver((_, obs) => {
      if (document.querySelector('section.panel')) {
        window.__firstRender = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForSelector('section.panel', { timeout: 60_000 });
  // Wait for 2 s without a long task.
  await page.waitForFunction(
    () => performance.now() - Math.max(window.__firstRender, ...window.__longTasks) > 2000,
    null,
    { timeout: 60_000, polling: 100 },
  );
  const [first, last] = await page.evaluate(() => [
    window.__firstRender,
    Math.max(window.__firstRender, ...window.__longTasks),
  ]);
  firsts.push(first);
  interactives.push(last);
  await browser.close();
}
if (!process.env.ONLY) console.log(`first render: ${median(firsts).toFixed(0)} ms (median of ${RUNS}: ${firsts.map((x) => x.toFixed(0)).join(', ')})`);
if (!process.env.ONLY) console.log(`interactive: ${median(interactives).toFixed(0)} ms (median of ${RUNS}: ${interactives.map((x) => x.toFixed(0)).join(', ')})`);

// ---- the page's own benchmark (Streaming tab): a lesson-sized step, recomputed and redrawn;
// once right after loading (V8 still runs the engine's baseline code) and once on a page
// loaded 3 s before (the app's warm-up has run, as for a learner who has been there a while)
const browser = await launchBrowser({ locale: 'en-US' });
const page = await browser.context.newPage();
await page.goto(server.url, { waitUntil: 'load' });
await page.waitForSelector('section.panel', { timeout: 60_000 });
for (const [label, wait] of process.env.ONLY ? [] : [['right after loading', 0], ['3 s after loading', 3000]]) {
  const p = await browser.context.newPage();
  await p.goto(server.url, { waitUntil: 'load' });
  await p.waitForSelector('section.panel', { timeout: 60_000 });
  await p.waitForTimeout(wait);
  await p.click('button.bench');
  await p.waitForSelector('.bench-results', { timeout: 120_000 });
  for (const line of await p.$$eval('.bench-result', (els) => els.map((e) => e.textContent))) {
    console.log(`page benchmark, ${label}: ${line}`);
  }
  await p.close();
}
// ---- the page at a lesson's size (60 batches, 200 lines, the default program), as a learner
// drives it: a step forward (the resumed run), a step back (a prefix of what was computed) and
// an edit (the inverse toggled: a new run of every batch), each timed from the key press or the
// change to the end of its work, and to the next frame (requestAnimationFrame, then a task).
if (!ENGINE_ONLY) {
  const p = await browser.context.newPage();
  await openLessonSized(p, server.url);
  const toFrame = (what) =>
    p.evaluate(
      (what) =>
        new Promise((res) => {
          const t0 = performance.now();
          if (what === 'edit') {
            const sel = document.querySelector("select[name='pipeline']");
            sel.value = sel.value === 'reduceByKeyAndWindow' ? 'reduceByKeyAndWindow-inverse' : 'reduceByKeyAndWindow';
            sel.dispatchEvent(new Event('change', { bubbles: true }));
          } else {
            window.dispatchEvent(new KeyboardEvent('keydown', { key: what, bubbles: true }));
          }
          // The work: Yew renders in microtasks after the event; a task queued now runs after
          // them, and reading a layout property there forces style and layout. Then the wait
          // for the next frame (rAF waits for the display's next tick, up to 16.7 ms more).
          setTimeout(() => {
            void document.body.offsetHeight;
            const work = performance.now() - t0;
            requestAnimationFrame(() => setTimeout(() => res([work, performance.now() - t0]), 0));
          }, 0);
        }),
      what,
    );
  const N = 12;
  const settle = () => p.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  const times = { forward: [], back: [], edit: [] };
  for (let i = 0; i < N; i++) times.forward.push(await toFrame('ArrowRight'));
  for (let i = 0; i < N; i++) times.back.push(await toFrame('ArrowLeft'));
  for (let i = 0; i < N; i++) {
    times.edit.push(await toFrame('edit'));
    await settle();
  }
  // An edit's whole story, traced (DevTools timeline): from the change to the frame whose
  // panels in view show it, and to the frame that shows it complete; the main thread's tasks
  // meanwhile, their sum in wall and in thread (CPU) time, and the longest (a task over
  // 16.7 ms makes a frame late). The CPU time leaves out what other processes took: on a
  // shared machine it varies less than wall time.
  const trace = await traceMainThread(browser.context, p);
  const whole = [];
  for (let i = 0; i < N; i++) {
    whole.push(await editToFrames(p, i));
    await settle();
  }
  const events = await trace.stop();
  const toView = [...Array(N).keys()].map((i) => tasksBetween(events, `edit-start-${i}`, `edit-in-view-${i}`));
  const toEnd = [...Array(N).keys()].map((i) => tasksBetween(events, `edit-start-${i}`, `edit-end-${i}`));
  const list = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
  const inView = whole.map((x) => x[0]);
  const all = whole.map((x) => x[1]);
  console.log(
    `page at a lesson's size, an edit to the frame whose panels in view show it: median ${median(inView).toFixed(1)} ms ` +
      `(of ${N}: ${list(inView)}; budget 16 ms); main-thread CPU meanwhile median ${median(toView.map((t) => t.cpu)).toFixed(1)} ms ` +
      `(${list(toView.map((t) => t.cpu))})`,
  );
  console.log(
    `page at a lesson's size, an edit to the frame that shows it complete: median ${median(all).toFixed(1)} ms ` +
      `(of ${N}: ${list(all)}); main-thread work meanwhile median ${median(toEnd.map((t) => t.wall)).toFixed(1)} ms (${list(toEnd.map((t) => t.wall))}), ` +
      `CPU ${median(toEnd.map((t) => t.cpu)).toFixed(1)} ms; its longest task median ${median(toEnd.map((t) => t.longest)).toFixed(1)} ms ` +
      `(${list(toEnd.map((t) => t.longest))}; budget 16 ms)`,
  );
  for (const [k, v] of Object.entries(times)) {
    const work = v.map((x) => x[0]);
    const frame = v.map((x) => x[1]);
    console.log(
      `page at a lesson's size, ${k}: work (script, style, layout) median ${median(work).toFixed(1)} ms ` +
        `(of ${N}: ${list(work)}; budget 16 ms); to the next frame median ${median(frame).toFixed(1)} ms`,
    );
  }
  await p.close();
}
await server.close();
if (LEARNER_ONLY) {
  await browser.close();
  process.exit(0);
}

// ---- the engine in wasm against native: the same workloads (tests/bench/engine) built both
// ways; the wasm ones run in this page, timed there.
const bench = await serve(BENCH_DIR, '/');
// CPU time, not wall time: on a shared machine a process may get a small part of a core. The
// renderer's CPU time comes from the DevTools protocol (`ProcessTime`), the native process's
// from /proc (the runner prints it). Each build in turn: opt-level 3 (pkg/) and the site's
// profile, opt-level z (pkg-site/, when built).
const cdp = await browser.context.newCDPSession(page);
await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
const processTime = async () =>
  (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ProcessTime').value * 1000;
const builds = [['opt-level 3', 'pkg']];
if (existsSync(join(BENCH_DIR, 'pkg-site'))) builds.push(["the site's opt-level z", 'pkg-site']);
const wasmResults = {};
for (const [label, pkg] of builds) {
  await page.goto(`${bench.url}engine.html?pkg=${pkg}`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.ready, null, { timeout: 60_000 });
  for (const name of ['windowed', 'updateStateByKey', 'mapWithState', 'lesson']) {
    let best = { cpu: Infinity, wall: Infinity, words: 0 };
    for (let i = 0; i < RUNS; i++) {
      const [c0, t0] = [await processTime(), performance.now()];
      const words = await page.evaluate((n) => window.runOne(n), name);
      const [cpu, wall] = [(await processTime()) - c0, performance.now() - t0];
      if (cpu < best.cpu) best = { cpu, wall, words };
    }
    wasmResults[`${name} (wasm ${label})`] = { ...best, name };
  }
}
await browser.close();
await bench.close();
const native = Object.fromEntries(
  execFileSync(NATIVE, { encoding: 'utf8', env: { ...process.env, RUNS: String(RUNS) } })
    .trim()
    .split('\n')
    .map((l) => l.match(/^(\S+): ([\d.]+) ms cpu ([\d.]+) ms wall (\d+) words/))
    .map((m) => [m[1], { cpu: Number(m[2]), wall: Number(m[3]), words: Number(m[4]) }]),
);
for (const [name, w] of Object.entries(wasmResults)) {
  const n = native[w.name];
  const rate = (words, ms) => `${Math.round((words / ms) * 1000).toLocaleString('en')} words/s`;
  console.log(
    `engine ${name} (${w.words} words, best of ${RUNS}, CPU time): wasm ${w.cpu.toFixed(0)} ms (${rate(w.words, w.cpu)}), ` +
      `native ${n.cpu.toFixed(0)} ms (${rate(n.words, n.cpu)}), wasm/native ${(w.cpu / n.cpu).toFixed(2)}x; ` +
      `wall: wasm ${w.wall.toFixed(0)} ms, native ${n.wall.toFixed(0)} ms`,
  );
}
