import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packageFunctions } from './package/build-bundles.js';
import { formatSizeTable } from './package/size-report.js';

/**
 * `npm run package [-- --out DIR]`: one bundle per functions/*.ts under dist-scf/NAME
 * (serverless.yml deploys from there). BATCH_BRIDGE_CONFIG_SOURCE picks the bridge.yml to ship.
 */

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist-scf' } } });
const outDir = resolve(root, values.out);

const started = performance.now();
const result = await packageFunctions({ root, outDir });
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
