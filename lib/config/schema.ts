import { z } from 'zod';

/**
 * bridge.yml, version 1 (DESIGN 3.2). Strict everywhere: an unknown key is an error with its
 * path. This is the single source of the config types and of the exported JSON Schema.
 */

const Name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, ".", "_" or "-" (max 64)');

/** `10m`, `30s`, `1h`, `1d`, `500ms`, or a number of seconds; becomes milliseconds. */
export const DurationSchema = z
  .union([
    z.number().nonnegative(),
    z.string().regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, 'a duration such as 30s, 10m, 1h'),
  ])
  .transform((v) => {
    if (typeof v === 'number') return Math.round(v * 1000);
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(v) as RegExpExecArray;
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms'];
    return Math.round(Number(m[1]) * unit);
  });

export const ChannelTypeSchema = z.enum(['wecom', 'dingtalk', 'feishu', 'slack', 'webhook']);
export type ChannelType = z.infer<typeof ChannelTypeSchema>;

export const ChannelSchema = z.strictObject({
  type: ChannelTypeSchema,
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(1).optional(),
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
  z.union([
    Scalar,
    z
      .strictObject({
        in: z.array(Scalar).min(1).optional(),
        prefix: z.string().optional(),
        suffix: z.string().optional(),
        glob: z.string().optional(),
        regex: z.string().optional(),
        exists: z.boolean().optional(),
        gt: z.number().optional(),
        gte: z.number().optional(),
        lt: z.number().optional(),
        lte: z.number().optional(),
        not: ConditionSchema.optional(),
      })
      .refine((o) => Object.keys(o).length > 0, 'a condition needs at least one operator'),
  ]),
);

export interface Conditions {
  anyOf?: Conditions[] | undefined;
  [field: string]: Condition | Conditions[] | undefined;
}

/** Field paths (`jobName`, `vars.pipeline`, `batch.Cpu`) to conditions; `anyOf` at the top. */
export const ConditionsSchema: z.ZodType<Conditions> = z.lazy(() =>
  z
    .object({ anyOf: z.array(ConditionsSchema).min(1).optional() })
    .catchall(ConditionSchema),
);

export const EventPatternSchema = z.union([
  z.string().min(1),
  z.array(z.string().min(1)).min(1),
]);

const Region = z.string().regex(/^[a-z]{2,}-[a-z0-9-]+$/, 'a region such as ap-guangzhou');

export const AlertActionSchema = z.strictObject({
  channel: Name,
  /** Custom message text (a template); a useful default is used when absent. */
  template: z.string().min(1).optional(),
  logs: z
    .strictObject({
      stream: z.enum(['stdout', 'stderr']).default('stderr'),
      lines: z.number().int().min(1).max(500).default(30),
    })
    .optional(),
});

/** A Batch `Job` object in the API's shape; every string in it is a template. */
export const JobObjectSchema = z.record(z.string(), z.unknown());

export const SubmitJobActionSchema = z.strictObject({
  job: z.union([z.strictObject({ file: z.string().min(1) }), JobObjectSchema]),
  placement: z.looseObject({ Zone: z.string().min(1), ProjectId: z.number().int().optional() }),
  /** EventVars added to the new job's notifications; values are templates. */
  vars: z.record(z.string(), z.string()).optional(),
  region: Region.optional(),
});

export const ScaleEnvActionSchema = z
  .strictObject({
    envId: z.string().min(1),
    min: z.number().int().min(0).default(0),
    max: z.number().int().min(1).max(2000),
    scaleDownAfter: DurationSchema.default(600_000),
    tasksPerNode: z.number().int().min(1).default(1),
    region: Region.optional(),
  })
  .refine((a) => a.min <= a.max, { message: 'min must not exceed max', path: ['min'] });

export const TerminateNodeActionSchema = z.strictObject({
  maxPerHour: z.number().int().min(1).default(5),
  region: Region.optional(),
});

export const ActionSchema = z.union([
  z.strictObject({ alert: AlertActionSchema }),
  z.strictObject({ submitJob: SubmitJobActionSchema }),
  z.strictObject({ scaleEnv: ScaleEnvActionSchema }),
  z.strictObject({ terminateNode: TerminateNodeActionSchema }),
]);

export const RuleSchema = z.strictObject({
  name: Name,
  description: z.string().optional(),
  on: EventPatternSchema,
  if: ConditionsSchema.optional(),
  do: z.array(ActionSchema).min(1),
});

export const BridgeConfigSchema = z
  .strictObject({
    version: z.literal(1),
    region: Region.default('ap-guangzhou'),
    topic: z.string().min(1).optional(),
    queue: z.string().min(1).optional(),
    channels: z.record(Name, ChannelSchema).default({}),
    rules: z.array(RuleSchema).default([]),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.rules.forEach((rule, i) => {
      if (seen.has(rule.name)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'name'], message: `duplicate rule name "${rule.name}"` });
      }
      seen.add(rule.name);
      rule.do.forEach((action, j) => {
        if ('alert' in action && !(action.alert.channel in c.channels)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', i, 'do', j, 'alert', 'channel'],
            message: `unknown channel "${action.alert.channel}"`,
          });
        }
      });
    });
  });

export type BridgeConfigInput = z.input<typeof BridgeConfigSchema>;
export type BridgeConfig = z.output<typeof BridgeConfigSchema>;
export type Rule = BridgeConfig['rules'][number];
export type RuleAction = Rule['do'][number];
export type AlertAction = z.output<typeof AlertActionSchema>;
export type SubmitJobAction = z.output<typeof SubmitJobActionSchema>;
export type ScaleEnvAction = z.output<typeof ScaleEnvActionSchema>;
export type TerminateNodeAction = z.output<typeof TerminateNodeActionSchema>;
