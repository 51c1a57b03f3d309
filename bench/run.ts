import { benchPipeline } from './pipeline.js';

/** `npm run bench`: every figure the closing notes quote, printed as one JSON document. */
const main = async (): Promise<void> => {
  const pipeline = await benchPipeline(Number(process.env['BENCH_DELIVERIES'] ?? 100_000));
  process.stdout.write(`${JSON.stringify({ node: process.version, pipeline }, null, 2)}\n`);
};

await main();
