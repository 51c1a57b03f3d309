'use strict';
/**
 * index.js of a packaged function: loads app.js (and, when asked, its lazy chunks) with V8's code
 * cache, which Node 20 does not keep for user code. A cache is used only if it was written by
 * the same V8 (its version is in the file name) and V8 accepts it; otherwise, or when
 * BATCH_BRIDGE_CODE_CACHE=off, the file is compiled as require would. `npm run package` writes
 * the caches with BATCH_BRIDGE_CODE_CACHE=record, after a warm-up (scripts/package/warm-up.cjs).
 */
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const mode = process.env.BATCH_BRIDGE_CODE_CACHE ?? 'on';
const STATUS = Symbol.for('batch-bridge.codeCache');
// Per file: what V8 did with its cache, and the ms to compile it and to run its module code.
const status = { mode, files: {}, compileMs: {}, runMs: {} };
globalThis[STATUS] = status;
// Kept only to write their caches when recording.
const recorded = new Map();

const cacheFile = (file) => `${file}.v8-${process.versions.v8}.cache`;

const readCache = (file) => {
  if (mode !== 'on') return undefined;
  try {
    return readFileSync(cacheFile(file));
  } catch {
    return undefined;
  }
};

/** Runs a CommonJS file as require would, registered in require.cache under its own path. */
const load = (file) => {
  const cached = require.cache[file];
  if (cached !== undefined) return cached.exports;
  const started = performance.now();
  const cachedData = readCache(file);
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
  });
  const compiled = performance.now();
  status.compileMs[file] = Math.round(compiled - started);
  status.files[file] =
    cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  if (mode === 'record') recorded.set(file, script);
  const mod = new Module(file, module);
  mod.filename = file;
  require.cache[file] = mod;
  const requireFrom = Module.createRequire(file);
  const localRequire = (id) => (id.startsWith('./') ? load(join(__dirname, id)) : requireFrom(id));
  try {
    script.runInThisContext().call(mod.exports, mod.exports, localRequire, mod, file, __dirname);
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  mod.loaded = true;
  status.runMs[file] = Math.round(performance.now() - compiled);
  return mod.exports;
};

module.exports = load(join(__dirname, 'app.js'));

/** `node index.js WARM_UP_MODULE NAME [CHUNK...]`: loads, warms up, then writes the caches. */
const record = async ([warmUp, name, ...chunkFiles]) => {
  const chunks = chunkFiles.map((chunk) => load(join(__dirname, chunk)));
  await require(warmUp)({ name, app: module.exports, chunks });
  for (const [file, script] of recorded) writeFileSync(cacheFile(file), script.createCachedData());
};

if (mode === 'record') {
  record(process.argv.slice(2)).then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
