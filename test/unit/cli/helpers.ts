import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliIo } from '../../../lib/cli/io.js';
import { runCli } from '../../../lib/cli/main.js';

/** One line of `replay --json` (DESIGN 3.3). */
export interface ReplayLine {
  delivery: string;
  event?: string;
  eventId?: string;
  where?: string;
  rule?: string | null;
  action?: string | null;
  plan?: { request: { Placement: unknown; ClientToken: string; Job: Record<string, unknown> } };
  outcome?: unknown;
  error?: { code: string; message: string };
}

export const ROOT = resolve(import.meta.dirname, '../../..');

/** Runs the CLI in-process against the repository's files, capturing what it prints. */
export const cli = async (
  argv: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
) => {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: options.env ?? {},
    cwd: ROOT,
    readFile: (p) => readFile(p, 'utf8'),
    readStdin: async () => options.stdin ?? '',
  };
  const code = await runCli(argv, io);
  return {
    code,
    stdout,
    stderr,
    json: () =>
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as ReplayLine),
  };
};
