import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** What a bundle costs: the entry a cold start parses, and everything it may load later. */
export interface BundleSizes {
  readonly name: string;
  /** `index.js`: parsed on every cold start. */
  readonly entryBytes: number;
  /** Every `.js` file of the bundle (entry plus lazy chunks); source maps are not counted. */
  readonly totalBytes: number;
  /** The same files gzipped one by one, close to what the upload zip holds. */
  readonly gzipBytes: number;
}

export const measureBundle = (name: string, dir: string, entry = 'index.js'): BundleSizes => {
  const scripts = readdirSync(dir).filter((file) => file.endsWith('.js'));
  const contents = scripts.map((file) => readFileSync(join(dir, file)));
  return {
    name,
    entryBytes: readFileSync(join(dir, entry)).length,
    totalBytes: contents.reduce((sum, c) => sum + c.length, 0),
    gzipBytes: contents.reduce((sum, c) => sum + gzipSync(c, { level: 9 }).length, 0),
  };
};

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

export const formatSizeTable = (rows: readonly BundleSizes[]): string => {
  const header = ['function', 'entry', 'total', 'gzip', 'entry/total'];
  const body = rows.map((r) => [
    r.name,
    kib(r.entryBytes),
    kib(r.totalBytes),
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
