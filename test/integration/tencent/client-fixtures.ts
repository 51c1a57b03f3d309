import { createBatchClient } from '../../../lib/tencent/batch-client.js';
import type { BatchClientOptions } from '../../../lib/tencent/batch-client-options.js';
import { staticCredentials } from '../../../lib/tencent/credentials.js';

/** Shared by the integration tests: one account the test server knows, and a client for it. */

export const SECRET_ID = 'AKIDbridgeIntegration00000000000000';
export const SECRET_KEY = 'bridge-secret-key-must-never-leak-0001';
export const SESSION_TOKEN = 'bridge-session-token-must-never-leak-0002';
export const KEYS: ReadonlyMap<string, string> = new Map([[SECRET_ID, SECRET_KEY]]);

export interface LogCall {
  readonly level: 'debug' | 'warn';
  readonly message: string;
  readonly attributes: unknown;
}

export const recordingLogger = () => {
  const calls: LogCall[] = [];
  return {
    calls,
    logger: {
      debug: (message: string, attributes?: unknown) =>
        calls.push({ level: 'debug', message, attributes }),
      warn: (message: string, attributes?: unknown) =>
        calls.push({ level: 'warn', message, attributes }),
    },
  };
};

/** Backoff sleeps are recorded and skipped, so retry tests take no wall time. */
export const recordingSleep = () => {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  };
};

export const testClient = (endpoint: string, overrides: Partial<BatchClientOptions> = {}) =>
  createBatchClient({
    credentials: staticCredentials({ secretId: SECRET_ID, secretKey: SECRET_KEY }),
    region: 'ap-guangzhou',
    endpoint,
    timeoutMs: 2_000,
    random: () => 1,
    // High budgets: these tests are about the wire, the limiter has its own tests.
    rateLimits: { DescribeJob: 1000, SubmitJob: 1000, ModifyComputeEnv: 1000 },
    ...overrides,
  });

/** Every message a caller or an operator could ever see for this error. */
export const everyTextOf = (error: unknown): string[] => {
  const texts: string[] = [String(error), JSON.stringify(error) ?? ''];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 10; depth++) {
    if (!(e instanceof Error)) {
      texts.push(String(e));
      break;
    }
    texts.push(e.message, e.stack ?? '', String(e));
    e = e.cause;
  }
  return texts;
};

/** For tests that retry but do not look at the delays. */
export const skipSleep = async (): Promise<void> => {};
