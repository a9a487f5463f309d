import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Several tests run real laptops on loopback (sync, live link, replays of whole days);
    // on a shared two-core machine they take 5-8 s, past vitest's 5 s default.
    testTimeout: 30_000,
  },
});
