import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configJsonSchema } from '../config/index.js';
import { type CliIo, EXIT } from './io.js';
import { loadRulesForCli } from './load.js';
import { runReplay } from './replay.js';

const HELP = `batch-bridge: Tencent Cloud BatchCompute events to alerts, chained jobs and autoscaling

Usage:
  batch-bridge validate --config bridge.yml
      Check bridge.yml (exit 0 when valid, 2 when not).
  batch-bridge replay --config bridge.yml FILE... [--json]
      Run deliveries through the rules with nothing sent (dry run). A FILE holds one
      delivery in any envelope, or one delivery per line when it ends in .jsonl;
      "-" reads standard input. --json prints one JSON object per action.
  batch-bridge schema
      Print the JSON Schema of bridge.yml (for editor completion).

Options:
  -c, --config FILE   bridge.yml to use (default: $BATCH_BRIDGE_CONFIG or ./bridge.yml)
  -h, --help          this text
  -v, --version       the version
`;

const version = (): string => {
  const url = new URL('../../package.json', import.meta.url);
  try {
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    // dist/ sits one level deeper than the sources
    return (
      JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
  }
};

const usage = (io: CliIo, message: string): number => {
  io.stderr(`${message}\nRun "batch-bridge --help" for usage.\n`);
  return EXIT.usage;
};

export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    return usage(io, e instanceof Error ? e.message : 'bad arguments');
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version === true) return print(io, `${version()}\n`);
  if (values.help === true || command === undefined || command === 'help') return print(io, HELP);
  const config = values.config ?? io.env['BATCH_BRIDGE_CONFIG'] ?? 'bridge.yml';
  switch (command) {
    case 'validate':
      return validate(config, io);
    case 'replay':
      if (rest.length === 0) return usage(io, 'replay needs at least one FILE (or - for stdin)');
      return runReplay({ config, files: rest, json: values.json === true }, io);
    case 'schema':
      return print(io, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    default:
      return usage(io, `unknown command "${command}"`);
  }
};

const parse = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      config: { type: 'string', short: 'c' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });

const print = (io: CliIo, text: string): number => {
  io.stdout(text);
  return EXIT.ok;
};

const validate = (config: string, io: CliIo): number => {
  const loaded = loadRulesForCli(config, io);
  if (typeof loaded === 'number') return loaded;
  for (const w of loaded.rules.warnings) io.stderr(`warning: ${w}\n`);
  const n = loaded.config.rules.length;
  io.stdout(
    `${config}: valid (${n} rule${n === 1 ? '' : 's'}, ${Object.keys(loaded.config.channels).length} channels)\n`,
  );
  return EXIT.ok;
};
