import type {
  ActivityRecord,
  EnvRecord,
  InstanceState,
  JobRecord,
  JobState,
  NodeState,
} from './types.js';

/** Read-only copies of the emulator's state for tests to assert on. */

export interface InstanceSnapshot {
  readonly index: number;
  readonly state: InstanceState;
  readonly exitCode: number | null;
  readonly stateReason: string;
  readonly nodeId: string | null;
  readonly nodeInstanceId: string | null;
  readonly attempts: number;
  readonly stdout: string | null;
  readonly stderr: string | null;
}

export interface TaskSnapshot {
  readonly name: string;
  readonly state: JobState;
  readonly envId: string | undefined;
  readonly instances: readonly InstanceSnapshot[];
}

export interface JobSnapshot {
  readonly jobId: string;
  readonly jobName: string;
  readonly state: JobState;
  readonly stateReason: string;
  readonly tasks: readonly TaskSnapshot[];
}

export interface NodeSnapshot {
  readonly nodeId: string;
  readonly instanceId: string;
  readonly state: NodeState;
  /** `jobId/taskName/index` of the instance it runs, or null. */
  readonly occupant: string | null;
}

export interface EnvSnapshot {
  readonly envId: string;
  readonly envName: string;
  readonly desired: number;
  readonly nodes: readonly NodeSnapshot[];
  readonly activities: readonly ActivityRecord[];
}

export const snapshotJob = (job: JobRecord): JobSnapshot => ({
  jobId: job.jobId,
  jobName: job.jobName,
  state: job.state,
  stateReason: job.stateReason,
  tasks: job.tasks.map((task) => ({
    name: task.spec.name,
    state: task.state,
    envId: task.spec.envId,
    instances: task.instances.map((i) => ({
      index: i.index,
      state: i.state,
      exitCode: i.exitCode,
      stateReason: i.stateReason,
      nodeId: i.nodeId,
      nodeInstanceId: i.nodeInstanceId,
      attempts: i.attempts,
      stdout: i.stdout,
      stderr: i.stderr,
    })),
  })),
});

export const snapshotEnv = (env: EnvRecord): EnvSnapshot => ({
  envId: env.envId,
  envName: env.envName,
  desired: env.desired,
  nodes: [...env.nodes.values()].map((n) => ({
    nodeId: n.nodeId,
    instanceId: n.instanceId,
    state: n.state,
    occupant: n.occupant,
  })),
  activities: env.activities.map((a) => ({ ...a })),
});
