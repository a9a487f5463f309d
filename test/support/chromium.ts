/**
 * Which Chromium the Playwright suites drive: Debian's where it is installed
 * (this workplace cannot download Playwright's own), else Playwright's own
 * build if `npx playwright install chromium` fetched one.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** A system Chromium's path, or undefined to let Playwright use its own download. */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.TABLESIDE_CHROMIUM;
  if (fromEnv) return fromEnv;
  return SYSTEM_CHROMIUMS.find((p) => existsSync(p));
}
