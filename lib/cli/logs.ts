import { isBridgeError } from '../errors.js';
import {
  cosLogObject,
  createCosLogStore,
  findTaskInstance,
  type LogObject,
  type LogStream,
  locateInstanceLog,
  type TailResult,
  tailInstanceLog,
} from '../logs/index.js';
import { createBatchClient, createEnvCredentialProvider } from '../tencent/index.js';
import { batchEndpoint } from './call.js';
import { type CliIo, EXIT } from './io.js';

export interface LogsOptions {
  readonly target: string;
  readonly stream: LogStream;
  readonly tail: number;
  readonly follow: boolean;
  readonly task: string | undefined;
  readonly index: number | undefined;
  readonly region: string;
  readonly stop: AbortSignal;
}

const FINISHED = new Set(['SUCCEED', 'FAILED', 'FAILED_INTERRUPTED']);

const peers = (options: LogsOptions, io: CliIo) => {
  const credentials = createEnvCredentialProvider(io.env);
  const cos = io.env['BATCH_BRIDGE_COS_ENDPOINT'];
  const store = createCosLogStore({
    credentials,
    region: options.region,
    ...(cos ? { endpoint: cos } : {}),
  });
  const endpoint = batchEndpoint(io.env);
  const batch = createBatchClient({
    credentials,
    region: options.region,
    ...(endpoint ? { endpoint } : {}),
  });
  return { store, batch };
};

const printTail = (result: TailResult, io: CliIo): number => {
  if (result.status === 'missing') {
    io.stderr(`no log to show: ${result.reason}\n`);
    return EXIT.failed;
  }
  if (result.lines.length > 0) io.stdout(`${result.lines.join('\n')}\n`);
  const from = result.source === 'cos' ? 'COS' : 'DescribeTaskLogs (at most 2 KB)';
  io.stderr(
    `# ${result.lines.length} lines from ${from}, ${result.bytesRead} of ${result.size} bytes read\n`,
  );
  return EXIT.ok;
};

const objectOfUrl = (url: string): LogObject => {
  const cut = url.lastIndexOf('/') + 1;
  return cosLogObject(url.slice(0, cut), url.slice(cut));
};

/** `logs`: the tail of a task instance's log (a cos:// URL, or a job id with --task/--index). */
export const runLogs = async (options: LogsOptions, io: CliIo): Promise<number> => {
  const isUrl = options.target.startsWith('cos://');
  if (!isUrl && (options.task === undefined || options.index === undefined)) {
    io.stderr('logs JOB_ID needs --task NAME and --index N (or give a cos:// URL)\n');
    return EXIT.usage;
  }
  const { store, batch } = peers(options, io);
  try {
    const ref = {
      jobId: options.target,
      taskName: options.task ?? '',
      index: options.index ?? 0,
      stream: options.stream,
    };
    if (!options.follow) {
      const tail = isUrl
        ? store.tail(objectOfUrl(options.target), { lines: options.tail })
        : tailInstanceLog({ ...ref, lines: options.tail }, { batch, store });
      return printTail(await tail, io);
    }
    const located = isUrl
      ? { found: true as const, object: objectOfUrl(options.target) }
      : await locateInstanceLog(ref, { batch });
    if (!located.found) {
      io.stderr(`no log to follow: ${located.reason}\n`);
      return EXIT.failed;
    }
    const until = isUrl
      ? async () => false
      : async () => FINISHED.has((await findTaskInstance(batch, ref))?.TaskInstanceState ?? '');
    for await (const chunk of store.follow(located.object, { until, signal: options.stop }))
      io.stdout(chunk);
    return EXIT.ok;
  } catch (e) {
    io.stderr(`${isBridgeError(e) ? `${e.code}: ${e.message}` : 'the log could not be read'}\n`);
    return EXIT.failed;
  } finally {
    store.close();
  }
};
