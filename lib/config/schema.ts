import * as z from 'zod';
import { EVENT_FIELDS } from '../ingest/event.js';
import { checkRules, isConditionField, isValidRegex } from './schema-checks.js';
import {
  CONDITION_OPERATORS,
  describeUnion,
  didYouMean,
  explainAction,
  explainCondition,
  explainJob,
  extraActionKeys,
  unknownKeys,
} from './schema-messages.js';

/**
 * bridge.yml, version 1 (DESIGN 3.2). Strict everywhere: an unknown key is an error with its
 * path. This is the single source of the config types and of the exported JSON Schema.
 * Messages name keys, never values: a value may come from `${env:…}` and be a secret.
 */

/** A strict object whose unknown-key message lists the keys it does accept. */
const strict = <S extends z.ZodRawShape>(what: string, shape: S) =>
  z.strictObject(shape, { error: unknownKeys('key', Object.keys(shape), what) });

const Name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, ".", "_" or "-" (max 64)');

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const DURATION_UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `10m`, `30s`, `1h`, `1d`, `500ms`, or a number of seconds; becomes milliseconds. */
export const DurationSchema = z
  .union(
    [z.number().nonnegative(), z.string().regex(DURATION, 'a duration such as 30s, 10m, 1h')],
    { error: describeUnion(() => 'a duration such as 30s, 10m, 1h, or a number of seconds') },
  )
  .transform((v) => {
    if (typeof v === 'number') return Math.round(v * 1000);
    const m = DURATION.exec(v) as RegExpExecArray;
    return Math.round(Number(m[1]) * DURATION_UNIT_MS[m[2] as keyof typeof DURATION_UNIT_MS]);
  });

export const ChannelTypeSchema = z.enum(['wecom', 'dingtalk', 'feishu', 'slack', 'webhook']);
export type ChannelType = z.infer<typeof ChannelTypeSchema>;

export const ChannelSchema = strict('a channel', {
  type: ChannelTypeSchema,
  url: z.url({ protocol: /^https?$/, error: 'not a valid http(s) URL' }),
  secret: z.string().min(1, 'an empty secret').optional(),
  /** The body of a plain webhook: JSON where `{{ name }}` stands for a whole JSON value. */
  template: z.string().min(1, 'an empty template').optional(),
}).refine((c) => c.template === undefined || c.type === 'webhook', {
  message: 'template is only for channels of type webhook',
  path: ['template'],
});
export type Channel = z.infer<typeof ChannelSchema>;

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export interface OperatorCondition {
  in?: Array<string | number | boolean | null> | undefined;
  prefix?: string | undefined;
  suffix?: string | undefined;
  glob?: string | undefined;
  regex?: string | undefined;
  exists?: boolean | undefined;
  gt?: number | undefined;
  gte?: number | undefined;
  lt?: number | undefined;
  lte?: number | undefined;
  not?: Condition | undefined;
}
export type Condition = string | number | boolean | null | OperatorCondition;

/** One or more operators; all of them must hold. A bare scalar means equals. */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union(
    [
      Scalar,
      z
        .strictObject(
          {
            in: z.array(Scalar).min(1, 'list at least one value').optional(),
            prefix: z.string().optional(),
            suffix: z.string().optional(),
            glob: z.string().optional(),
            regex: z.string().refine(isValidRegex, 'not a valid regular expression').optional(),
            exists: z.boolean().optional(),
            gt: z.number().optional(),
            gte: z.number().optional(),
            lt: z.number().optional(),
            lte: z.number().optional(),
            not: ConditionSchema.optional(),
          },
          { error: unknownKeys('condition operator', CONDITION_OPERATORS) },
        )
        // Only when the keys were fine: an unknown operator already explains the empty object.
        .refine((o) => Object.keys(o).length > 0, {
          message: `a condition needs at least one operator (${CONDITION_OPERATORS.join(', ')})`,
          when: (payload) => payload.issues.length === 0,
        }),
    ],
    { error: describeUnion(explainCondition) },
  ),
);

export interface Conditions {
  anyOf?: Conditions[] | undefined;
  [field: string]: Condition | Conditions[] | undefined;
}

/** Field paths (`jobName`, `vars.pipeline`, `batch.Cpu`) to conditions; `anyOf` at the top. */
export const ConditionsSchema: z.ZodType<Conditions> = z.lazy(() =>
  z
    .object({ anyOf: z.array(ConditionsSchema).min(1, 'list at least one alternative').optional() })
    .catchall(ConditionSchema)
    .superRefine(
      (conditions, ctx) => {
        for (const key of Object.keys(conditions).filter((k) => !isConditionField(k))) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `unknown field '${key}'${didYouMean(key, EVENT_FIELDS)}: expected an event field (${EVENT_FIELDS.join(', ')}), vars.NAME, batch.Field or source.Field`,
          });
        }
      },
      // A typo in a field name is worth reporting even when a sibling condition is broken.
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    ),
);

