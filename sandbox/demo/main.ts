import { parseArgs } from 'node:util';
import { runDemo } from './run-demo.js';

/**
 * `npm start`: the demo in the local world, told as it happens. `--once` ends when the demo
 * does (else the world stays up for `batch-bridge call` until Ctrl-C); `--json` prints only the
 * summary. Exit 0 when the demo reached its goals.
 */

// The bridge targets Node 20, which the AWS SDK's release notes already warn about.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const { values } = parseArgs({ options: { once: { type: 'boolean' }, json: { type: 'boolean' } } });
const started = Date.now();
let quiet = values.json === true;
const say = (line: string) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  if (!quiet) process.stdout.write(`[${seconds}s] ${line}\n`);
};

const { summary, world } = await runDemo({ say });
quiet = true;
const report = (line: string) => process.stdout.write(`${line}\n`);
if (values.json === true) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
else {
  for (const [goal, met] of Object.entries(summary.goals))
    report(`${met ? 'PASS' : 'FAIL'} ${goal}`);
  report(summary.ok ? 'The demo reached all its goals.' : 'The demo did not reach all its goals.');
}
if (values.once !== true && values.json !== true) {
  report('The local world stays up; in another shell, try:');
  for (const [k, v] of Object.entries(world.env)) report(`  export ${k}=${v}`);
  report('  npx batch-bridge call DescribeJobs        (Ctrl-C here stops the world)');
  await new Promise((resolve) => process.once('SIGINT', resolve));
}
await world.close();
process.exitCode = summary.ok ? 0 : 1;
