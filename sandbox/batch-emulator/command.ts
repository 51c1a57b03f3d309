/**
 * What a task instance's command "does" in the emulator: `exit N` fails with that code,
 * `sleep S` sets how long it runs, `echo …` is its output (`>&2` sends it to stderr).
 * Nothing is executed.
 */

export interface CommandOutcome {
  readonly exitCode: number;
  /** Emulated milliseconds; undefined when the command does not say. */
  readonly durationMs: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

export interface OutcomeContext {
  readonly jobId: string;
  readonly taskName: string;
  readonly index: number;
}

const EXIT_PATTERN = /\bexit\s+(\d{1,3})\b/;
const SLEEP_PATTERN = /\bsleep\s+(\d+(?:\.\d+)?)\b/;

const unquote = (text: string): string => text.trim().replace(/^(['"])(.*)\1$/s, '$2');

interface EchoLine {
  readonly text: string;
  readonly toStderr: boolean;
}

const echoLines = (command: string): EchoLine[] =>
  command
    .split(/;|&&|\|\||\n/)
    .map((part) => part.trim())
    .filter((part) => /^(?:\d?>&2\s+)?echo\b/.test(part))
    .map((part) => {
      const toStderr = /(?:^|\s)\d?>&2(?:\s|$)/.test(part);
      const text = part.replace(/\d?>&2/g, '').replace(/^\s*echo(?:\s+-[ne]+)?/, '');
      return { text: unquote(text.split('|')[0] ?? ''), toStderr };
    });

const joinLines = (lines: readonly string[]): string => lines.map((line) => `${line}\n`).join('');

/** A failing program's stderr: what an alert with a log tail would show. */
const failureTrace = (command: string, exitCode: number, context: OutcomeContext): string[] => [
  `+ ${command}`,
  'Traceback (most recent call last):',
  '  File "/opt/batch/run_task.py", line 27, in <module>',
  '    main()',
  `RuntimeError: task ${context.taskName} instance ${context.index} of ${context.jobId} failed`,
  `ERROR: command exited with code ${exitCode}`,
];

export const runCommand = (command: string, context: OutcomeContext): CommandOutcome => {
  const exitCode = Number(EXIT_PATTERN.exec(command)?.[1] ?? '0');
  const sleep = SLEEP_PATTERN.exec(command)?.[1];
  const lines = echoLines(command);
  const stdout = lines.filter((line) => !line.toStderr).map((line) => line.text);
  const stderr = lines.filter((line) => line.toStderr).map((line) => line.text);
  if (exitCode !== 0) stderr.push(...failureTrace(command, exitCode, context));
  return {
    exitCode,
    durationMs: sleep === undefined ? undefined : Number(sleep) * 1000,
    stdout: joinLines(stdout),
    stderr: joinLines(stderr),
  };
};

/** Batch's file-name placeholders are literal `${NAME}` text, not JavaScript templates. */
const placeholder = (name: string): string => `$\{${name}}`;

/** `${BATCH_JOB_ID}`-style placeholders of RedirectInfo file names (batch-api.md 5.2). */
export const resolveFileName = (template: string, context: OutcomeContext): string =>
  template
    .replaceAll(placeholder('BATCH_JOB_ID'), context.jobId)
    .replaceAll(placeholder('BATCH_TASK_NAME'), context.taskName)
    .replaceAll(placeholder('BATCH_TASK_INSTANCE_INDEX'), String(context.index));

export const defaultFileName = (stream: 'stdout' | 'stderr', context: OutcomeContext): string =>
  `${stream}.${context.jobId}.${context.taskName}.${context.index}.log`;

/** Batch documents the location as `<RedirectPath><FileName>`; a path without a slash gets one. */
export const logUrl = (path: string, fileName: string): string =>
  path.endsWith('/') ? `${path}${fileName}` : `${path}/${fileName}`;

/** The resolved file name of one stream of one instance: the template, else the default. */
export const fileNameFor = (
  stream: 'stdout' | 'stderr',
  template: string,
  context: OutcomeContext,
): string =>
  template === '' ? defaultFileName(stream, context) : resolveFileName(template, context);
