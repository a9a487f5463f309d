import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Several tests run real laptops on loopback (sync, live link, replays of whole days);
    // on a shared two-core machine they take 5-8 s, past vitest's 5 s default.
    testTimeout: 30_000,
    // Vitest's own default is one fork fewer than the cores: on CI's two cores, a single fork, with the
    // other core idle for most of the run. The test files keep their state to themselves (each its own
    // in-memory or temporary database, port 0), so two forks run there, and as before on larger machines.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
