// A/B benchmark of an edit (prints figures; not a test): two or more builds of the site, each
// in its own headless Chromium with the lesson-sized session (lesson_page.mjs), edited in
// turn (A, B, A, B, ...), so that whatever else the machine does falls on all of them alike.
// On a shared machine wall times of one build drift by ±30 % from one run to the next, which
// hides a change of a few milliseconds; taken in turn, two builds' figures compare.
//
// Usage: node tests/bench/ab.mjs DIR[:PANELS] DIR[:PANELS] ...  (N=24 edits each by default)
// Each DIR is a built site (`./dev build` writes dist/; copy it aside before building the
// other). `:timeline+terminal` hides those panels' contents (`content-visibility: hidden`,
// their size kept): what drawing them costs the edit's frame.
// Prints, per build: the median ms from the change to the frame whose panels in view show it,
// the main thread's CPU time until then, and its parts by DevTools event (summed per edit).
import { serve } from '../e2e/server.mjs';
import { launchBrowser } from '../e2e/browser.mjs';
import { editToFrames, median, openLessonSized, tasksBetween, traceMainThread } from './lesson_page.mjs';

const specs = process.argv.slice(2);
if (specs.length < 2) {
  console.error('usage: node tests/bench/ab.mjs DIR[:PANELS] DIR[:PANELS] ...');
  process.exit(2);
}
const N = Number(process.env.N ?? 24);
const PARTS = ['FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit'];

const runs = [];
for (const spec of specs) {
  const [dir, hide] = spec.split(':');
  const server = await serve(dir, '/');
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  await openLessonSized(page, server.url);
  if (hide) {
    await page.evaluate((panels) => {
      for (const name of panels.split('+')) {
        const el = document.querySelector(`section[data-panel=${name}]`);
        const r = el.getBoundingClientRect();
        el.style.width = `${r.width}px`;
        el.style.height = `${r.height}px`;
        el.style.contentVisibility = 'hidden';
      }
    }, hide);
  }
  for (let i = 0; i < 4; i++) await editToFrames(page, `warm-${i}`);
  runs.push({ spec, server, browser, page, walls: [] });
}
for (const r of runs) r.trace = await traceMainThread(r.browser.context, r.page);
for (let i = 0; i < N; i++) {
  for (const r of runs) {
    r.walls.push((await editToFrames(r.page, i))[0]);
    await r.page.waitForTimeout(60);
  }
}
for (const r of runs) {
  const events = await r.trace.stop();
  const cpu = [];
  const parts = Object.fromEntries(PARTS.map((p) => [p, 0]));
  for (let i = 0; i < N; i++) {
    cpu.push(tasksBetween(events, `edit-start-${i}`, `edit-in-view-${i}`).cpu);
    const start = events.find((e) => e.name === `edit-start-${i}`);
    const [from, to] = [start.ts - 2000, events.find((e) => e.name === `edit-in-view-${i}`).ts];
    for (const e of events) {
      if (e.ph === 'X' && e.pid === start.pid && e.tid === start.tid && e.ts >= from && e.ts < to && e.name in parts) {
        parts[e.name] += (e.tdur ?? e.dur) / 1000 / N;
      }
    }
  }
  console.log(
    `${r.spec}: an edit to the frame whose panels in view show it, median ${median(r.walls).toFixed(1)} ms; ` +
      `main-thread CPU until then median ${median(cpu).toFixed(1)} ms (of ${N}); per edit ` +
      PARTS.map((p) => `${p} ${parts[p].toFixed(2)}`).join(', '),
  );
  await r.browser.close();
  await r.server.close();
}
process.exit(0);
