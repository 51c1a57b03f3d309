import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, join } from 'node:path';
import { type BuildOptions, build, type Metafile, type OutputFile } from 'esbuild';
import { type ConfigFiles, copyConfigFiles, resolveConfigFiles } from './bridge-config.js';
import { APP_FILE, installLoader, recordCodeCache } from './code-cache.js';
import {
  buildLazyChunk,
  isLazyChunkImport,
  LAZY_PACKAGES,
  type LazyPackage,
  lazyChunkPlugin,
  refuseDynamicImports,
} from './lazy-chunks.js';
import { type BundleSizes, measureBundle } from './size-report.js';

/**
 * One self-contained directory per cloud function: `index.js` (CommonJS, because SCF's Node
 * runtime loads `index.main_handler` with require), which loads the bundle `app.js` with its V8
 * code cache (code-cache.ts), lazily required chunks (lazy-chunks.ts), and bridge.yml.
 */

const MARKER = '.batch-bridge-package';

export interface PackageOptions {
  /** The repository root: `functions/*.ts` and the config source are found from it. */
  readonly root: string;
  readonly outDir: string;
  /** Read for BATCH_BRIDGE_CONFIG_SOURCE; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Off only to read a profile of the bundles: names and lines stay as written. */
  readonly minify?: boolean;
  /** The Node flags the functions will run with, for their code caches (code-cache.ts). */
  readonly nodeFlags?: readonly string[];
}

export interface BundleResult extends BundleSizes {
  readonly dir: string;
  /** Source files bundled into the entry chunk, from esbuild's metafile. */
  readonly entryInputs: readonly string[];
  /** Chunk files app.js requires when first needed, in the bundle directory. */
  readonly lazyChunks: readonly string[];
  /** The V8 code caches written for app.js and the chunks. */
  readonly codeCaches: readonly string[];
}

export interface PackageResult {
  readonly outDir: string;
  readonly config: ConfigFiles;
  readonly bundles: readonly BundleResult[];
}

const SHARED: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: true,
  treeShaking: true,
  // The ES builds of packages (the AWS SDK's dist-es) tree-shake; their CommonJS builds do not.
  mainFields: ['module', 'main'],
  // The loader runs each file as a vm.Script, which has no import(): every import() becomes a
  // require() (the SDK's own, of node:http and node:async_hooks, included).
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
};

export const listFunctions = (root: string): string[] =>
  readdirSync(join(root, 'functions'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .map((f) => basename(f, '.ts'))
    .sort();

/** Clears only a directory this script made, so a mistyped --out cannot wipe real files. */
const prepareOutDir = (outDir: string): void => {
  if (existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(join(outDir, MARKER))) {
    throw new Error(`${outDir} is not empty and was not made by the packager: not clearing it`);
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, MARKER), 'written by scripts/package.ts; cleared on every run\n');
};

const isBuiltin = (path: string): boolean =>
  path.startsWith('node:') || builtinModules.includes(path);

/** Nothing but Node's own modules and our chunks may stay external: no node_modules is shipped. */
const entryOutput = (name: string, metafile: Metafile): Metafile['outputs'][string] => {
  const entry = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  if (entry === undefined) throw new Error(`${name}: esbuild produced no entry chunk`);
  const stray = entry.imports.filter(
    (i) => i.external && !isBuiltin(i.path) && !isLazyChunkImport(i.path),
  );
  if (stray.length > 0) {
    throw new Error(`${name}: left external: ${stray.map((i) => i.path).join(', ')}`);
  }
  refuseDynamicImports(name, entry);
  return entry;
};

const buildFunction = async (
  name: string,
  options: PackageOptions & { readonly config: ConfigFiles },
  chunkFiles: (lazy: LazyPackage) => Promise<OutputFile[]>,
): Promise<BundleResult> => {
  const dir = join(options.outDir, name);
  const result = await build({
    ...SHARED,
    entryPoints: [
      { in: join(options.root, 'functions', `${name}.ts`), out: basename(APP_FILE, '.js') },
    ],
    outdir: dir,
    absWorkingDir: options.root,
    metafile: true,
    minify: options.minify ?? true,
    plugins: [lazyChunkPlugin],
  });
  const entry = entryOutput(name, result.metafile);
  const imported = new Set(entry.imports.map((i) => i.path));
  const lazy = LAZY_PACKAGES.filter((p) => imported.has(`./${p.chunk}`));
  for (const chunk of lazy) {
    for (const file of await chunkFiles(chunk)) {
      writeFileSync(join(dir, basename(file.path)), file.contents);
    }
  }
  // The repository's package.json says "type": "module"; this keeps index.js CommonJS anywhere.
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
  copyConfigFiles(options.config, dir);
  installLoader(options.root, dir);
  const chunks = lazy.map((p) => p.chunk);
  const codeCaches = await recordCodeCache({
    root: options.root,
    dir,
    name,
    lazyChunks: chunks,
    ...(options.nodeFlags === undefined ? {} : { nodeFlags: options.nodeFlags }),
  });
  const entryInputs = Object.keys(entry.inputs);
  return { ...measureBundle(name, dir), dir, entryInputs, lazyChunks: chunks, codeCaches };
};

export const packageFunctions = async (options: PackageOptions): Promise<PackageResult> => {
  const config = resolveConfigFiles(options.root, options.env ?? process.env);
  prepareOutDir(options.outDir);
  // multi-scf uploads this whole directory for every function; SCF resolves the relative
  // BATCH_BRIDGE_CONFIG from USER_CODE_ROOT, the directory's top, so a copy goes there too.
  copyConfigFiles(config, options.outDir);
  // Each chunk is built once, for whichever function needs it first.
  const built = new Map<LazyPackage, Promise<OutputFile[]>>();
  const chunkFiles = (lazy: LazyPackage): Promise<OutputFile[]> => {
    const files = built.get(lazy) ?? buildLazyChunk(lazy, options.root, SHARED);
    built.set(lazy, files);
    return files;
  };
  const names = listFunctions(options.root);
  const bundles = await Promise.all(
    names.map((name) => buildFunction(name, { ...options, config }, chunkFiles)),
  );
  return { outDir: options.outDir, config, bundles };
};
