import { type BuildOptions, build, type Metafile, type OutputFile, type Plugin } from 'esbuild';
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
  /** Modules the package imports that lib never lets it use, replaced by a stand-in. */
  readonly stubs?: Readonly<Record<string, string>>;
}

/**
 * The S3 client's default credential chain (SSO, STS, IMDS, ini files: a third of the chunk)
 * is never run: lib/logs always gives the client its credentials (cos-client.ts).
 */
const NO_DEFAULT_CREDENTIALS = `export const defaultProvider = () => async () => {
  throw new Error('the S3 client was given no credentials, and its default chain is not bundled');
};`;

export const LAZY_PACKAGES: readonly LazyPackage[] = [
  {
    module: '@aws-sdk/client-s3',
    chunk: 'aws-s3.js',
    exports: S3_EXPORTS,
    stubs: { '@aws-sdk/credential-provider-node': NO_DEFAULT_CREDENTIALS },
  },
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

const stubPlugin = (stubs: Readonly<Record<string, string>>): Plugin => ({
  name: 'stub',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: anyOf(Object.keys(stubs)) }, (args) => ({
      path: args.path,
      namespace: 'stub',
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({
      contents: stubs[args.path] ?? '',
      loader: 'js',
    }));
  },
});

/** The loader runs each file as a vm.Script, which has no import(): none may be left. */
export const refuseDynamicImports = (name: string, output: Metafile['outputs'][string]): void => {
  const dynamic = output.imports.filter((i) => i.kind === 'dynamic-import');
  if (dynamic.length > 0) {
    throw new Error(
      `${name}: import() left in the bundle: ${dynamic.map((i) => i.path).join(', ')}`,
    );
  }
};

export const buildLazyChunk = async (
  lazy: LazyPackage,
  root: string,
  options: BuildOptions,
): Promise<OutputFile[]> => {
  const result = await build({
    ...options,
    plugins: lazy.stubs === undefined ? [] : [stubPlugin(lazy.stubs)],
    stdin: {
      contents: `export { ${lazy.exports.join(', ')} } from '${lazy.module}';`,
      resolveDir: root,
      loader: 'js',
    },
    outfile: `${root}/${lazy.chunk}`,
    absWorkingDir: root,
    write: false,
    metafile: true,
  });
  for (const output of Object.values(result.metafile.outputs)) {
    refuseDynamicImports(lazy.chunk, output);
  }
  return result.outputFiles;
};
