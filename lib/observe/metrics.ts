/**
 * Counters a user can chart: cheap enough for the dry run (a map update each), read two ways:
 * `flush()` gives what changed since the last flush (one `metrics` log line per delivery, which
 * CLS sums into charts) and `snapshot()` gives the totals since start (a /metrics endpoint).
 */

interface CounterSpec {
  readonly help: string;
  readonly labels: readonly string[];
}

export const COUNTERS = {
  deliveries: { help: 'Deliveries handled, by envelope kind', labels: ['kind'] },
  rejected_deliveries: {
    help: 'Deliveries of which no event could be read, by the first rejection code',
    labels: ['code'],
  },
  rejected_items: { help: 'Rejected items (events, messages), by code', labels: ['code'] },
  events: { help: 'Events read, by name', labels: ['event'] },
  actions: {
    help: 'Actions by rule, kind and outcome (planned, done, skipped, failed)',
    labels: ['rule', 'action', 'status'],
  },
  api_calls: { help: 'Outgoing API calls, every attempt', labels: ['service', 'action'] },
  api_retries: { help: 'API call attempts beyond the first', labels: ['service', 'action'] },
  api_throttles: {
    help: 'API calls refused by a rate limit (RequestLimitExceeded, HTTP 429)',
    labels: ['service', 'action'],
  },
  api_errors: {
    help: 'API calls that failed, by error class (Tencent code family, HTTP_nnn, NETWORK)',
    labels: ['service', 'action', 'code'],
  },
  audit_failures: { help: 'Audit records that could not be written', labels: ['sink'] },
} as const satisfies Record<string, CounterSpec>;

export type CounterName = keyof typeof COUNTERS;
export type CounterLabels<N extends CounterName> = {
  readonly [L in (typeof COUNTERS)[N]['labels'][number]]: string;
};

export interface CounterSample {
  readonly name: CounterName;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface MetricsSnapshot {
  readonly counters: readonly CounterSample[];
}

export interface Metrics {
  inc<N extends CounterName>(name: N, labels: CounterLabels<N>, by?: number): void;
  /** Totals since the counters were created. */
  snapshot(): MetricsSnapshot;
  /** What changed since the previous flush; counters that did not move are left out. */
  flush(): MetricsSnapshot;
}

interface Series {
  readonly name: CounterName;
  readonly labels: Readonly<Record<string, string>>;
  total: number;
  flushed: number;
}

const seriesKey = (
  name: string,
  labels: Readonly<Record<string, string>>,
  names: readonly string[],
) => names.reduce((key, label) => `${key}\u0000${labels[label] ?? ''}`, name);

export const createMetrics = (): Metrics => {
  const series = new Map<string, Series>();
  const samples = (pick: (s: Series) => number): MetricsSnapshot => {
    const counters: CounterSample[] = [];
    for (const s of series.values()) {
      const value = pick(s);
      if (value > 0) counters.push({ name: s.name, labels: s.labels, value });
    }
    return { counters };
  };
  return {
    inc: (name, labels, by = 1) => {
      const key = seriesKey(name, labels, COUNTERS[name].labels);
      const found = series.get(key);
      if (found === undefined)
        series.set(key, { name, labels: { ...labels }, total: by, flushed: 0 });
      else found.total += by;
    },
    snapshot: () => samples((s) => s.total),
    flush: () => {
      const deltas = samples((s) => s.total - s.flushed);
      for (const s of series.values()) s.flushed = s.total;
      return deltas;
    },
  };
};
