import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configJsonSchema } from '../config/index.js';
import { runAlertTest } from './alert-test.js';
import { runAuditQuery } from './audit.js';
import { runCall } from './call.js';
import { runDrain } from './drain.js';
import { runEmulator } from './emulator.js';
import { type CliIo, EXIT } from './io.js';
import { loadRulesForCli } from './load.js';
import { runLogs } from './logs.js';
import { runReplay } from './replay.js';
import { runServe } from './serve.js';

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
  batch-bridge audit [--day YYYY-MM-DD] [--job ID] [--json]
      The actions taken on a day (UTC, default today), oldest first: event, rule, what was
      sent (secrets masked), what came back, request ids. --job: only records about that job.
      Reads the state store of BATCH_BRIDGE_REDIS_URL.
  batch-bridge serve --config bridge.yml [--port N] [--host H]
      Take the topic's HTTP pushes (JSON or SIMPLIFIED) until SIGINT/SIGTERM, then close
      gracefully. POST / (or /push/$BATCH_BRIDGE_PUSH_SECRET when set); GET /healthz.
  batch-bridge drain --config bridge.yml [--once] [--dry-run]
      Empty the TDMQ-CMQ queue of bridge.yml through the rules (--once: until it is empty;
      else until interrupted). BATCH_BRIDGE_CMQ_ENDPOINT overrides the queue's endpoint.
  batch-bridge alert test --config bridge.yml --channel NAME
      Send a test message to a channel; exit 1 with the channel's own error.
  batch-bridge logs TARGET [--stream stdout|stderr] [--tail N] [--follow]
      The last lines of a task instance's log. TARGET is a cos:// URL of the log file, or a
      job id with --task NAME --index N. --follow keeps reading until the instance ends.
      BATCH_BRIDGE_COS_ENDPOINT overrides the COS endpoint.

Options:
  -c, --config FILE   bridge.yml to use (default: $BATCH_BRIDGE_CONFIG or ./bridge.yml)
  --params JSON       call: the action's parameters (default {})
  --region R          call: the region (default $TENCENTCLOUD_REGION or ap-guangzhou)
  --port N            emulator: the port (default: a free one); serve: default 8080
  --host H            serve: the address (default 127.0.0.1; 0.0.0.0 to take pushes from outside)
  --channel NAME      alert test: the channel of bridge.yml
  --stream S          logs: stdout or stderr (default stderr)
  --tail N            logs: how many lines (default 30)
  --task NAME, --index N, --follow   logs: the instance of a job; keep reading
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
    case 'alert':
      if (rest[0] !== 'test') return usage(io, 'did you mean "alert test --channel NAME"?');
      return runAlertTest({ config, channel: values.channel }, io);
    case 'logs':
      return logs(rest[0], values, io);
    case 'audit':
      return runAuditQuery({ day: values.day, jobId: values.job, json: values.json === true }, io);
    case 'serve':
      return runServe({ config, port: values.port, host: values.host }, io);
    case 'drain': {
      const stop = new AbortController();
      void interrupted().then(() => stop.abort());
      const flags = { once: values.once === true, dryRun: values['dry-run'] === true };
      return runDrain({ config, ...flags, stop: stop.signal }, io);
    }
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

type Values = ReturnType<typeof parse>['values'];

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
      host: { type: 'string' },
      day: { type: 'string' },
      job: { type: 'string' },
      channel: { type: 'string' },
      stream: { type: 'string' },
      tail: { type: 'string' },
      task: { type: 'string' },
      index: { type: 'string' },
      follow: { type: 'boolean' },
      once: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });

const logs = (target: string | undefined, values: Values, io: CliIo): Promise<number> | number => {
  const tail = Number(values.tail ?? 30);
  const index = values.index === undefined ? undefined : Number(values.index);
  const stream = values.stream ?? 'stderr';
  if (target === undefined) return usage(io, 'logs needs a TARGET: a cos:// URL or a job id');
  if (stream !== 'stdout' && stream !== 'stderr') return usage(io, '--stream is stdout or stderr');
  if (!Number.isInteger(tail) || tail < 1 || tail > 10_000) return usage(io, '--tail is 1-10000');
  if (index !== undefined && (!Number.isInteger(index) || index < 0))
    return usage(io, '--index is a number');
  const stop = new AbortController();
  void interrupted().then(() => stop.abort());
  const region = values.region ?? io.env['TENCENTCLOUD_REGION'] ?? 'ap-guangzhou';
  const follow = values.follow === true;
  return runLogs(
    { target, stream, tail, follow, task: values.task, index, region, stop: stop.signal },
    io,
  );
};

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
