// End-to-end: the built site's defences. The Content-Security-Policy of index.html and
// embed.html (completed by web/csp.mjs at build time) is present, blocks what it should, and
// the page runs without a single violation; text a learner (or a link, or a saved session)
// brings never becomes HTML; the embed widget obeys only its parent window and messages of a
// known shape; oversized links and saves are refused with a notice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { serve } from './server.mjs';
import { launchBrowser } from './browser.mjs';

const DIST = process.env.DIST_DIR ?? 'dist';
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

let browser;
let server;
let other;
let hostDir;

before(async () => {
  assert.ok(existsSync(join(DIST, 'index.html')), `${DIST}/index.html is missing: run trunk build --release`);
  browser = await launchBrowser({ locale: 'en-US' });
  server = await serve(DIST, '/app/');
  // A second origin (another port) serving the pages that embed the widget (written by the
  // tests; a page fulfilled by request interception would count as a public page, which
  // Chromium forbids to frame a local server).
  hostDir = mkdtempSync(join(tmpdir(), 'dstream-host-'));
  other = await serve(hostDir, '/');
});

after(async () => {
  await browser?.close();
  await server?.close();
  await other?.close();
  if (hostDir) rmSync(hostDir, { recursive: true, force: true });
});

/** A fresh page that records CSP violations, console errors and page errors. */
async function open(url) {
  const page = await browser.context.newPage();
  const problems = [];
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  if (url) {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('section.panel', { timeout: 30_000 });
  }
  return { page, problems };
}

const violations = (page) => page.evaluate(() => window.__violations);

/** The policy of a built page. */
function policyOf(file) {
  const html = readFileSync(join(DIST, file), 'utf8');
  const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  assert.ok(m, `${file} has a Content-Security-Policy meta tag`);
  // The policy comes before anything it governs.
  assert.ok(html.indexOf(m[0]) < html.search(/<(script|link)\b/), `${file}: the policy is first`);
  return Object.fromEntries(
    m[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]),
  );
}

test('index.html and embed.html carry a strict policy with the loader hashed', () => {
  for (const file of ['index.html', 'embed.html']) {
    const p = policyOf(file);
    assert.deepEqual(p['default-src'], ["'none'"]);
    assert.deepEqual(p['object-src'], ["'none'"]);
    assert.deepEqual(p['base-uri'], ["'self'"]);
    assert.ok(p['script-src'].includes("'wasm-unsafe-eval'"));
    assert.ok(!p['script-src'].includes("'unsafe-inline'") && !p['script-src'].includes("'unsafe-eval'"));
    assert.ok(!(p['style-src'] ?? []).includes("'unsafe-inline'"));
    const hashes = p['script-src'].filter((s) => s.startsWith("'sha256-"));
    const inline = [...readFileSync(join(DIST, file), 'utf8').matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)];
    assert.equal(hashes.length, inline.length, `${file}: one hash per inline script`);
    assert.ok(!JSON.stringify(p).includes('TRUNK-LOADER'), 'the placeholder was replaced');
  }
});

test('the playground runs without a CSP violation, and the policy is enforced', async () => {
  const { page, problems } = await open(server.url);
  // Use it: play a little, type a line, open the scenario JSON and the share link.
  await page.fill('.term-input', 'hello hi hi');
  await page.press('.term-input', 'Enter');
  await page.keyboard.press('Escape');
  await page.click('button.copy-link').catch(() => {});
  await page.waitForTimeout(300);
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(problems, []);
  // An inline script added now is refused by the policy (so it is in force).
  const ran = await page.evaluate(async () => {
    window.__ran = false;
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.appendChild(s);
    await new Promise((ok) => setTimeout(ok, 50));
    return window.__ran;
  });
  assert.equal(ran, false);
  assert.ok((await violations(page)).some((v) => v.startsWith('script-src')));
  await page.close();
});

