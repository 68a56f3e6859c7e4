import { launchBrowser } from '../e2e/browser.mjs';
import { serve } from '../e2e/server.mjs';
import { editToFrames, openLessonSized } from './lesson_page.mjs';
const server = await serve(process.env.DIST_DIR ?? 'dist', '/');
const browser = await launchBrowser({ locale: 'en-US' });
const p = await browser.context.newPage();
p.on('console', (m) => { if (m.type() === 'error') console.log('console error', m.text()); });
await openLessonSized(p, server.url);
const cdp = await browser.context.newCDPSession(p);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
for (let i = 0; i < 24; i++) { await editToFrames(p, i); await p.waitForTimeout(100); }
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas; let total = 0;
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`; self.set(k, (self.get(k) ?? 0) + dt[i] / 1000); total += dt[i] / 1000; });
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]);
console.log('total ms', total.toFixed(0));
const cat = (k) => /dstream_engine/.test(k) ? 'engine' : /yew|implicit_clone/.test(k) ? 'yew' : /dstream_web/.test(k) ? 'web' : /dlmalloc|__rdl|__rust_|alloc|core|memcmp|memcpy|memset|hashbrown|compiler_builtins/.test(k) ? 'rust-std' : /^__wbg|wasm-to-js|getStringFromWasm|wasm_bindgen|js_sys|web_sys/.test(k) ? 'bindgen' : k.startsWith('(') ? k : 'dom/js:' ;
const cats = new Map(); for (const [k, v] of rows) { const c = cat(k); cats.set(c, (cats.get(c) ?? 0) + v); }
for (const [k, v] of [...cats.entries()].sort((a, b) => b[1] - a[1])) console.log('CAT', (v / 24).toFixed(2).padStart(7), k);
for (const [k, v] of rows.slice(0, 60)) console.log((v / 24).toFixed(2).padStart(7), k.slice(0, 150));
await browser.close(); await server.close();
