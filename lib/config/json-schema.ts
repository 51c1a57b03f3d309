import * as z from 'zod';
import {
  ActionSchema,
  AlertActionSchema,
  BridgeConfigSchema,
  ChannelSchema,
  ConditionSchema,
  ConditionsSchema,
  DurationSchema,
  EventPatternSchema,
  RuleSchema,
  ScaleEnvActionSchema,
  SubmitJobActionSchema,
  TerminateNodeActionSchema,
} from './schema.js';

interface DefinitionMeta {
  readonly id: string;
  readonly description: string;
}

const DEFINITIONS: ReadonlyArray<readonly [z.ZodType, DefinitionMeta]> = [
  [RuleSchema, { id: 'Rule', description: 'When events match `on` and `if`, run `do`.' }],
  [
    ActionSchema,
    { id: 'Action', description: 'One of alert, submitJob, scaleEnv, terminateNode.' },
  ],
  [AlertActionSchema, { id: 'AlertAction', description: 'Send a message to a channel.' }],
  [SubmitJobActionSchema, { id: 'SubmitJobAction', description: 'Submit a follow-up job, once.' }],
  [ScaleEnvActionSchema, { id: 'ScaleEnvAction', description: 'Scale a compute environment.' }],
  [
    TerminateNodeActionSchema,
    { id: 'TerminateNodeAction', description: 'Replace abnormal nodes.' },
  ],
  [ChannelSchema, { id: 'Channel', description: 'A chat or webhook destination.' }],
  [
    ConditionsSchema,
    { id: 'Conditions', description: 'Event fields to conditions; all must hold.' },
  ],
  [ConditionSchema, { id: 'Condition', description: 'A bare value (equals) or operators.' }],
  [EventPatternSchema, { id: 'EventPattern', description: 'An event name, a glob, or a list.' }],
  [DurationSchema, { id: 'Duration', description: '30s, 10m, 1h, 1d, 500ms, or seconds.' }],
];

/** What a string written as `${env:NAME}` looks like before the load expands it. */
const ENV_REFERENCE = { type: 'string', pattern: '\\$\\{env:' } as const;

const isNode = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Editors validate the text as written, where `url: ${env:HOOK}` is not yet a URL: every
 * constrained string also accepts an env reference. Keys are never expanded, so
 * `propertyNames` keeps its constraint.
 */
const allowEnvReferences = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(allowEnvReferences);
  if (!isNode(node)) return node;
  const out = Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === 'propertyNames' ? v : allowEnvReferences(v)]),
  );
  const constrained = 'pattern' in out || 'format' in out || 'enum' in out;
  const { description, default: fallback, type, ...rest } = out;
  if (type !== 'string' || !constrained) return out;
  return {
    ...(description === undefined ? {} : { description }),
    ...(fallback === undefined ? {} : { default: fallback }),
    anyOf: [{ type, ...rest }, ENV_REFERENCE],
  };
};

export const CONFIG_SCHEMA_ID = 'urn:batch-bridge:bridge.yml:v1';

/**
 * The JSON Schema of what a user writes in bridge.yml (the input side: defaults are optional,
 * durations are strings), for editor completion. Draft-07 because editors support it best.
 * Cross-field rules (unique names, known channels, min <= max) are only checked at load.
 */
export const configJsonSchema = (): Record<string, unknown> => {
  // A registry per call keeps these ids out of zod's global registry, which others share.
  const registry = z.registry<DefinitionMeta>();
  for (const [schema, meta] of DEFINITIONS) registry.add(schema, meta);
  const schema = z.toJSONSchema(BridgeConfigSchema, {
    io: 'input',
    target: 'draft-07',
    metadata: registry,
    unrepresentable: 'any',
  });
  const withEnv = allowEnvReferences(schema) as Record<string, unknown>;
  return { ...withEnv, $id: CONFIG_SCHEMA_ID, title: 'batch-bridge bridge.yml, version 1' };
};
