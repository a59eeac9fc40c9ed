// Trunk's post-build hook: finishes the built page for a static host.
// - sw.js gets this build's file list and a name made from the files' contents, so the service
//   worker caches exactly the files of one build together, and a new build replaces them whole.
// - index.html starts compiling the app's wasm module as soon as the page arrives, while the rest
//   of it downloads, and Trunk's loader instantiates that module.
// - index.html gets a Content-Security-Policy: only this copy's own files run, plus the inline
//   start-up scripts, allowed by their hashes (they name the build's files, so they change).
// - index.html names the version of the what-if analyses (a hash of their files), which the page
//   puts on their addresses when it loads them, so a browser's cache never mixes two builds.
// - A release build's scripts are minified, and each wasm module and its glue call each other by
//   short names (short-names.mjs): smaller files for the same page.
// - A development build (`trunk serve`) registers no service worker, so every rebuild is seen
//   at once rather than waiting for the manager's reload.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';
import { renameInGlue, shortenModule } from './short-names.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('post-build: run by Trunk, which sets TRUNK_STAGING_DIR');

const release = process.env.TRUNK_PROFILE === 'release';
// Scripts the page loads as classic scripts, not modules: their top-level names are global.
const CLASSIC = new Set(['offline.js', 'sw.js']);
// Trunk's own minifier cannot read wasm-bindgen's glue (`export { … as default }`), and copies
// this project's scripts and the analyses' styles as they are. A release build minifies them
// with Terser; a development build only drops indentation and whole-line comments, keeping
// lines as lines. The service worker is filled in below, so it is only trimmed here.
const trimmed = (text) => text.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('//')).join('\n');
const written = new Map();
const names = await readdir(dir);
for (const name of names.filter((n) => n.endsWith('_bg.wasm'))) {
  const glue = name.replace(/_bg\.wasm$/, '.js');
  if (!release || !names.includes(glue)) continue;
  const renaming = shortenModule(await readFile(join(dir, name)));
  written.set(name, renaming.bytes);
  written.set(glue, renameInGlue(await readFile(join(dir, glue), 'utf8'), renaming));
}
for (const name of names) {
  if (name.endsWith('.js')) {
    const text = written.get(name) ?? (await readFile(join(dir, name), 'utf8'));
    if (release && name !== 'sw.js') {
      const module = !CLASSIC.has(name);
      written.set(name, (await minify(text, { module, ecma: 2020, compress: { passes: 2 } })).code);
    } else {
      written.set(name, trimmed(text));
    }
  } else if (name === 'what-if.css') {
    written.set(name, trimmed((await readFile(join(dir, name), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '')));
  }
}
// A file the page names with an integrity hash gets its new hash.
const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');
for (const [name, contents] of written) {
  await writeFile(join(dir, name), contents);
  const integrity = `sha384-${createHash('sha384').update(contents).digest('base64')}`;
  html = html.replace(/<link\b[^>]*>/g, (tag) => (tag.includes(`./${name}`)
    ? tag.replace(/integrity=("?)sha384-[^"\s>]+\1/, `integrity="${integrity}"`)
    : tag));
}
if (!release) {
  html = html.replace(/\s*<script[^>]*\bsrc="?offline\.js"?[^>]*><\/script>/, '');
}
// The app's module is compiled as it downloads, from the top of the page, instead of after the
// stylesheet and the glue have arrived and the page is parsed: on a first visit that takes most of
// the compiling off the path to the first chart. This fetch takes the place of Trunk's preload.
// A host that serves wasm under another type fails the streamed compile; Trunk's loader is then
// handed the response, and reads it whole.
const loader = /init\(\{ module_or_path: '(\.\/frontline-[0-9a-f]+_bg\.wasm)' \}\)/;
const wasm = html.match(loader)?.[1];
if (!wasm) throw new Error("post-build: Trunk's loader no longer reads as init({ module_or_path: '…' })");
html = html.replace(loader, 'init({ module_or_path: window.frontlineModule })');
html = html.replace(/<link\b[^>]*>/g, (tag) => (tag.includes(wasm) && /\bpreload\b/.test(tag) ? '' : tag));
// The first number a page formats loads the browser's locale data, 12-20 ms of the page's own
// thread, and the first view formats its figures: done while the module downloads, once the
// fetch has gone out, it is off the path to the first chart.
const warmLocale = 'setTimeout(()=>new Intl.NumberFormat().format(0))';
const compileEarly = `window.frontlineModule=WebAssembly.compileStreaming(fetch('${wasm}')).catch(()=>fetch('${wasm}'));${warmLocale}`;
const inline = [compileEarly, ...[...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1])];
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
// Trunk may have minified the page: the charset tag is found however it is written.
const charset = /<meta charset="?utf-8"?\s*\/?>/i;
if (!charset.test(html)) throw new Error('post-build: no <meta charset="utf-8"> to put the policy after');
html = html.replace(charset, (tag) => `${tag}<meta http-equiv="Content-Security-Policy" content="${policy}"><script>${compileEarly}</script>`);
const analyses = createHash('sha256');
for (const name of ['what-if.js', 'what-if.css', 'what_if.js', 'what_if_bg.wasm']) {
  analyses.update(await readFile(join(dir, name)));
}
const version = analyses.digest('hex').slice(0, 16);
html = html.replace('</title>', `</title><meta name="frontline-what-if" content="v=${version}">`);
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
