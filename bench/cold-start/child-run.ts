import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as z from 'zod';

/**
 * One cold start: a fresh `node` loads a handler file with require, as SCF's Node runtime does,
 * and invokes `main_handler` once. Times are `performance.now()` in the child, i.e. ms since
 * the process started: `loadedMs` after require, `handledMs` when the handler resolved.
 */

const MARK = '@@cold-start ';

// Plain CommonJS for `node -e`; the context carries the fields SCF's Node context has.
const RUNNER = `
const mod = require(process.argv[1]);
const loadedMs = performance.now();
const limit = 30000, started = Date.now();
const context = {
  memory_limit_in_mb: 256, time_limit_in_ms: limit, request_id: 'req-cold-start',
  function_name: 'cold-start-bench', function_version: '$LATEST', namespace: 'default',
  getRemainingTimeInMillis: () => limit - (Date.now() - started),
};
mod.main_handler(JSON.parse(process.argv[2]), context).then((reply) => {
  const handledMs = performance.now();
  const codeCache = globalThis[Symbol.for('batch-bridge.codeCache')];
  const timeOrigin = performance.timeOrigin;
  const result = { reply, loadedMs, handledMs, codeCache, timeOrigin };
  process.stdout.write('\\n${MARK}' + JSON.stringify(result) + '\\n');
  process.exit(0);
}, (error) => { console.error(error); process.exit(1); });
`;

const RunSchema = z.object({
  reply: z.unknown(),
  loadedMs: z.number(),
  handledMs: z.number(),
  /** Our loader's report: each file's V8 code cache accepted, rejected or none. */
  codeCache: z
    .looseObject({ mode: z.string(), files: z.record(z.string(), z.string()) })
    .optional(),
  /** Epoch ms of the child's process start: lines its times up with a server's clock. */
  timeOrigin: z.number(),
});
export type ColdRun = z.infer<typeof RunSchema>;

export interface ChildSpec {
  /** Absolute path of the file exporting main_handler. */
  readonly file: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Extra node flags, e.g. `--cpu-prof` when profiling. */
  readonly execArgv?: readonly string[];
}

export const runColdStart = async (spec: ChildSpec, event: unknown): Promise<ColdRun> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...(spec.execArgv ?? []), '-e', RUNNER, spec.file, JSON.stringify(event)],
    // Only what a function gets: nothing from the developer's shell leaks into the run.
    { cwd: spec.cwd, timeout: 30_000, env: { PATH: process.env['PATH'] ?? '', ...spec.env } },
  );
  const line = stdout.split('\n').find((l) => l.startsWith(MARK));
  if (line === undefined) throw new Error(`no result from ${spec.file}:\n${stdout}`);
  return RunSchema.parse(JSON.parse(line.slice(MARK.length)));
};
