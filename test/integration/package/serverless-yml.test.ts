import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFunctions } from '../../../scripts/package/build-bundles.js';
import { createPackageWorld, type PackageWorld, ROOT } from './package-world.js';
import { exportType } from './run-bundle.js';
import {
  ENV_REFERENCE,
  FUNCTION_URL_FILE,
  field,
  HTTP_EVENT_PARAMETERS,
  INSTANCE_KEYS,
  list,
  loadDeployFile,
  MULTI_SCF_FILE,
  MULTI_SCF_FUNCTION,
  MULTI_SCF_INPUTS,
  mapping,
  RESERVED_PREFIX,
  SCF_INPUTS,
  splitHandler,
  TRIGGER_KEYS,
  TRIGGER_PARAMETERS,
  unknownKeys,
} from './serverless-config.js';

const multi = loadDeployFile(MULTI_SCF_FILE);
const url = loadDeployFile(FUNCTION_URL_FILE);
const multiInputs = mapping(multi['inputs'], 'inputs');
const urlInputs = mapping(url['inputs'], 'inputs');
const functions = mapping(multiInputs['functions'], 'inputs.functions');
const triggers = list(multiInputs['triggers'], 'inputs.triggers').map((t) => mapping(t, 'trigger'));

let world: PackageWorld;
/** A src path of the deploy files, pointed at the temp build instead of ./dist-scf. */
const built = (src: string) =>
  join(world.result.outDir, src.replace(/^(\.\.\/)*\.?\/?dist-scf/, ''));

beforeAll(async () => {
  world = await createPackageWorld();
}, 60_000);

afterAll(async () => {
  await world?.close();
});

describe('serverless.yml (multi-scf)', () => {
  it('uses only keys the component documents, with the list form of environments', () => {
    // Act
    const stray = [
      ...unknownKeys(multi, INSTANCE_KEYS),
      ...unknownKeys(multiInputs, MULTI_SCF_INPUTS),
      ...Object.values(functions).flatMap((f) => unknownKeys(f, MULTI_SCF_FUNCTION)),
      ...triggers.flatMap((t) => unknownKeys(t, TRIGGER_KEYS)),
      ...triggers.flatMap((t) =>
        unknownKeys(t['parameters'], TRIGGER_PARAMETERS[String(t['type'])] ?? []),
      ),
    ];
    // Assert
    expect(stray).toEqual([]);
    expect(multi['component']).toBe('multi-scf');
    expect(multiInputs['runtime']).toBe('Nodejs20.19');
    expect(field(multiInputs['src'], 'src')).toBe('./dist-scf');
  });

  it('takes every environment value from an env reference, under keys SCF accepts', () => {
    // Arrange
    const entries = list(multiInputs['environments'], 'environments').map((e) => mapping(e, 'env'));
    // Act
    const keys = entries.map((e) => String(e['key']));
    // Assert
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['key', 'value']);
      expect(entry['value'], String(entry['key'])).toMatch(ENV_REFERENCE);
    }
    expect(keys.filter((k) => RESERVED_PREFIX.test(k))).toEqual([]);
    expect(keys).toContain('BATCH_BRIDGE_CONFIG');
  });

  it.each(Object.keys(functions))('deploys %s from a bundle exporting its handler', async (key) => {
    // Arrange
    const { file, exportName } = splitHandler(field(functions[key], 'handler'));
    const path = join(built('./dist-scf'), file);
    // Act
    const type = existsSync(path) ? await exportType(path, exportName) : 'missing';
    // Assert
    expect(type).toBe('function');
    expect(exportName).toBe('main_handler');
  });

  it.each(Object.keys(functions))('gives %s an enabled trigger', (key) => {
    // Act
    const mine = triggers.filter((t) => t['function'] === key);
    // Assert
    expect(mine.length).toBeGreaterThan(0);
    for (const trigger of mine) {
      expect(field(trigger['parameters'], 'enable')).toBe(true);
      if (trigger['type'] !== 'timer') continue;
      expect(String(field(trigger['parameters'], 'cronExpression')).split(' ')).toHaveLength(7);
    }
  });

  it('runs drain and tick on timers and topic on the legacy cmq trigger', () => {
    // Act
    const typeOf = (key: string) => triggers.find((t) => t['function'] === key)?.['type'];
    // Assert
    expect([typeOf('drain'), typeOf('tick'), typeOf('topic')]).toEqual(['timer', 'timer', 'cmq']);
  });
});

describe('deploy/function-url/serverless.yml (scf)', () => {
  it('deploys the http bundle with a function URL event and env-reference values', async () => {
    // Arrange
    const events = list(urlInputs['events'], 'events');
    const http = mapping(field(events[0], 'http'), 'events[0].http');
    const variables = mapping(field(urlInputs['environment'], 'variables'), 'variables');
    const dir = built(String(urlInputs['src']));
    // Act
    const type = await exportType(join(dir, 'index.js'), 'main_handler');
    // Assert
    expect([...unknownKeys(url, INSTANCE_KEYS), ...unknownKeys(urlInputs, SCF_INPUTS)]).toEqual([]);
    expect(url['component']).toBe('scf');
    expect(urlInputs['handler']).toBe('index.main_handler');
    expect(type).toBe('function');
    expect(unknownKeys(http['parameters'], HTTP_EVENT_PARAMETERS)).toEqual([]);
    expect(field(http['parameters'], 'authType')).toBe('NONE');
    expect(Object.values(variables).every((v) => ENV_REFERENCE.test(String(v)))).toBe(true);
  });

  it('leaves no function undeployed', () => {
    // Arrange
    const urlBundle = String(urlInputs['src']).split('/').pop();
    // Act
    const deployed = [...Object.keys(functions), urlBundle].sort();
    // Assert
    expect(deployed).toEqual(listFunctions(ROOT));
  });
});
