import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from 'yaml';
import { ConfigError } from '../errors.js';

/** A parsed YAML text that can still say on which line a path of its data was written. */
export interface YamlSource {
  readonly data: unknown;
  /** 1-based line of the deepest node on `path` that exists in the text. */
  readonly lineOf: (path: readonly PropertyKey[]) => number | undefined;
}

// Bounds alias expansion ("billion laughs"); real configs use a handful at most.
const MAX_ALIASES = 100;

const keyText = (key: unknown): string => (isScalar(key) ? String(key.value) : String(key));

const parseOrThrow = (text: string, sourceName: string, lineCounter: LineCounter): Document => {
  const doc = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter,
  });
  if (doc.errors.length === 0) return doc;
  const lines = doc.errors.map((e) => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    return `${sourceName}:${line}:${col}: ${e.message.split('\n')[0] ?? e.code}`;
  });
  throw new ConfigError('CONFIG_PARSE', lines.join('\n'), { cause: doc.errors[0] });
};

const toData = (doc: Document, sourceName: string): unknown => {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    const reason = e instanceof Error ? e.message : 'unresolvable aliases';
    throw new ConfigError('CONFIG_PARSE', `${sourceName}: ${reason}`, { cause: e });
  }
};

const createLineOf = (doc: Document, lineCounter: LineCounter) => {
  const lineAt = (node: unknown): number | undefined =>
    (node as Node | null)?.range
      ? lineCounter.linePos((node as Node).range?.[0] ?? 0).line
      : undefined;
  return (path: readonly PropertyKey[]): number | undefined => {
    let node: unknown = doc.contents;
    let line = lineAt(node);
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(segment));
        if (pair === undefined) break;
        line = lineAt(pair.key) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        node = node.items[segment];
        line = lineAt(node) ?? line;
      } else break;
    }
    return line;
  };
};

/**
 * Parses YAML 1.2 (core schema) with duplicate keys rejected; every syntax error is reported
 * with its line and column. `${env:…}` is expanded later, on the data, so env values can
 * never inject YAML.
 */
export const parseYamlSource = (text: string, sourceName: string): YamlSource => {
  const lineCounter = new LineCounter();
  const doc = parseOrThrow(text, sourceName, lineCounter);
  return { data: toData(doc, sourceName), lineOf: createLineOf(doc, lineCounter) };
};
