import { ConfigError } from '../errors.js';

export interface Credentials {
  readonly secretId: string;
  readonly secretKey: string;
  /** Session token of temporary (role) credentials; sent as X-TC-Token. */
  readonly token?: string | undefined;
}

/** Called before every request, so rotated role keys are picked up (as the Tencent SDK does). */
export type CredentialProvider = () => Promise<Credentials>;

/** The environment is passed in, never read from `process.env` here. */
export type Environment = Readonly<Record<string, string | undefined>>;

interface EnvSpelling {
  readonly id: string;
  readonly key: string;
  readonly token: string;
}

/** SCF injects the role credentials without the inner underscore; the Tencent SDKs read them
 *  with it (platform.md S4). SCF's spelling wins because it carries the rotating role keys. */
const SCF_SPELLING: EnvSpelling = {
  id: 'TENCENTCLOUD_SECRETID',
  key: 'TENCENTCLOUD_SECRETKEY',
  token: 'TENCENTCLOUD_SESSIONTOKEN',
};
const SDK_SPELLING: EnvSpelling = {
  id: 'TENCENTCLOUD_SECRET_ID',
  key: 'TENCENTCLOUD_SECRET_KEY',
  token: 'TENCENTCLOUD_SESSION_TOKEN',
};

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

const readSpelling = (env: Environment, spelling: EnvSpelling): Credentials | undefined => {
  const secretId = nonEmpty(env[spelling.id]);
  const secretKey = nonEmpty(env[spelling.key]);
  if (secretId === undefined || secretKey === undefined) return undefined;
  const token = nonEmpty(env[spelling.token]);
  return token === undefined ? { secretId, secretKey } : { secretId, secretKey, token };
};

const missingMessage = (): string =>
  'Tencent Cloud credentials are not set: expected ' +
  `${SCF_SPELLING.id} and ${SCF_SPELLING.key} (optionally ${SCF_SPELLING.token}), as SCF injects them, ` +
  `or ${SDK_SPELLING.id} and ${SDK_SPELLING.key} (optionally ${SDK_SPELLING.token})`;

/** Reads the environment on every call; a pair is only used when both of its halves are set. */
export const createEnvCredentialProvider =
  (env: Environment): CredentialProvider =>
  async () => {
    const found = readSpelling(env, SCF_SPELLING) ?? readSpelling(env, SDK_SPELLING);
    if (found === undefined) throw new ConfigError('CONFIG_ENV_MISSING', missingMessage());
    return found;
  };

export const staticCredentials =
  (credentials: Credentials): CredentialProvider =>
  async () =>
    credentials;
