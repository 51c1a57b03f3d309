import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configJsonSchema } from '../../../lib/config/index.js';
import { FIXTURES } from './config-test-kit.js';

/** The parts of a JSON Schema these tests look at. */
interface SchemaNode {
  readonly $schema?: string;
  readonly $id?: string;
  readonly $ref?: string;
  readonly title?: string;
  readonly type?: string;
  readonly required?: string[];
  readonly additionalProperties?: unknown;
  readonly properties?: Properties;
  readonly definitions?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly anyOf?: SchemaNode[];
  readonly allOf?: SchemaNode[];
}

interface Properties {
  readonly url?: SchemaNode;
  readonly rules?: SchemaNode;
  readonly do?: SchemaNode;
  readonly [key: string]: SchemaNode | undefined;
}

interface Example {
  readonly rules: ReadonlyArray<{ readonly do: ReadonlyArray<object> }>;
}

const schemaOf = (): SchemaNode => JSON.parse(JSON.stringify(configJsonSchema())) as SchemaNode;

const definition = (schema: SchemaNode, name: string): SchemaNode => {
  const node = schema.definitions?.[name];
  expect(node).toBeDefined();
  return node as SchemaNode;
};

/** Follows a `$ref`, unwrapping the `allOf: [$ref]` zod emits for optional references. */
const deref = (schema: SchemaNode, node: SchemaNode | undefined): SchemaNode => {
  const target = node?.allOf?.[0] ?? node;
  const ref = target?.$ref;
  return ref === undefined ? (target ?? {}) : definition(schema, ref.replace('#/definitions/', ''));
};

const keysOf = (node: SchemaNode | undefined): string[] => Object.keys(node?.properties ?? {});

describe('configJsonSchema', () => {
  it('is draft-07 JSON with an id, a title and strict top-level properties', () => {
    // Act
    const schema = schemaOf();

    // Assert
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe('urn:batch-bridge:bridge.yml:v1');
    expect(schema.title).toMatch(/bridge\.yml/);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['version']);
  });

  it('defines the rule, the action kinds and the conditions', () => {
    // Act
    const schema = schemaOf();

    // Assert
    expect(Object.keys(schema.definitions ?? {})).toEqual(
      expect.arrayContaining([
        'Rule',
        'Action',
        'AlertAction',
        'SubmitJobAction',
        'ScaleEnvAction',
        'TerminateNodeAction',
        'Condition',
        'Conditions',
        'Channel',
      ]),
    );
    expect(definition(schema, 'Rule').required).toEqual(['name', 'on', 'do']);
    const kinds = definition(schema, 'Action').anyOf?.map((o) => o.required);
    expect(kinds).toEqual([['alert'], ['submitJob'], ['scaleEnv'], ['terminateNode']]);
  });

  it('accepts an env reference where a string is constrained, such as a channel url', () => {
    // Act
    const channel = definition(schemaOf(), 'Channel');

    // Assert
    expect(channel.properties?.url?.anyOf).toEqual([
      { type: 'string', format: 'uri' },
      { type: 'string', pattern: '\\$\\{env:' },
    ]);
  });

  it('describes the structure of the design example down to each action', () => {
    // Arrange
    const schema = schemaOf();
    const text = readFileSync(join(FIXTURES, 'design-example.yml'), 'utf8');
    const example = parse(text) as Example;
    const rule = deref(schema, schema.properties?.rules?.items);
    const action = deref(schema, rule.properties?.do?.items);

    // Act
    const actionKeys = example.rules.flatMap((r) => r.do.map((a) => Object.keys(a)));
    const kinds = action.anyOf?.map(keysOf);

    // Assert
    expect(keysOf(schema)).toEqual(expect.arrayContaining(Object.keys(example)));
    for (const r of example.rules)
      expect(keysOf(rule)).toEqual(expect.arrayContaining(Object.keys(r)));
    expect(actionKeys).toHaveLength(4);
    for (const keys of actionKeys) expect(kinds).toContainEqual(keys);
  });
});
