// Short names for what a wasm-bindgen module and its JavaScript glue call each other by.
//
// wasm-bindgen names each import after the function and a hash of its signature
// (`__wbg_createElement_de4a31ed2fb252be`), and some exports after a closure's hash. Every such
// name is written twice, once in the module and once in the glue, and the hashes do not compress:
// a few kilobytes of the first load that say nothing to the browser. Here each import and export
// gets a name of one or two letters, in both files at once. Only the import and export sections
// of the module are written anew; every other byte is kept as it is.

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The `n`th short name: a … Z, then aa, ab, … */
function shortName(n) {
  let name = '';
  for (let rest = n + 1; rest > 0; rest = Math.floor((rest - 1) / LETTERS.length)) {
    name = LETTERS[(rest - 1) % LETTERS.length] + name;
  }
  return name;
}

/** Reads a module's sections, and the names in its imports and exports. */
class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.at = 0;
  }

  u32() {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = this.bytes[this.at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  }

  name() {
    const length = this.u32();
    const text = new TextDecoder().decode(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return text;
  }

  /** The bytes from `start` to where reading has come. */
  since(start) {
    return this.bytes.subarray(start, this.at);
  }
}

const u32 = (value) => {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Uint8Array.from(out);
};
const name = (text) => {
  const bytes = new TextEncoder().encode(text);
  return [u32(bytes.length), bytes];
};

/** Skips an import's description (its kind and type), returning its bytes. */
function importDescription(reader) {
  const start = reader.at;
  const kind = reader.bytes[reader.at++];
  const limits = () => {
    const flags = reader.u32();
    reader.u32();
    if (flags & 1) reader.u32();
  };
  if (kind === 0) reader.u32(); // function: type index
  else if (kind === 1) { reader.at += 1; limits(); } // table: element type, limits
  else if (kind === 2) limits(); // memory
  else if (kind === 3) reader.at += 2; // global: value type, mutability
  else throw new Error(`short-names: import kind ${kind} not known`);
  return reader.since(start);
}

/**
 * Renames the imports and exports of a wasm module (`bytes`): returns the new module and the
 * renaming, as maps from old to new name of the import modules, the imports and the exports.
 */
export function shortenModule(bytes) {
  const reader = new Reader(bytes);
  const parts = [bytes.subarray(0, 8)]; // magic and version
  const modules = new Map();
  const imports = new Map();
  const exports = new Map();
  reader.at = 8;
  while (reader.at < bytes.length) {
    const start = reader.at;
    const id = reader.bytes[reader.at++];
    const size = reader.u32();
    const end = reader.at + size;
    if (id !== 2 && id !== 7) {
      reader.at = end;
      parts.push(reader.since(start));
      continue;
    }
    const entries = [];
    const count = reader.u32();
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        const module = reader.name();
        const field = reader.name();
        if (!modules.has(module)) modules.set(module, shortName(modules.size));
        if (imports.has(field)) throw new Error(`short-names: import ${field} imported twice`);
        imports.set(field, shortName(imports.size));
        entries.push(...name(modules.get(module)), ...name(imports.get(field)), importDescription(reader));
      } else {
        const field = reader.name();
        const kindAndIndex = reader.at;
        reader.at += 1;
        reader.u32();
        exports.set(field, shortName(exports.size));
        entries.push(...name(exports.get(field)), reader.since(kindAndIndex));
      }
    }
    if (reader.at !== end) throw new Error(`short-names: section ${id} not read to its end`);
    const body = [u32(count), ...entries];
    const length = body.reduce((sum, part) => sum + part.length, 0);
    parts.push(Uint8Array.of(id), u32(length), ...body);
  }
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
  return { bytes: out, modules, imports, exports };
}

/**
 * The glue with the names of `renaming`: import modules where they are quoted, imports wherever
 * they stand as a word (the glue's import object), exports after `wasm.`. Fails if an import is
 * not found in the glue or the glue uses an export the module lacks, rather than give a page
 * that breaks.
 */
export function renameInGlue(glue, { modules, imports, exports }) {
  const words = (names) => new RegExp(`\\b(${names.join('|')})\\b`, 'g');
  const found = new Set();
  let js = glue;
  for (const [old, short] of modules) js = js.split(JSON.stringify(old)).join(JSON.stringify(short));
  js = js.replace(words([...imports.keys()]), (old) => (found.add(old), imports.get(old)));
  js = js.replace(words([...exports.keys()].map((old) => `wasm\\.${old}`)), (old) => `wasm.${exports.get(old.slice(5))}`);
  const missing = [...imports.keys()].filter((old) => !found.has(old));
  if (missing.length > 0) throw new Error(`short-names: the glue has no import ${missing[0]}`);
  const shortExports = new Set(exports.values());
  const unknown = [...js.matchAll(/\bwasm\.([\w$]+)/g)].find(([, used]) => !shortExports.has(used));
  if (unknown) throw new Error(`short-names: the glue uses ${unknown[0]}, which the module does not export`);
  return js;
}