export const EventPatternSchema = z.union(
  [
    z.string().min(1, 'an empty event name'),
    z.array(z.string().min(1, 'an empty event name')).min(1, 'list at least one event name'),
  ],
  { error: describeUnion(() => 'expected an event name, a glob (JOB_*) or a list of them') },
);

const Region = z.string().regex(/^[a-z]{2,}-[a-z0-9-]+$/, 'a region such as ap-guangzhou');

export const AlertActionSchema = strict('alert', {
  channel: Name,
  /** Custom message text (a template); a useful default is used when absent. */
  template: z.string().min(1).optional(),
  logs: strict('alert.logs', {
    stream: z.enum(['stdout', 'stderr']).default('stderr'),
    lines: z.number().int().min(1).max(500).default(30),
  }).optional(),
  /** Alerts with equal values of these fields (and `signature`, the normalised error) group. */
  groupBy: z.array(z.string().min(1)).min(1).default(['jobId', 'signature']),
  /** The first alert of a group is sent at once, the rest fold into one summary after this. */
  window: DurationSchema.default(600_000),
});

/** A Batch `Job` object in the API's shape; every string in it is a template. */
export const JobObjectSchema = z.record(z.string(), z.unknown());

export const SubmitJobActionSchema = strict('submitJob', {
  job: z.union(
    [
      z.strictObject({ file: z.string().min(1) }),
      // A Batch Job has no `file` field: one next to other keys is a mistaken file reference.
      JobObjectSchema.refine((job) => !Object.hasOwn(job, 'file'), {
        message: "a job is { file: path } alone, or an inline Job object without 'file'",
      }),
    ],
    {
      error: describeUnion(explainJob),
    },
  ),
  placement: z.looseObject({ Zone: z.string().min(1), ProjectId: z.number().int().optional() }),
  /** EventVars added to the new job's notifications; values are templates. */
  vars: z.record(z.string(), z.string()).optional(),
  region: Region.optional(),
});

export const ScaleEnvActionSchema = strict('scaleEnv', {
  envId: z.string().min(1),
  min: z.number().int().min(0).default(0),
  max: z.number().int().min(1).max(2000),
  scaleDownAfter: DurationSchema.default(600_000),
  tasksPerNode: z.number().int().min(1).default(1),
  region: Region.optional(),
}).refine((a) => a.min <= a.max, { message: 'min must not exceed max', path: ['min'] });

export const TerminateNodeActionSchema = strict('terminateNode', {
  maxPerHour: z.number().int().min(1).default(5),
  region: Region.optional(),
});

export const ActionSchema = z.union(
  [
    z.strictObject({ alert: AlertActionSchema }, { error: extraActionKeys }),
    z.strictObject({ submitJob: SubmitJobActionSchema }, { error: extraActionKeys }),
    z.strictObject({ scaleEnv: ScaleEnvActionSchema }, { error: extraActionKeys }),
    z.strictObject({ terminateNode: TerminateNodeActionSchema }, { error: extraActionKeys }),
  ],
  { error: describeUnion(explainAction) },
);

export const RuleSchema = strict('a rule', {
  name: Name,
  description: z.string().optional(),
  on: EventPatternSchema,
  if: ConditionsSchema.optional(),
  do: z.array(ActionSchema).min(1, 'a rule needs at least one action'),
});

export const BridgeConfigSchema = strict('bridge.yml', {
  version: z.literal(1, 'expected version: 1'),
  region: Region.default('ap-guangzhou'),
  topic: z.string().min(1).optional(),
  queue: z.string().min(1).optional(),
  channels: z.record(Name, ChannelSchema).default({}),
  rules: z.array(RuleSchema).default([]),
}).superRefine(
  (c, ctx) => {
    for (const { path, message } of checkRules(c)) ctx.addIssue({ code: 'custom', path, message });
  },
  // Report duplicates and unknown channels alongside other problems, not on a second attempt.
  { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
);

export type BridgeConfigInput = z.input<typeof BridgeConfigSchema>;
export type BridgeConfig = z.output<typeof BridgeConfigSchema>;
export type Rule = BridgeConfig['rules'][number];
export type RuleAction = Rule['do'][number];
export type AlertAction = z.output<typeof AlertActionSchema>;
export type SubmitJobAction = z.output<typeof SubmitJobActionSchema>;
export type ScaleEnvAction = z.output<typeof ScaleEnvActionSchema>;
export type TerminateNodeAction = z.output<typeof TerminateNodeActionSchema>;
