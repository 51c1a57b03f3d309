import type { AlertMessage, Channel } from '../alerts/index.js';
import { summarizeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { StateStore } from '../state/index.js';
import { sentMarkOf } from './alert-sender.js';

/**
 * The timer's half of grouping: every group whose window closed is claimed (by exactly one
 * caller, however many timers run) and, when it folded alerts beyond the one already sent,
 * summarised in one message: "37 more instances of task frame failed: OOMKilled at …".
 */

export interface FlushDeps {
  readonly channels: ReadonlyMap<string, Channel>;
  readonly state: Pick<StateStore, 'claimDueGroups' | 'get'>;
  readonly logger: Logger;
  readonly deadline?: () => number;
}

export interface FlushResult {
  readonly claimed: number;
  readonly summaries: number;
  readonly failed: number;
}

const parseKey = (key: string): [string, string, string, string | null] | undefined => {
  try {
    const value: unknown = JSON.parse(key);
    return Array.isArray(value) && value.length === 4
      ? (value as [string, string, string, string | null])
      : undefined;
  } catch {
    return undefined;
  }
};

export const summaryMessage = (
  rule: string,
  more: number,
  signature: string | null,
  sample: readonly string[],
): AlertMessage => {
  const what = signature ? `: ${signature}` : '';
  const shown = sample.slice(-Math.min(sample.length, more));
  return {
    title: `${more} more alert${more === 1 ? '' : 's'} from rule ${rule}${what}`,
    text: [
      `${more} more like the alert above were folded into this summary${what}.`,
      '',
      ...shown.map((m) => `- ${m}`),
    ].join('\n'),
    severity: 'warning',
  };
};

export const flushAlertGroups = async (deps: FlushDeps, limit = 50): Promise<FlushResult> => {
  const groups = await deps.state.claimDueGroups(limit);
  let summaries = 0;
  let failed = 0;
  for (const group of groups) {
    const parsed = parseKey(group.key);
    const channel = parsed === undefined ? undefined : deps.channels.get(parsed[1]);
    if (parsed === undefined || channel === undefined) continue;
    const firstSent = (await deps.state.get(sentMarkOf(group.key))) !== undefined;
    const more = group.count - (firstSent ? 1 : 0);
    if (more <= 0) continue;
    try {
      await channel.send(
        summaryMessage(parsed[0], more, parsed[3], group.sample),
        deps.deadline ? { deadline: deps.deadline() } : {},
      );
      summaries += 1;
    } catch (e) {
      failed += 1;
      deps.logger.error('alert summary failed', {
        rule: parsed[0],
        channel: parsed[1],
        count: more,
        error: summarizeError(e),
      });
    }
  }
  return { claimed: groups.length, summaries, failed };
};
