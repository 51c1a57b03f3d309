import { type ColdStartFigures, measureColdStarts } from './sdk/cold-start.js';
import { BENCH_ACTION } from './sdk/constants.js';
import { startEmulatorProcess } from './sdk/emulator-launcher.js';
import { measureThroughput, type ThroughputFigures } from './sdk/throughput.js';

/**
 * The project's Batch client against Tencent's official SDK core (`CommonClient` of
 * tencentcloud-sdk-nodejs-common), both calling the Batch emulator on loopback. The emulator
 * runs in a process of its own, so the client CPU figures are the clients' alone. Every ratio
 * is ours / official: above 1 for requests per second is better, below 1 for times is better.
 */

export interface SdkCompareOptions {
  readonly requests?: number;
  readonly concurrency?: number;
  readonly rounds?: number;
  readonly warmupRequests?: number;
  readonly coldRuns?: number;
}

export interface SdkCompareFigures {
  readonly action: string;
  readonly throughput: ThroughputFigures;
  readonly coldStart: ColdStartFigures;
}

export const benchSdkCompare = async (
  options: SdkCompareOptions = {},
): Promise<SdkCompareFigures> => {
  const emulator = await startEmulatorProcess();
  try {
    const coldStart = await measureColdStarts(emulator.url, options.coldRuns ?? 9);
    const throughput = await measureThroughput(emulator.url, {
      requests: options.requests ?? 3000,
      concurrency: options.concurrency ?? 16,
      rounds: options.rounds ?? 7,
      warmupRequests: options.warmupRequests ?? 500,
    });
    return { action: BENCH_ACTION, throughput, coldStart };
  } finally {
    await emulator.stop();
  }
};
