import { randomBytes } from 'node:crypto';
import { type CliIo, EXIT } from './io.js';

export interface EmulatorCommandOptions {
  readonly port: number;
  /** Resolves when the command should stop (SIGINT/SIGTERM from the shell, or a test). */
  readonly stop: Promise<unknown>;
}

/** The key pair the client would use: the SCF spelling first, as createEnvCredentialProvider. */
const envCredentials = (env: CliIo['env']) => {
  const id = env['TENCENTCLOUD_SECRETID'] ?? env['TENCENTCLOUD_SECRET_ID'];
  const key = env['TENCENTCLOUD_SECRETKEY'] ?? env['TENCENTCLOUD_SECRET_KEY'];
  return id && key ? { secretId: id, secretKey: key } : undefined;
};

/**
 * Runs the Batch API emulator alone, for users' own tests. It accepts the key pair found in
 * the environment, so `batch-bridge call` works against it with no extra set-up; without one
 * it makes a throwaway local pair and prints it.
 */
export const runEmulator = async (options: EmulatorCommandOptions, io: CliIo): Promise<number> => {
  const { createBatchEmulator } = await import('../../sandbox/batch-emulator/index.js');
  const found = envCredentials(io.env);
  const credentials = found ?? {
    secretId: `AKIDlocal${randomBytes(8).toString('hex')}`,
    secretKey: randomBytes(16).toString('hex'),
  };
  const emulator = await createBatchEmulator({
    port: options.port,
    credentials: [credentials],
    envs: [{ envId: 'env-local0001', envName: 'local-pool', desiredComputeNodeCount: 0 }],
  });
  io.stdout(
    `Batch API emulator listening on ${emulator.url} (env-local0001 "local-pool", 0 nodes)\n`,
  );
  io.stdout(`export BATCH_BRIDGE_BATCH_ENDPOINT=${emulator.url}\n`);
  if (found === undefined) {
    // A pair made up for this local process only: it opens nothing but this emulator.
    io.stdout(`export TENCENTCLOUD_SECRET_ID=${credentials.secretId}\n`);
    io.stdout(`export TENCENTCLOUD_SECRET_KEY=${credentials.secretKey}\n`);
  }
  await options.stop;
  await emulator.close();
  return EXIT.ok;
};
