import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { specs } from '../cold-start.js';
import { buildOfficialBundle, buildOurBundles } from './build.js';
import { runColdStart } from './child-run.js';
import { startColdStartWorld } from './world.js';

/**
 * Profiles cold starts:
 * `npx tsx bench/cold-start/profile.ts [ours|oursNoCodeCache|official|officialBundled] [runs] [dir] [--no-minify]`
 * runs fresh processes against the cold-start world, each side once plain (the times printed)
 * and once with `--cpu-prof` into dir (default ./cold-start-profiles). `--no-minify` packages
 * our bundles unminified, so a profile names our functions; KEEP=1 keeps the bundles.
 */

type Side = 'ours' | 'oursNoCodeCache' | 'official' | 'officialBundled';
const args = process.argv.slice(2).filter((a) => a !== '--no-minify');
const minify = !process.argv.includes('--no-minify');
const side = (args[0] ?? 'ours') as Side;
const runs = Number(args[1] ?? 3);
const outDir = resolve(args[2] ?? 'cold-start-profiles');
mkdirSync(outDir, { recursive: true });

const tmp = mkdtempSync(join(tmpdir(), 'batch-bridge-cold-profile-'));
const world = await startColdStartWorld();
try {
  const packaged = await buildOurBundles(tmp, minify);
  const official = await buildOfficialBundle(tmp);
  const spec = specs(world, join(packaged.outDir, 'topic'), official.file)[side];
  await runColdStart(spec, world.delivery); // page cache
  for (let r = 0; r < runs; r += 1) {
    const profiled = {
      ...spec,
      execArgv: ['--cpu-prof', `--cpu-prof-dir=${outDir}`, '--cpu-prof-interval=500'],
    };
    const plain = await runColdStart(spec, world.delivery);
    await runColdStart(profiled, world.delivery);
    console.log(
      `${side} run ${r + 1}: loaded ${plain.loadedMs.toFixed(1)} ms, handled ${plain.handledMs.toFixed(1)} ms`,
    );
  }
  console.log(`profiles in ${outDir}`);
} finally {
  await world.close();
  if (process.env['KEEP'] === undefined) rmSync(tmp, { recursive: true, force: true });
  else console.log('kept', tmp);
}
