import { basename, resolve } from 'node:path';
import { createDryRunExecutor } from '../actions/index.js';
import { type ProcessDeps, processDelivery } from '../core/process-delivery.js';
import { silentLogger } from '../logger.js';
import { type CliIo, EXIT } from './io.js';
import { loadRulesForCli } from './load.js';
import { replayJsonLines, replayText } from './replay-format.js';

export interface ReplayOptions {
  readonly config: string;
  readonly files: readonly string[];
  readonly json: boolean;
}

interface Delivery {
  readonly name: string;
  readonly body: string;
}

/** A `.jsonl` file holds one delivery per non-blank line; any other file is one delivery. */
export const splitDeliveries = (file: string, text: string): Delivery[] => {
  if (!file.endsWith('.jsonl')) return [{ name: `${file}#0`, body: text }];
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((body, i) => ({ name: `${file}#${i}`, body }));
};

const readDeliveries = async (file: string, io: CliIo): Promise<Delivery[] | string> => {
  try {
    const text = file === '-' ? await io.readStdin() : await io.readFile(resolve(io.cwd, file));
    return splitDeliveries(file === '-' ? 'stdin' : file, text);
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    return `${basename(file)}: cannot read (${reason})`;
  }
};

export const runReplay = async (options: ReplayOptions, io: CliIo): Promise<number> => {
  const loaded = loadRulesForCli(options.config, io);
  if (typeof loaded === 'number') return loaded;
  const deps: ProcessDeps = {
    rules: loaded.rules,
    executor: createDryRunExecutor(),
    logger: silentLogger,
  };
  let events = 0;
  let actions = 0;
  let rejected = 0;
  let ruleErrors = 0;
  for (const file of options.files) {
    const deliveries = await readDeliveries(file, io);
    if (typeof deliveries === 'string') {
      io.stderr(`${deliveries}\n`);
      return EXIT.failed;
    }
    for (const d of deliveries) {
      const result = await processDelivery(d.body, deps, { explain: !options.json });
      const lines = options.json ? replayJsonLines(d.name, result) : replayText(d.name, result);
      if (lines.length > 0) io.stdout(`${lines.join('\n')}\n`);
      events += result.events.length;
      actions += result.events.reduce((n, e) => n + e.actions.length, 0);
      rejected += result.rejected.length;
      ruleErrors += result.events.reduce((n, e) => n + e.errors.length, 0);
    }
  }
  if (!options.json) {
    const counts = `${events} events, ${actions} actions planned, ${rejected} rejected, ${ruleErrors} rule errors`;
    io.stdout(`\n${counts} (dry run: nothing was sent)\n`);
  }
  // A rule that matched but could not plan is a config problem the user must see.
  return ruleErrors > 0 ? EXIT.failed : EXIT.ok;
};
