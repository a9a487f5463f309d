/**
 * `npm run bench [-- NAME ...] [--iterations N] [--warmup N] [--block N] [--tables N] [--idle-seconds N]`
 *
 * Runs every benchmark (or the named ones) and prints a table for each. A
 * benchmark is a function returning a Report; add new ones to BENCHMARKS.
 * Nothing here asserts timings: it measures and says whether goals were met.
 */
import { parseArgs } from 'node:util';
import { commandLatency } from './command-latency.js';
import { printReport, type Report } from './lib/report.js';

export interface BenchOptions {
  iterations: number;
  warmup: number;
  block: number;
  tables: number;
  /** How long the sync bench watches idle laptops (default 60 s; shorter for a quick look). */
  idleSeconds: number;
}

const BENCHMARKS: Record<string, (options: BenchOptions) => Promise<Report>> = {
  'command-latency': commandLatency,
  grouping: async () => (await import('./grouping.js')).groupingLatency(),
  'sync-convergence': async (options) => (await import('./sync-convergence.js')).syncConvergence(options),
  'late-batch': async () => (await import('./late-batch.js')).lateBatch(),
  export: async () => (await import('./export.js')).exportBench(),
  'queue-render': async () => (await import('./queue-render.js')).queueRender(),
  push: async () => (await import('./push.js')).pushBench(),
};

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new Error(`--${name} must be a positive whole number, not "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      iterations: { type: 'string' },
      warmup: { type: 'string' },
      block: { type: 'string' },
      tables: { type: 'string' },
      'idle-seconds': { type: 'string' },
    },
    allowPositionals: true,
  });
  const options: BenchOptions = {
    iterations: positiveInt('iterations', values.iterations, 2000),
    warmup: positiveInt('warmup', values.warmup, 200),
    block: positiveInt('block', values.block, 100),
    tables: positiveInt('tables', values.tables, 20),
    idleSeconds: positiveInt('idle-seconds', values['idle-seconds'], 60),
  };
  const names = positionals.length > 0 ? positionals : Object.keys(BENCHMARKS);
  for (const name of names) {
    const bench = BENCHMARKS[name];
    if (!bench) throw new Error(`No benchmark "${name}". Known: ${Object.keys(BENCHMARKS).join(', ')}`);
    printReport(await bench(options));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
