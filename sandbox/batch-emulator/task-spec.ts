import { ApiError, invalidType, invalidValue } from './api-error.js';
import { isObject, optInt, optObject, optString, reqObject, reqString } from './params.js';
import type { JsonObject, RedirectSpec, TaskSpec } from './types.js';
import type { World } from './world.js';

/** One Task of a SubmitJob request, validated the way Batch answers (batch-api.md 3 Task). */

const MAX_RETRY = 5;
const FAILED_ACTIONS = ['TERMINATE', 'INTERRUPT', 'FAST_INTERRUPT'];

export const nonNegative = (raw: JsonObject, name: string, path: string): number | undefined => {
  const value = optInt(raw, name, path);
  if (value !== undefined && value < 0) {
    throw new ApiError(
      'InvalidParameterValue.Negative',
      `The value of \`${path}\` must not be negative.`,
    );
  }
  return value;
};

const readRedirect = (raw: JsonObject, path: string): RedirectSpec => {
  const info = optObject(raw, 'RedirectInfo', `${path}.RedirectInfo`) ?? {};
  const field = (name: string): string =>
    optString(info, name, `${path}.RedirectInfo.${name}`) ?? '';
  const spec = {
    stdoutPath: field('StdoutRedirectPath'),
    stderrPath: field('StderrRedirectPath'),
    stdoutFileName: field('StdoutRedirectFileName'),
    stderrFileName: field('StderrRedirectFileName'),
  };
  for (const remote of [spec.stdoutPath, spec.stderrPath]) {
    if (remote !== '' && !/^(cos|cfs):\/\/.+/.test(remote)) {
      throw new ApiError(
        'InvalidParameterValue.RemoteStorageSchemeType',
        `The remote path \`${remote}\` is not supported.`,
      );
    }
  }
  return spec;
};

const readEnvChoice = (world: World, raw: JsonObject, path: string): string | undefined => {
  const envId = optString(raw, 'EnvId', `${path}.EnvId`);
  const anonymous = optObject(raw, 'ComputeEnv', `${path}.ComputeEnv`);
  if ((envId === undefined) === (anonymous === undefined)) {
    throw new ApiError(
      'AllowedOneAttributeInEnvIdAndComputeEnv',
      `Exactly one of \`${path}.EnvId\` and \`${path}.ComputeEnv\` must be given.`,
    );
  }
  if (envId !== undefined && !world.envs.has(envId)) {
    throw new ApiError(
      'InvalidParameterValue.ComputeEnv',
      `The compute environment \`${envId}\` does not exist.`,
    );
  }
  return envId;
};

export const readTask = (world: World, raw: unknown, path: string): TaskSpec => {
  if (!isObject(raw)) throw invalidType(path, 'Task');
  const name = reqString(raw, 'TaskName', `${path}.TaskName`);
  if (name.length > 60)
    throw new ApiError(
      'InvalidParameter.TaskNameTooLong',
      `The task name \`${name}\` is too long.`,
    );
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name))
    throw new ApiError('InvalidParameter.TaskName', `The task name \`${name}\` is not valid.`);
  const application = reqObject(raw, 'Application', `${path}.Application`);
  const instanceNum = nonNegative(raw, 'TaskInstanceNum', `${path}.TaskInstanceNum`) ?? 1;
  if (instanceNum < 1) throw invalidValue(`${path}.TaskInstanceNum`, 'must be at least 1');
  const maxRetryCount = nonNegative(raw, 'MaxRetryCount', `${path}.MaxRetryCount`) ?? 0;
  if (maxRetryCount > MAX_RETRY)
    throw new ApiError(
      'InvalidParameterValue.MaxRetryCount',
      `MaxRetryCount must be at most ${MAX_RETRY}.`,
    );
  const failedAction = optString(raw, 'FailedAction', `${path}.FailedAction`) ?? 'TERMINATE';
  if (!FAILED_ACTIONS.includes(failedAction))
    throw invalidValue(`${path}.FailedAction`, failedAction);
  return {
    name,
    instanceNum,
    command: reqString(application, 'Command', `${path}.Application.Command`),
    envId: readEnvChoice(world, raw, path),
    redirect: readRedirect(raw, path),
    maxRetryCount,
    failedAction,
    timeoutSeconds: nonNegative(raw, 'Timeout', `${path}.Timeout`) ?? 86400,
    maxConcurrentNum: nonNegative(raw, 'MaxConcurrentNum', `${path}.MaxConcurrentNum`),
  };
};
