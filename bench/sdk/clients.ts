import type * as Sdk from 'tencentcloud-sdk-nodejs-common';
import type * as Ours from '../../lib/tencent/index.js';
import { BENCH_ACTION, BENCH_CREDENTIAL, BENCH_REGION } from './constants.js';

/**
 * The two clients under comparison, each making the same DescribeComputeEnvs call. Modules come
 * in through `loadCaller`'s dynamic import so the cold-start child can time the import itself.
 */

export type Side = 'ours' | 'official';
export type Caller = () => Promise<unknown>;

export const isSide = (value: unknown): value is Side => value === 'ours' || value === 'official';

/** The project's client as a handler builds it, with the client-side rate limit lifted. */
const ourCaller = (tencent: typeof Ours, url: string, unlimited: boolean): Caller => {
  const client = tencent.createBatchClient({
    credentials: tencent.staticCredentials(BENCH_CREDENTIAL),
    region: BENCH_REGION,
    endpoint: url,
    ...(unlimited ? { rateLimits: { [BENCH_ACTION]: 1e9 } } : {}),
  });
  return () => client.describeComputeEnvs({});
};

/** Tencent's CommonClient pointed at the emulator: endpoint `127.0.0.1:PORT` over http. */
const officialCaller = (sdk: typeof Sdk, url: string): Caller => {
  const client = new sdk.CommonClient('batch.tencentcloudapi.com', '2017-03-12', {
    credential: { ...BENCH_CREDENTIAL },
    region: BENCH_REGION,
    profile: { httpProfile: { endpoint: new URL(url).host, protocol: 'http://', reqTimeout: 10 } },
  });
  return (): Promise<unknown> => client.request(BENCH_ACTION, {});
};

/** `unlimited` lifts our client's per-action rate limit (the SDK has none). */
export const loadCaller = async (side: Side, url: string, unlimited = false): Promise<Caller> =>
  side === 'ours'
    ? ourCaller(await import('../../lib/tencent/index.js'), url, unlimited)
    : officialCaller(await import('tencentcloud-sdk-nodejs-common'), url);
