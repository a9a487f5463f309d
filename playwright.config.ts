import { defineConfig } from '@playwright/test';
import { chromiumExecutable, CHROMIUM_ARGS } from './test/support/chromium.js';

const executablePath = chromiumExecutable();

export default defineConfig({
  outputDir: '.test-output/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each test has its own host, data folder and browser context (test/e2e/fixtures.ts), so the tests of one
  // file need not wait for each other: spread over both workers, a long file no longer ends the run alone.
  // (A file whose tests must run in order says so: resilience.spec.ts's describe.configure serial.)
  fullyParallel: true,
  // Three workers on CI's two cores: a test spends much of its time waiting on the page, the host and their
  // timers, so two workers left part of both cores idle. TABLESIDE_PW_WORKERS sets another count.
  workers: Number(process.env.TABLESIDE_PW_WORKERS) || 3,
  retries: 0,
  reporter: [
    ['list'],
    ['json', { outputFile: '.test-output/playwright.json' }],
  ],
  use: {
    // A failed test keeps its trace (every action, with the page's DOM before and after it), without the
    // screencast: its JPEG frames, made whenever the page paints, were about an eighth of a passing test's CPU
    // (table.spec, --workers=1: 41.0 CPU-s with the screencast, 35.7 without, 30.8 with no trace at all),
    // on CI's two cores that the tests mostly keep busy. The failure's screenshot below stays.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      testDir: 'test/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS },
        viewport: { width: 1280, height: 860 },
      },
    },
    {
      name: 'electron',
      testDir: 'test/electron',
    },
  ],
});