test('text typed into the editor and the terminal stays text', async () => {
  const { page, problems } = await open(server.url);
  const imgs = await page.$$eval('img, script:not([src]):not([type="module"])', (els) => els.length);
  await page.fill('textarea.code-input', `// ${XSS}\n${await page.inputValue('textarea.code-input')}\n${XSS}`);
  await page.fill('.term-input', XSS);
  await page.press('.term-input', 'Enter');
  await page.waitForSelector('.term-line .text');
  assert.ok((await page.$$eval('.term-line .text', (els) => els.map((e) => e.textContent))).includes(XSS));
  // The broken program's diagnostics quote the text too; nothing became an element.
  await page.waitForTimeout(300);
  assert.equal(await page.$$eval('img, script:not([src]):not([type="module"])', (els) => els.length), imgs);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(problems, []);
  await page.close();
});

/** A link's payload for a state, as web/src/link.rs writes it (version 1, raw deflate). */
function payload(shared) {
  const body = deflateRawSync(Buffer.from(JSON.stringify(shared)));
  return Buffer.concat([Buffer.from([1]), body]).toString('base64url');
}

async function savedSession(page) {
  return JSON.parse(await page.evaluate(() => localStorage.getItem('dstream-playground/session')));
}

test('a link carrying markup opens as text', async () => {
  const { page } = await open(server.url);
  // Let the page save its session, then put markup in every text field of it.
  await page.fill('.term-input', 'seed');
  await page.press('.term-input', 'Enter');
  await page.waitForFunction(() => localStorage.getItem('dstream-playground/session'));
  const session = await savedSession(page);
  session.lines = [{ at_ms: 100, text: XSS }];
  session.program = `// ${XSS}\n${session.program}`;
  session.generator.text = XSS;
  const link = `${server.url}#s=${payload({ session, follow: XSS, cell: [XSS, 1000], lesson: XSS })}`;
  const { page: linked, problems } = await open();
  await linked.goto(link, { waitUntil: 'load' });
  await linked.waitForSelector('.term-line .text', { timeout: 30_000 });
  assert.equal(await linked.textContent('.term-line .text'), XSS);
  assert.equal(await linked.$$eval('img', (els) => els.length), 0);
  assert.equal(await linked.evaluate(() => window.__xss), undefined);
  assert.deepEqual(await violations(linked), []);
  assert.deepEqual(problems, []);
  await page.close();
  await linked.close();
});

test('oversized links and saves are refused with a notice, before use', async () => {
  const { page } = await open(server.url);
  await page.fill('.term-input', 'seed');
  await page.press('.term-input', 'Enter');
  // The edit's own save (a moment after it), not the first render's: nothing waits to be
  // written when the page closes, over the saves this test puts in place.
  await page.waitForFunction(() => (localStorage.getItem('dstream-playground/session') || '').includes('seed'));
  const session = await savedSession(page);
  await page.close();
  // A link whose state inflates past 64 KB: refused as too large.
  const big = { ...session, program: 'x'.repeat(70_000) };
  const { page: linked } = await open();
  await linked.goto(`${server.url}#s=${payload({ session: big })}`, { waitUntil: 'load' });
  await linked.waitForSelector('.notice', { timeout: 30_000 });
  assert.match(await linked.textContent('.notice'), /64 KB/);
  assert.doesNotMatch(await linked.inputValue('textarea.code-input'), /xxxxxxxx/);
  await linked.close();

  // A save with a generator sending a line every millisecond, one over 1 MB, one of the wrong
  // shape: refused as unreadable, the default loads. Each is put in place from a page of the
  // same origin that runs no playground (embed.js shown as text), so no playground page can
  // write its own session over it before the load that reads it.
  const { page: loader } = await open();
  for (const bad of [
    { ...session, generator: { ...session.generator, enabled: true, every_ms: 1 } },
    { ...session, program: 'x'.repeat(2 << 20) },
    { ...session, lines: 'not a list' },
  ]) {
    await loader.goto(`${server.url}embed.js`);
    await loader.evaluate((s) => localStorage.setItem('dstream-playground/session', s), JSON.stringify(bad));
    await loader.goto(server.url, { waitUntil: 'load' });
    await loader.waitForSelector('.notice', { timeout: 30_000 });
    assert.match(await loader.textContent('.notice'), /could not be read/);
  }
  await loader.close();
});

