import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The emulator in a child process, started and stopped from the bench. */

export interface RunningEmulator {
  readonly url: string;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 15_000;

const firstLine = (child: ChildProcess): Promise<string> =>
  new Promise((resolve, reject) => {
    if (child.stdout === null) throw new Error('emulator process has no stdout');
    const lines = createInterface({ input: child.stdout });
    const finish = (error: Error | undefined, line = ''): void => {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.close();
      if (error === undefined) resolve(line.trim());
      else reject(error);
    };
    const onExit = (code: number | null): void =>
      finish(new Error(`emulator process exited (${String(code)}) before printing its URL`));
    const timer = setTimeout(
      () => finish(new Error(`emulator process printed no URL in ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    );
    lines.once('line', (line) => finish(undefined, line));
    child.once('exit', onExit);
  });

/** Starts bench/sdk/emulator-process.js next to this file; `stop` ends exactly that child. */
export const startEmulatorProcess = async (): Promise<RunningEmulator> => {
  const script = fileURLToPath(new URL('./emulator-process.js', import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    return { url: await firstLine(child), stop };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
};
