// Trunk's post-build hook: finishes the built page for a static host.
// - sw.js gets this build's file list and a name made from the files' contents, so the service
//   worker caches exactly the files of one build together, and a new build replaces them whole.
// - index.html gets a Content-Security-Policy: only this copy's own files run, plus Trunk's inline
//   start-up script, allowed by its hash (Trunk writes it inline; it changes with every build).
// - A development build (`trunk serve`) registers no service worker, so every rebuild is seen
//   at once rather than waiting for the manager's reload.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('post-build: run by Trunk, which sets TRUNK_STAGING_DIR');

const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');
if (process.env.TRUNK_PROFILE !== 'release') {
  html = html.replace(/\s*<script src="offline\.js" defer><\/script>/, '');
}
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline.map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`);
const policy = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
await writeFile(indexPath, html);

const files = (await readdir(dir)).filter((name) => name !== 'sw.js').sort();
const build = createHash('sha256');
for (const name of files) build.update(name).update(await readFile(join(dir, name)));
const name = build.digest('hex').slice(0, 16);
const workerPath = join(dir, 'sw.js');
const worker = (await readFile(workerPath, 'utf8'))
  .replace("const BUILD = 'unbuilt';", `const BUILD = '${name}';`)
  .replace('const FILES = [];', `const FILES = ${JSON.stringify(['./', ...files.map((f) => `./${f}`)])};`);
if (!worker.includes(name)) throw new Error('post-build: sw.js no longer has the lines to fill in');
await writeFile(workerPath, worker);
console.log(`post-build: ${files.length} files in build ${name}; ${hashes.length} inline script(s) allowed by hash`);
