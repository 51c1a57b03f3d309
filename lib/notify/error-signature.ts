/**
 * The error signature of a failure: the last error-looking line of its log (or its state
 * reason), with what varies between instances normalised, so that 300 frames failing the same
 * way share one signature and group into one alert.
 */

const ERROR_LINE =
  /\b(error|exception|fatal|panic|traceback|killed|oom|out of memory|segmentation fault|abort(ed)?|fail(ed|ure)?|denied|timed? ?out|no such file)\b/i;

const NORMALISERS: readonly [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b(job|env|node|ins|img|task)-[a-z0-9]{6,}\b/gi, '<$1>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b[0-9a-f]{12,}\b/gi, '<hex>'],
  [/(?:[A-Za-z]:)?(?:[/\\][\w.@+-]+){2,}[/\\]?/g, '<path>'],
  [/\d+(\.\d+)?/g, 'N'],
];

const MAX_SIGNATURE = 160;

export const normaliseErrorLine = (line: string): string => {
  let text = line.trim();
  for (const [pattern, replacement] of NORMALISERS) text = text.replace(pattern, replacement);
  text = text.replace(/\s+/g, ' ');
  return text.length > MAX_SIGNATURE ? `${text.slice(0, MAX_SIGNATURE - 1)}…` : text;
};

/** The last error-looking line, normalised; else the state reason; else the exit code. */
export const errorSignature = (input: {
  readonly lines?: readonly string[] | undefined;
  readonly stateReason?: string | undefined;
  readonly exitCode?: number | undefined;
}): string | undefined => {
  const lines = input.lines ?? [];
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i] as string;
    if (ERROR_LINE.test(line)) return normaliseErrorLine(line);
  }
  if (input.stateReason !== undefined && input.stateReason.trim() !== '') {
    return normaliseErrorLine(input.stateReason);
  }
  return input.exitCode === undefined ? undefined : `exit code ${input.exitCode}`;
};
