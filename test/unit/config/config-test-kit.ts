import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type BridgeConfig, parseConfig } from '../../../lib/config/index.js';
import { ConfigError } from '../../../lib/errors.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/config/', import.meta.url));

export const DESIGN_ENV = {
  ONCALL_WEBHOOK: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=hook-key-123',
  ONCALL_SECRET: 'SEC-signing-secret-456',
} as const;

export interface TextOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** In-memory files by absolute path, for job files. */
  readonly files?: Readonly<Record<string, string>>;
}

const enoent = (path: string): Error =>
  Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });

/** A readFile over an in-memory map, recording what was read. */
export const memoryFiles = (files: Readonly<Record<string, string>>) => {
  const reads: string[] = [];
  const readFile = (path: string): string => {
    reads.push(path);
    const text = files[path];
    if (text === undefined) throw enoent(path);
    return text;
  };
  return { readFile, reads };
};

/** Parses bridge.yml text with config dir `/cfg` and no file system. */
export const parseText = (text: string, options: TextOptions = {}): BridgeConfig =>
  parseConfig(text, {
    env: options.env ?? {},
    baseDir: '/cfg',
    readFile: memoryFiles(options.files ?? {}).readFile,
  });

/** The ConfigError `fn` throws; fails the test when it throws nothing or something else. */
export const catchConfigError = (fn: () => unknown): ConfigError => {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  return caught as ConfigError;
};

/** A minimal valid bridge.yml with one rule whose `do`/`if` lines are given. */
export const oneRule = (body: string): string =>
  `version: 1
channels:
  oncall: { type: slack, url: "https://hooks.slack.example/T1" }
rules:
  - name: r
    on: JOB_FAILED
${body}
`;
