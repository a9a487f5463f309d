/**
 * Starting the real web host (dist/host/serve.mjs) as a child process, the
 * way a person does with `npm run serve`, on a data folder of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const SERVE_SCRIPT = resolve('dist/host/serve.mjs');

export interface HostProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  /** Stop it the hard way (a crash, a dead battery) and wait for it to be gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function newDataDir(label = 'tableside'): string {
  return mkdtempSync(join(tmpdir(), `${label}-`));
}

export async function startHostProcess(
  options: {
    dataDir?: string;
    port?: number;
    demo?: boolean;
    testClock?: boolean;
    clockOffsetMs?: number;
    /** More command-line options, e.g. ['--sync-host', '127.0.0.1']. */
    args?: string[];
    /** Announce and look for hubs by mDNS (off unless a test is about it). */
    mdns?: boolean;
    /** More environment, e.g. { TZ: 'America/New_York' } for a laptop set to another zone. */
    env?: Record<string, string>;
  } = {},
): Promise<HostProcess> {
  const dataDir = options.dataDir ?? newDataDir();
  const args = [SERVE_SCRIPT, '--data-dir', dataDir, '--port', String(options.port ?? 0)];
  if (options.demo) args.push('--demo');
  args.push(...(options.args ?? []));
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      TABLESIDE_TEST_CLOCK: options.testClock === false ? '' : '1',
      TABLESIDE_TEST_CLOCK_OFFSET_MS: String(options.clockOffsetMs ?? 0),
      // Tests announce themselves on the network only when that is what they test.
      TABLESIDE_NO_MDNS: options.mdns ? '0' : '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((done, reject) => {
    const timer = setTimeout(() => {
      // Not left running behind the failed test (nothing else holds it to stop it).
      child.kill('SIGKILL');
      reject(new Error(`The host did not start:\n${output}`));
    }, 45_000);
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /ready at (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        done(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The host exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    child,
    output: () => output,
    kill: (signal = 'SIGKILL') =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill(signal);
      }),
  };
}
