import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configJsonSchema } from '../config/index.js';
import { runCall } from './call.js';
import { runEmulator } from './emulator.js';
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
  batch-bridge call ACTION [--params JSON] [--region R]
      Call the Batch API (e.g. DescribeComputeEnvs) and print the response: checks that the
      credentials work. Credentials come from TENCENTCLOUD_SECRETID/SECRETKEY/SESSIONTOKEN
      or TENCENTCLOUD_SECRET_ID/SECRET_KEY/SESSION_TOKEN; BATCH_BRIDGE_BATCH_ENDPOINT
      overrides the endpoint.
  batch-bridge emulator [--port N]
      Run the local Batch API emulator until interrupted.

Options:
  -c, --config FILE   bridge.yml to use (default: $BATCH_BRIDGE_CONFIG or ./bridge.yml)
  --params JSON       call: the action's parameters (default {})
  --region R          call: the region (default $TENCENTCLOUD_REGION or ap-guangzhou)
  --port N            emulator: the port (default: a free one)
  -h, --help          this text
  -v, --version       the version
`;

/** package.json sits two levels above the sources and three above their build in dist/. */
const version = (): string => {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { version: string })
        .version;
    } catch {}
  }
  return 'unknown';
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
    case 'call':
      if (rest[0] === undefined) return usage(io, 'call needs an ACTION, e.g. DescribeComputeEnvs');
      return runCall({ action: rest[0], params: values.params, region: values.region }, io);
    case 'emulator': {
      const port = Number(values.port ?? 0);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        return usage(io, '--port must be 0-65535');
      return runEmulator({ port, stop: interrupted() }, io);
    }
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
      params: { type: 'string' },
      region: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });

const interrupted = (): Promise<unknown> =>
  new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
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
