import type { BatchEvent } from '../ingest/event.js';
import { stringifyValue } from '../template/template.js';

/** The default alert: what a person on call needs to find the failure without the console. */

const present = (value: unknown): string | undefined => {
  const text = stringifyValue(value);
  return text === '' ? undefined : text;
};

/** "render-42 (job-4yn0we13)", "job-4yn0we13", or undefined when neither is known. */
const nameAndId = (name: unknown, id: unknown): string | undefined => {
  const n = present(name);
  const i = present(id);
  if (n !== undefined && i !== undefined && n !== i) return `${n} (${i})`;
  return n ?? i;
};

const subjectOf = (event: BatchEvent): string | undefined => {
  const job = nameAndId(event.jobName, event.jobId);
  if (job !== undefined) {
    const task = present(event.taskName);
    const index = present(event.taskInstanceIndex);
    const where =
      task === undefined ? '' : `, task ${task}${index === undefined ? '' : `[${index}]`}`;
    return `${job}${where}`;
  }
  const env = nameAndId(event.envName, event.envId);
  const node = present(event.computeNodeId);
  if (node !== undefined) return env === undefined ? node : `${node} in ${env}`;
  return env;
};

export const alertTitle = (event: BatchEvent): string => {
  const name = present(event.name) ?? 'UNKNOWN_EVENT';
  const subject = subjectOf(event);
  return subject === undefined ? name : `${name}: ${subject}`;
};

const stateOf = (event: BatchEvent): unknown =>
  event.taskInstanceState ?? event.taskState ?? event.jobState ?? event.computeNodeState;

export const alertText = (event: BatchEvent): string => {
  const lines: [string, string | undefined][] = [
    ['Event', present(event.name)],
    ['Job', nameAndId(event.jobName, event.jobId)],
    ['Task', present(event.taskName)],
    ['Instance', present(event.taskInstanceIndex)],
    ['State', present(stateOf(event))],
    ['Exit code', present(event.exitCode)],
    ['Reason', present(event.stateReason)],
    ['Env', nameAndId(event.envName, event.envId)],
    ['Node', nameAndId(event.computeNodeId, event.computeNodeInstanceId)],
    ['Region', present(event.region)],
    ['Time', present(event.time)],
  ];
  return lines
    .filter((line): line is [string, string] => line[1] !== undefined)
    .map(([label, value]) => `${label}: ${value}`)
    .join('\n');
};
