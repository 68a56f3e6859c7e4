// Where an edit's main-thread time goes, by sampling: the page at a lesson's size (see
// lesson_page.mjs), N edits (the inverse toggled) under the DevTools CPU profiler, self time
// per edit summed by kind (the browser's own work: style, layout, paint, shown as "(program)";
// DOM calls; the engine; Yew; Rust's allocator and core; wasm-bindgen glue), then the top
// functions. Figures, not a test: `DIST_DIR=dist node tests/bench/edit_profile.mjs`.
//
// The site's wasm has no function names. For names, build the wasm-names profile (see the
// root Cargo.toml), run wasm-bindgen (--target web) and `wasm-opt -Oz -g` on it, copy dist/
// and put that .wasm and .js in place of the hashed ones, with their new sha384 in
// index.html's integrity attributes; then DIST_DIR=that copy.
import { launchBrowser } from '../e2e/browser.mjs';
import { serve } from '../e2e/server.mjs';
import { editToFrames, openLessonSized } from './lesson_page.mjs';
const server = await serve(process.env.DIST_DIR ?? 'dist', '/');
const browser = await launchBrowser({ locale: 'en-US' });
const p = await browser.context.newPage();
p.on('console', (m) => {
  if (m.type() === 'error') console.log('console error', m.text());
});
await openLessonSized(p, server.url);
const cdp = await browser.context.newCDPSession(p);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const N = Number(process.env.N ?? 24);
for (let i = 0; i < N; i++) {
  await editToFrames(p, i);
  await p.waitForTimeout(100);
}
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
// Self time per function name, in ms.
const self = new Map();
profile.samples.forEach((id, i) => {
  const f = byId.get(id).callFrame;
  const name = f.functionName || `(${f.url.split('/').pop()})`;
  self.set(name, (self.get(name) ?? 0) + profile.timeDeltas[i] / 1000);
});
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]);
const kind = (name) =>
  /dstream_engine/.test(name) ? 'the engine'
  : /yew|implicit_clone/.test(name) ? 'Yew'
  : /dstream_web/.test(name) ? 'the app'
  : /dlmalloc|__rdl|__rust_|alloc|core|memcmp|memcpy|memset|hashbrown|compiler_builtins/.test(name) ? "Rust's allocator and core"
  : /^__wbg|wasm-to-js|getStringFromWasm|wasm_bindgen|js_sys|web_sys/.test(name) ? 'wasm-bindgen glue'
  : name.startsWith('(') ? name
  : 'DOM and other JS';
const kinds = new Map();
for (const [name, ms] of rows) kinds.set(kind(name), (kinds.get(kind(name)) ?? 0) + ms);
const perEdit = (ms) => (ms / N).toFixed(2).padStart(7);
console.log(`self time per edit, ms (${N} edits; "(idle)" includes the waits between them):`);
for (const [k, ms] of [...kinds.entries()].sort((a, b) => b[1] - a[1])) console.log(`${perEdit(ms)}  ${k}`);
console.log('top functions:');
for (const [name, ms] of rows.slice(0, 40)) console.log(`${perEdit(ms)}  ${name.slice(0, 150)}`);
await browser.close();
await server.close();
