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
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: [
    ['list'],
    ['json', { outputFile: '.test-output/playwright.json' }],
  ],
  use: {
    trace: 'retain-on-failure',
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
