import { ConfigError } from '../errors.js';

/** Every compile-time problem names its place in bridge.yml, in the message and in `path`. */
export const configErrorAt = (path: string, detail: string): ConfigError =>
  new ConfigError('CONFIG_INVALID', `${path}: ${detail}`, { path });
