import { readFile } from 'node:fs/promises';

/** Everything the CLI touches, injectable so tests run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly readFile: (path: string) => Promise<string>;
  readonly readStdin: () => Promise<string>;
}

const readAll = async (stream: NodeJS.ReadableStream): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
};

export const processIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  readFile: (path) => readFile(path, 'utf8'),
  readStdin: () => readAll(process.stdin),
});

/** Exit codes: 0 ok, 1 a failure the user can retry or fix, 2 an invalid config, 64 bad usage. */
export const EXIT = { ok: 0, failed: 1, config: 2, usage: 64 } as const;
