// The page at a lesson's size, as the page benchmarks drive it (page.mjs, ab.mjs): the
// default program over 60 batches and 200 lines, the cursor at the end, and an edit that
// toggles the inverse function, timed to the frame whose panels in view show it and to the
// frame that shows it complete.

/** Opens `url` in `page` with a lesson-sized session saved, then waits for the app's warm-up
 * (the engine run a few times from 1 s after the first render, so V8 has optimised it): what
 * a learner who has been on the page a few seconds gets. */
export async function openLessonSized(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('section.panel', { timeout: 60_000 });
  await page.evaluate(() => {
    const k = 'dstream-playground/session';
    const s = JSON.parse(localStorage.getItem(k));
    const W = ['hello', 'hi', 'spark', 'stream', 'window', 'batch', 'key', 'dstream'];
    s.lines = [...Array(200).keys()].map((i) => ({
      at_ms: Math.floor((i * 60000) / 200),
      text: `${W[(i * 3) % 8]} ${W[(i * 3 + 1) % 8]} ${W[(i * 3 + 5) % 8]}`,
    }));
    s.generator.enabled = false;
    s.cursor_ms = 60000;
    localStorage.setItem(k, JSON.stringify(s));
    localStorage.setItem(`${k}/cursor`, '60000');
  });
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('section.panel', { timeout: 60_000 });
  await page.waitForTimeout(2500);
  await page.evaluate(() => document.activeElement?.blur());
}

/** Toggles the inverse function (an edit: a new run of every batch) and resolves, after the
 * frame that shows the edit complete (the panels no longer `aria-busy`), with
 * `[ms to the frame whose panels in view show it, ms to the complete one]`. Marks
 * `edit-start-<id>`, `edit-in-view-<id>` and `edit-end-<id>` for a trace. Panels out of view
 * are drawn a frame later (`aria-busy` until then). */
export function editToFrames(page, id) {
  return page.evaluate(
    (id) =>
      new Promise((res) => {
        performance.mark(`edit-start-${id}`);
        const t0 = performance.now();
        const sel = document.querySelector("select[name='pipeline']");
        sel.value = sel.value === 'reduceByKeyAndWindow' ? 'reduceByKeyAndWindow-inverse' : 'reduceByKeyAndWindow';
        sel.dispatchEvent(new Event('change', { bubbles: true }));
        const inView = (el) => {
          const r = el.getBoundingClientRect();
          return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
        };
        let seen = null;
        const frame = () => {
          const busy = [...document.querySelectorAll('section.panel[aria-busy]')];
          if (seen === null && !document.querySelector('.computing') && !busy.some(inView)) {
            // Timed as the end is, in a task after the frame.
            seen = -1;
            setTimeout(() => {
              seen = performance.now() - t0;
              performance.mark(`edit-in-view-${id}`);
            }, 0);
          }
          if (document.querySelector('main.panels[aria-busy]')) requestAnimationFrame(frame);
          else
            setTimeout(() => {
              performance.mark(`edit-end-${id}`);
              res([seen, performance.now() - t0]);
            }, 0);
        };
        requestAnimationFrame(frame);
      }),
    id,
  );
}

/** Starts a DevTools trace of the page's main thread; `stop()` resolves with its events. */
export async function traceMainThread(context, page) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  return {
    async stop() {
      const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.end');
      await done;
      return events;
    },
  };
}

/** The main thread's tasks between two marks of a trace: `{ wall, cpu, longest }` in ms, each
 * task clipped to the span (the change itself runs inside the task that set the first mark).
 * `cpu` sums the tasks' thread time: what the page worked, without the time the machine gave
 * to other processes. */
export function tasksBetween(events, fromMark, toMark) {
  const mark = (n) => events.find((e) => e.name === n);
  const from = mark(fromMark);
  const to = mark(toMark).ts;
  let wall = 0;
  let cpu = 0;
  let longest = 0;
  for (const t of events) {
    if (t.name !== 'RunTask' || t.ph !== 'X' || t.pid !== from.pid || t.tid !== from.tid) continue;
    if (t.ts >= to || t.ts + t.dur <= from.ts) continue;
    const d = (Math.min(t.ts + t.dur, to) - Math.max(t.ts, from.ts)) / 1000;
    wall += d;
    cpu += (t.tdur ?? t.dur) / 1000 * (d / (t.dur / 1000 || 1));
    longest = Math.max(longest, d);
  }
  return { wall, cpu, longest };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
