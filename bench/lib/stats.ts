/** Percentiles over latency samples, for every benchmark here. */

export interface Summary {
  n: number;
  /** Microseconds. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of ascending-sorted values; p in [0, 100]. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** The middle value (the upper one of an even count), as the benches report runs. */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
}

/** Summarise samples measured in nanoseconds (bigint from process.hrtime.bigint()), in microseconds. */
export function summarize(samplesNs: readonly bigint[]): Summary {
  const us = samplesNs.map((ns) => Number(ns) / 1000).sort((a, b) => a - b);
  const sum = us.reduce((a, b) => a + b, 0);
  return {
    n: us.length,
    p50: percentile(us, 50),
    p90: percentile(us, 90),
    p99: percentile(us, 99),
    max: us.at(-1) ?? Number.NaN,
    mean: us.length ? sum / us.length : Number.NaN,
  };
}

/** Time one synchronous call. */
export function timeNs(fn: () => void): bigint {
  const start = process.hrtime.bigint();
  fn();
  return process.hrtime.bigint() - start;
}
