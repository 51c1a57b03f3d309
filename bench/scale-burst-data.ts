import { BridgeConfigSchema } from '../lib/config/schema.js';
import { type CompiledRules, compileRules } from '../lib/rules/index.js';

/**
 * The deliveries of the scale-burst benchmark: TASK_INSTANCE events about one env, as SCF
 * topic-trigger batches (several records) and single pushes, with some redelivered, fed with a
 * fixed number in flight.
 */

export const BURST_REGION = 'ap-guangzhou';
export const BURST_ENV_ID = 'env-burst001';

const STATES = ['RUNNING', 'SUCCEED', 'RUNNING', 'FAILED', 'RUNNING', 'SUCCEED'];
/** Events per delivery, cycled. */
const SIZES = [8, 1, 5, 10, 1, 3, 6];
/** Every DUPLICATE_EVERY-th delivery is the previous one again (a redelivery). */
const DUPLICATE_EVERY = 8;

export interface DeliverySpec {
  readonly id: number;
  /** Index of the wave (and of its job) the events are about. */
  readonly wave: number;
  readonly size: number;
}

/** Specs whose sizes add up to `events`, split evenly into waves; a redelivery is the same
 *  spec listed twice, so `specs[i].id !== i` marks one. */
export const planDeliveries = (events: number, waves: number): DeliverySpec[] => {
  const specs: DeliverySpec[] = [];
  for (let total = 0, i = 0; total < events; i += 1) {
    const last = specs.at(-1);
    const size = Math.min(SIZES[i % SIZES.length] as number, events - total);
    const repeat = i % DUPLICATE_EVERY === DUPLICATE_EVERY - 1 && last !== undefined;
    const spec = repeat && last.size <= size ? last : { id: i, wave: 0, size };
    specs.push(spec);
    total += spec.size;
  }
  const perWave = Math.ceil(specs.length / waves);
  return specs.map((s, i) => (s.id === i ? { ...s, wave: Math.floor(i / perWave) } : s));
};

const instanceEvent = (jobId: string, n: number) => ({
  EventVersion: '1.0',
  EventTime: new Date(Date.UTC(2026, 10, 20, 8, 0, n % 3600)).toISOString().replace('.000', ''),
  Region: BURST_REGION,
  EventName: `TASK_INSTANCE_${STATES[n % STATES.length]}`,
  EventVars: [],
  Batch: {
    JobId: jobId,
    JobName: 'frames',
    TaskName: 'render',
    TaskInstanceIndex: n % 50,
    TaskInstanceState: STATES[n % STATES.length],
    EnvId: BURST_ENV_ID,
    EnvName: 'burst-pool',
  },
});

/** One event: the bare message of a push; several: an SCF topic trigger, one record each. */
export const deliveryText = (spec: DeliverySpec, jobId: string): string => {
  const bodies = Array.from({ length: spec.size }, (_, k) =>
    JSON.stringify({ Events: [instanceEvent(jobId, spec.id * 10 + k)] }),
  );
  if (bodies.length === 1) return bodies[0] as string;
  const record = (msgBody: string, k: number) => ({
    CMQ: {
      type: 'topic',
      topicOwner: 1251783334,
      topicName: 'batch-events',
      subscriptionName: 'bridge',
      publishTime: '2026-11-20T08:00:00.000Z',
      msgId: `${spec.id}-${k}`,
      requestId: `${spec.id}-${k}`,
      msgBody,
      msgTag: 'batch',
    },
  });
  return JSON.stringify({ Records: bodies.map(record) });
};

/** One scaleEnv rule on the env; scale-down waits an hour, so none happens in a burst. */
export const burstRules = (max: number): CompiledRules =>
  compileRules(
    BridgeConfigSchema.parse({
      version: 1,
      rules: [
        {
          name: 'burst-pool',
          on: 'TASK_INSTANCE_*',
          if: { envId: BURST_ENV_ID },
          do: [{ scaleEnv: { envId: BURST_ENV_ID, max, scaleDownAfter: '1h' } }],
        },
      ],
    }),
  );

/** `limit` workers, each taking the next item as soon as its previous one is done. */
export const runPool = async <T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};
