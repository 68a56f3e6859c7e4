// Trunk post_build hook: finishes the Content-Security-Policy <meta> of web/index.html in the
// staged index.html. Trunk injects an inline module script (the loader that imports the
// hashed .js and starts the .wasm), whose text changes with every build, so its SHA-256 is
// computed here and put where the policy says 'sha256-TRUNK-LOADER'. Every other inline
// script found is hashed too (there is none today). In a debug build (`trunk serve`) the meta
// is removed instead: Trunk's live-reload script and WebSocket change at serve time and no
// hash can cover them.
//
// Usage (Trunk sets the variables): node web/csp.mjs
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARK = "'sha256-TRUNK-LOADER'";
const META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>\s*/;

const file = join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
const html = readFileSync(file, 'utf8');
const meta = html.match(META);
if (!meta) {
  console.error(`csp.mjs: no Content-Security-Policy meta in ${file}`);
  process.exit(1);
}
let out;
if (process.env.TRUNK_PROFILE === 'debug') {
  out = html.replace(META, '');
} else {
  const hashes = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\bsrc=/.test(m[1])) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  if (!meta[1].includes(MARK)) {
    console.error(`csp.mjs: the policy has no ${MARK} to replace`);
    process.exit(1);
  }
  const policy = meta[1].replace(MARK, hashes.join(' '));
  out = html.replace(meta[0], meta[0].replace(meta[1], policy));
  console.log(`csp.mjs: ${hashes.length} inline script(s) hashed into the policy`);
}
writeFileSync(file, out);
