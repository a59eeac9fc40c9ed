// Loads the what-if analyses on first use. The page adds this script with its build's version
// as the query (what-if.js?v=…), and the same query goes on every file loaded here, so a
// browser's cache never mixes two builds.
const version = new URL(import.meta.url).search;
const here = (name) => new URL(name + version, import.meta.url).href;
const style = document.createElement('link');
style.rel = 'stylesheet';
style.href = here('what-if.css');
document.head.append(style);
const analyses = await import(here('what_if.js'));
await analyses.default({ module_or_path: here('what_if_bg.wasm') });
