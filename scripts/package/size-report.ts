import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { APP_FILE, CODE_CACHE_SUFFIX, LOADER_FILE } from './code-cache.js';

/** What a bundle costs: the entry a cold start parses, and everything it may load later. */
export interface BundleSizes {
  readonly name: string;
  /** `index.js` and `app.js`: loaded on every cold start. */
  readonly entryBytes: number;
  /** Every `.js` file of the bundle (entry plus lazy chunks); source maps are not counted. */
  readonly totalBytes: number;
  /** The V8 code caches beside them. */
  readonly cacheBytes: number;
  /** Scripts and caches gzipped one by one, close to what the upload zip holds. */
  readonly gzipBytes: number;
}

const ENTRY_FILES = [LOADER_FILE, APP_FILE];

export const measureBundle = (name: string, dir: string): BundleSizes => {
  const files = readdirSync(dir);
  const size = (file: string) => readFileSync(join(dir, file)).length;
  const sum = (list: readonly string[], of: (file: string) => number) =>
    list.reduce((total, file) => total + of(file), 0);
  const scripts = files.filter((file) => file.endsWith('.js'));
  const caches = files.filter((file) => file.endsWith(CODE_CACHE_SUFFIX));
  return {
    name,
    entryBytes: sum(ENTRY_FILES, size),
    totalBytes: sum(scripts, size),
    cacheBytes: sum(caches, size),
    gzipBytes: sum(
      [...scripts, ...caches],
      (f) => gzipSync(readFileSync(join(dir, f)), { level: 9 }).length,
    ),
  };
};

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

export const formatSizeTable = (rows: readonly BundleSizes[]): string => {
  const header = ['function', 'entry', 'total', 'code cache', 'gzip', 'entry/total'];
  const body = rows.map((r) => [
    r.name,
    kib(r.entryBytes),
    kib(r.totalBytes),
    kib(r.cacheBytes),
    kib(r.gzipBytes),
    `${Math.round((100 * r.entryBytes) / r.totalBytes)}%`,
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...body.map(line)].join('\n');
};