/** A page on the other origin that frames the widget (and, if asked, a stranger frame). */
function hostPage(widgetUrl) {
  return `<!doctype html><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">
<iframe id="w" src="${widgetUrl}" style="width:900px;height:700px"></iframe>
<script>
  window.events = [];
  addEventListener('message', (e) => { if (e.data && e.data.source === 'dstream') events.push(e.data); });
</script>`;
}

test('the embed obeys only its parent, only in known shapes', async () => {
  const hostOrigin = new URL(other.url).origin;
  const widget = `${server.url}embed.html#?lang=en&parent=${encodeURIComponent(hostOrigin)}`;
  const { page, problems } = await open();
  writeFileSync(join(hostDir, 'host.html'), hostPage(widget));
  writeFileSync(join(hostDir, 'stranger.html'), '<!doctype html><title>stranger</title><link rel="icon" href="data:,">');
  await page.goto(`${other.url}host.html`);
  await page.waitForFunction(() => window.events.some((e) => e.type === 'ready'), null, { timeout: 30_000 });
  const batches = () => page.evaluate(() => window.events.filter((e) => e.type === 'batch').map((e) => e.batch));
  const frame = page.frameLocator('#w');

  // Malformed commands from the parent: ignored.
  await page.evaluate(() => {
    const w = document.getElementById('w').contentWindow;
    const bad = [
      null, 'seek', 42, [], { type: 'seek', batch: 3 }, { source: 'dstream' },
      { source: 'dstream', type: 'seek', batch: -1 }, { source: 'dstream', type: 'seek', batch: 1.5 },
      { source: 'dstream', type: 'seek', batch: 1e9 }, { source: 'dstream', type: 'seek', batch: '3' },
      { source: 'dstream', type: 'seek', batch: NaN }, { source: 'dstream', type: 'eval', code: 'x' },
      { source: 'dstream', type: 'load', state: '<img src=x onerror=alert(1)>' },
      { source: 'dstream', type: 'load', state: 'A'.repeat(200_000) },
      { source: 'dstream', type: 'load', state: 42 },
      { source: 'DStream', type: 'play' },
    ];
    for (const m of bad) w.postMessage(m, '*');
  });
  await page.waitForTimeout(500);
  assert.deepEqual((await batches()).filter((b) => b !== 0), []);
  assert.match(await frame.locator('body').evaluate(() => location.hash), /^#\?lang=en&parent=/);

  // A well-formed command from a window that is not the parent (a frame of the host's own
  // origin beside the widget): ignored.
  await page.evaluate((u) => {
    const f = document.createElement('iframe');
    f.id = 'stranger';
    f.src = u;
    document.body.appendChild(f);
    return new Promise((ok) => (f.onload = ok));
  }, `${other.url}stranger.html`);
  await page.evaluate(() =>
    document.getElementById('stranger').contentWindow.eval(
      "parent.document.getElementById('w').contentWindow.postMessage({ source: 'dstream', type: 'seek', batch: 4 }, '*')",
    ),
  );
  await page.waitForTimeout(500);
  assert.deepEqual((await batches()).filter((b) => b !== 0), []);

  // The same command from the parent: obeyed.
  await page.evaluate(() =>
    document.getElementById('w').contentWindow.postMessage({ source: 'dstream', type: 'seek', batch: 2 }, '*'),
  );
  await page.waitForFunction(() => window.events.some((e) => e.type === 'batch' && e.batch >= 1), null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the embed ignores its parent when the parent is not the origin its URL names', async () => {
  const widget = `${server.url}embed.html#?lang=en&parent=${encodeURIComponent('https://teacher.example')}`;
  const { page } = await open();
  writeFileSync(join(hostDir, 'host2.html'), hostPage(widget));
  await page.goto(`${other.url}host2.html`);
  const frame = page.frameLocator('#w');
  await frame.locator('section.panel').first().waitFor({ timeout: 30_000 });
  await page.evaluate(() =>
    document.getElementById('w').contentWindow.postMessage({ source: 'dstream', type: 'seek', batch: 2 }, '*'),
  );
  await page.waitForTimeout(800);
  assert.equal(await frame.locator('.mirror-table tbody tr').count(), 0);
  // Its events go only to the named origin, so this host hears none of them.
  assert.deepEqual(await page.evaluate(() => window.events), []);
  await page.close();
});
