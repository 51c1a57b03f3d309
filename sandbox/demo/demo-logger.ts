import type { LogFields, Logger } from '../../lib/logger.js';

/** A reconcile that changed nothing is the common case: the story skips it. */
const isNotable = (fields: LogFields): boolean => {
  const outcome = fields['outcome'] as { detail?: { action?: string } } | undefined;
  return (
    fields['action'] !== 'scaleEnv' || !['hold', 'none'].includes(outcome?.detail?.action ?? '')
  );
};

/** The bridge's log, told as a story: each action it took, and every error kept for the end. */
export const createDemoLogger = (say: (line: string) => void, errors: string[]): Logger => {
  // Events that share one reconcile report the same result: tell it once.
  let lastScale = '';
  const describe = (fields: LogFields): string => {
    const outcome = fields['outcome'] as {
      status?: string;
      reason?: string;
      detail?: unknown;
      error?: { code?: string };
    };
    const detail =
      outcome?.reason ??
      (outcome?.detail ? JSON.stringify(outcome.detail) : (outcome?.error?.code ?? ''));
    return `bridge: ${String(fields['event'])} -> rule ${String(fields['rule'])}: ${String(fields['action'])} ${outcome?.status ?? ''} ${detail}`.trimEnd();
  };
  const log =
    (level: 'info' | 'warn') =>
    (message: string, fields: LogFields = {}) => {
      if (message !== 'action' || !isNotable(fields)) {
        if (message !== 'action' && level === 'warn' && message !== 'retryable failure') {
          say(`bridge warning: ${message}`);
        }
        return;
      }
      const line = describe(fields);
      const detail = line.slice(line.indexOf(': scaleEnv'));
      if (fields['action'] === 'scaleEnv' && detail === lastScale) return;
      if (fields['action'] === 'scaleEnv') lastScale = detail;
      say(line);
    };
  return {
    debug: () => {},
    info: log('info'),
    warn: log('warn'),
    error: (message, fields = {}) => {
      const line = `${message} ${JSON.stringify(fields)}`;
      errors.push(line);
      say(`bridge error: ${line}`);
    },
  };
};
