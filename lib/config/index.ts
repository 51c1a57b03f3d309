export { CONFIG_SCHEMA_ID, configJsonSchema } from './json-schema.js';
export type { LoadConfigOptions, ParseConfigOptions } from './load.js';
export { loadConfigFile, parseConfig } from './load.js';
export type {
  AlertAction,
  BridgeConfig,
  BridgeConfigInput,
  Channel,
  ChannelType,
  Condition,
  Conditions,
  OperatorCondition,
  Rule,
  RuleAction,
  ScaleEnvAction,
  SubmitJobAction,
  TerminateNodeAction,
} from './schema.js';
export { BridgeConfigSchema } from './schema.js';
export type { Settings } from './settings.js';
export { loadSettings, SettingsSchema } from './settings.js';
