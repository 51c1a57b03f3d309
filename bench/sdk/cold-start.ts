import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as z from 'zod';
import type { Side } from './clients.js';
import { median, round } from './load.js';

/** Cold starts of a handler's first Batch call: fresh `node` processes, sides alternating. */

export interface ColdStartFigures {
  readonly runsPerSide: number;
  readonly measuredAs: string;
  readonly nodeBootMs: number;
  readonly oursFirstResponseMs: number;
  readonly officialFirstResponseMs: number;
  readonly firstResponseRatioOursToOfficial: number;
  readonly oursImportMs: number;
  readonly officialImportMs: number;
  readonly importRatioOursToOfficial: number;
  /** From the client being built to the first response: lazy loading on the first call. */
  readonly oursFirstCallMs: number;
  readonly officialFirstCallMs: number;
  readonly oursSpawnToExitMs: number;
  readonly officialSpawnToExitMs: number;
  readonly spawnToExitRatioOursToOfficial: number;
}

const ChildOutputSchema = z.object({
  scriptStartMs: z.number(),
  importMs: z.number(),
  firstResponseMs: z.number(),
});

type ColdSample = z.infer<typeof ChildOutputSchema> & {
  readonly firstCallMs: number;
  readonly spawnToExitMs: number;
};

const CHILD_TIMEOUT_MS = 30_000;
const MEASURED_AS =
  'firstResponseMs: performance.now() in the child at the first response, i.e. ms since the ' +
  'process started (includes node boot); importMs: the dynamic import and client construction; ' +
  'firstCallMs: client built to first response; spawnToExitMs: parent hrtime from spawn to ' +
  'exit (includes process teardown, which a warm SCF instance never pays)';

const coldRun = async (side: Side, url: string): Promise<ColdSample> => {
  const script = fileURLToPath(new URL('./cold-call.js', import.meta.url));
  const started = process.hrtime.bigint();
  const { stdout } = await promisify(execFile)(process.execPath, [script, side, url], {
    timeout: CHILD_TIMEOUT_MS,
  });
  const spawnToExitMs = Number(process.hrtime.bigint() - started) / 1e6;
  const child = ChildOutputSchema.parse(JSON.parse(stdout));
  const firstCallMs = child.firstResponseMs - child.scriptStartMs - child.importMs;
  return { ...child, firstCallMs, spawnToExitMs };
};

/** Runs of one round are neighbours in time: the median of their ratios resists load drift. */
const pairedRatio = (ours: readonly number[], official: readonly number[]): number =>
  round(median(ours.map((o, i) => o / (official[i] as number))));

const summarise = (ours: ColdSample[], official: ColdSample[]): ColdStartFigures => {
  const pick = (xs: ColdSample[], key: keyof ColdSample): number[] => xs.map((x) => x[key]);
  const [oFirst, sFirst] = [pick(ours, 'firstResponseMs'), pick(official, 'firstResponseMs')];
  const [oImport, sImport] = [pick(ours, 'importMs'), pick(official, 'importMs')];
  const [oExit, sExit] = [pick(ours, 'spawnToExitMs'), pick(official, 'spawnToExitMs')];
  return {
    runsPerSide: ours.length,
    measuredAs: MEASURED_AS,
    nodeBootMs: round(median(pick([...ours, ...official], 'scriptStartMs')), 1),
    oursFirstResponseMs: round(median(oFirst), 1),
    officialFirstResponseMs: round(median(sFirst), 1),
    firstResponseRatioOursToOfficial: pairedRatio(oFirst, sFirst),
    oursImportMs: round(median(oImport), 1),
    officialImportMs: round(median(sImport), 1),
    importRatioOursToOfficial: pairedRatio(oImport, sImport),
    oursFirstCallMs: round(median(pick(ours, 'firstCallMs')), 1),
    officialFirstCallMs: round(median(pick(official, 'firstCallMs')), 1),
    oursSpawnToExitMs: round(median(oExit), 1),
    officialSpawnToExitMs: round(median(sExit), 1),
    spawnToExitRatioOursToOfficial: pairedRatio(oExit, sExit),
  };
};

/** One discarded run per side first (page cache), then `runs` per side, order flipping. */
export const measureColdStarts = async (url: string, runs: number): Promise<ColdStartFigures> => {
  await coldRun('ours', url);
  await coldRun('official', url);
  const samples: Record<Side, ColdSample[]> = { ours: [], official: [] };
  for (let r = 0; r < runs; r += 1) {
    const order: Side[] = r % 2 === 0 ? ['ours', 'official'] : ['official', 'ours'];
    for (const side of order) samples[side].push(await coldRun(side, url));
  }
  return summarise(samples.ours, samples.official);
};
