import { isSide, loadCaller } from './clients.js';

/**
 * One cold start, run as `node cold-call.js <ours|official> <url>` in a fresh process: imports
 * one client, makes one call and prints, as JSON, milliseconds since the process started
 * (`performance.now()` counts from `performance.timeOrigin`, the process start).
 */

const [side, url] = process.argv.slice(2);
if (!isSide(side) || url === undefined) throw new Error('usage: cold-call <ours|official> <url>');
const scriptStartMs = performance.now();
const call = await loadCaller(side, url);
const importedMs = performance.now();
await call();
const firstResponseMs = performance.now();
process.stdout.write(
  JSON.stringify({ scriptStartMs, importMs: importedMs - scriptStartMs, firstResponseMs }),
);
// Keep-alive sockets must not hold the process open: the parent also times spawn to exit.
process.exit(0);
