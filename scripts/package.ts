import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packageFunctions } from './package/build-bundles.js';
import { formatSizeTable } from './package/size-report.js';

/**
 * `npm run package [-- --out DIR --node-flags="--max-old-space-size=460"]`: one bundle per
 * functions/*.ts under dist-scf/NAME (serverless.yml deploys from there).
 * BATCH_BRIDGE_CONFIG_SOURCE picks the bridge.yml to ship. The code caches are written under
 * the Node flags given (the `nodeFlags` of a function's `cold start` log line), or none.
 */

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'dist-scf' },
    'node-flags': { type: 'string', default: '' },
  },
});
const outDir = resolve(root, values.out);
const nodeFlags = values['node-flags'].split(/\s+/).filter((flag) => flag !== '');

const started = performance.now();
const result = await packageFunctions({ root, outDir, nodeFlags });
const seconds = ((performance.now() - started) / 1000).toFixed(1);

const origin =
  result.config.origin === 'default'
    ? 'the default; BATCH_BRIDGE_CONFIG_SOURCE picks another'
    : 'from BATCH_BRIDGE_CONFIG_SOURCE';
console.log(`config: ${result.config.source} (${origin})`);
if (result.config.jobFiles.length > 0)
  console.log(`job files: ${result.config.jobFiles.join(', ')}`);
console.log(`bundles in ${outDir} (${seconds} s):\n`);
console.log(formatSizeTable(result.bundles));
