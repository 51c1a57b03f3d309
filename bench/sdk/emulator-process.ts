import { createBatchEmulator } from '../../sandbox/batch-emulator/index.js';
import { BENCH_CREDENTIAL, BENCH_ENVS } from './constants.js';

/**
 * The Batch emulator in a process of its own, so that the clients under test do not share an
 * event loop with the server: prints its URL on one line, closes when stdin ends.
 */

const emulator = await createBatchEmulator({ credentials: [BENCH_CREDENTIAL], envs: BENCH_ENVS });
process.stdout.write(`${emulator.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void emulator.close().then(() => process.exit(0));
});
