/**
 * Names in bridge.yml are normalised the way ingest normalises event names (DESIGN 3.1), so
 * `JobFailed`, `job_failed` and `JOB_FAILED` mean the same. Kept local on purpose: lib/rules
 * must not depend on the ingest implementation.
 */
export const normaliseEventPattern = (pattern: string): string => {
  const trimmed = pattern.trim();
  const snake = /[a-z]/.test(trimmed) ? trimmed.replace(/([a-z0-9])([A-Z])/g, '$1_$2') : trimmed;
  return snake.toUpperCase().replace(/(^|_)SUCCEEDED(?=_|$)/g, '$1SUCCEED');
};

/** Upper snake with `*` and `?` wildcards: what an `on` entry must be after normalising. */
export const isValidEventPattern = (normalised: string): boolean =>
  /^[A-Z0-9_*?]+$/.test(normalised);
