import { type BuildOptions, build, type OutputFile, type Plugin } from 'esbuild';
import { S3_EXPORTS } from '../../lib/logs/cos-client.js';
import { IOREDIS_EXPORTS } from '../../lib/state/redis-connection.js';

/**
 * Packages the functions load only with import(), each bundled into a chunk of its own beside
 * app.js: the S3 client (read only for a log tail) and ioredis (only when state is in Redis).
 * A cold start that needs neither compiles neither. A chunk carries only the exports listed, so
 * the rest of the package is tree-shaken away.
 */

export interface LazyPackage {
  readonly module: string;
  readonly chunk: string;
  readonly exports: readonly string[];
}

export const LAZY_PACKAGES: readonly LazyPackage[] = [
  { module: '@aws-sdk/client-s3', chunk: 'aws-s3.js', exports: S3_EXPORTS },
  { module: 'ioredis', chunk: 'ioredis.js', exports: IOREDIS_EXPORTS },
];

const NAMESPACE = 'lazy-chunk';
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const anyOf = (names: readonly string[]): RegExp =>
  new RegExp(`^(${names.map(escapeRegExp).join('|')})$`);

/**
 * A static import would put the package in every entry chunk; only import() keeps it out. The
 * import() becomes a require() of the chunk, made when the promise is first asked for: an
 * import() of a CommonJS file would have Node scan all of it for export names first.
 */
export const lazyChunkPlugin: Plugin = {
  name: NAMESPACE,
  setup(pluginBuild) {
    const byModule = new Map(LAZY_PACKAGES.map((p) => [p.module, p]));
    const chunkPaths = LAZY_PACKAGES.map((p) => `./${p.chunk}`);
    pluginBuild.onResolve({ filter: anyOf([...byModule.keys()]) }, (args) => {
      const lazy = byModule.get(args.path) as LazyPackage;
      return args.kind === 'dynamic-import'
        ? { path: lazy.chunk, namespace: NAMESPACE }
        : {
            errors: [{ text: `${lazy.module} may only be loaded with import(): ${args.importer}` }],
          };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: `module.exports = require('./${args.path}');`,
      loader: 'js',
    }));
    pluginBuild.onResolve({ filter: anyOf(chunkPaths) }, (args) =>
      args.namespace === NAMESPACE ? { path: args.path, external: true } : undefined,
    );
  },
};

export const isLazyChunkImport = (path: string): boolean =>
  LAZY_PACKAGES.some((p) => path === `./${p.chunk}`);

export const buildLazyChunk = async (
  lazy: LazyPackage,
  root: string,
  options: BuildOptions,
): Promise<OutputFile[]> => {
  const result = await build({
    ...options,
    stdin: {
      contents: `export { ${lazy.exports.join(', ')} } from '${lazy.module}';`,
      resolveDir: root,
      loader: 'js',
    },
    outfile: `${root}/${lazy.chunk}`,
    absWorkingDir: root,
    write: false,
  });
  return result.outputFiles;
};
