/** Parsing `npm run serve -- ...` arguments; kept apart from serve.ts so it can be tested. */
import { parseArgs } from 'node:util';

export const DEFAULT_PORT = 5180;

export interface ServeOptions {
  dataDir: string | null;
  port: number;
  host: string;
  demo: boolean;
  /** Ask for the access code even on loopback (behind a tunnel or proxy); beyond loopback it is always asked. */
  requireAccess: boolean;
  /** Where this laptop listens when it is the hub (default: every interface). */
  syncHost: string | null;
  syncPort: number | null;
}

export const USAGE = `Usage: npm run serve -- [--data-dir DIR] [--port N] [--host ADDRESS] [--require-access] [--demo]

  --data-dir DIR   where the event's database lives (default: the desktop app's folder)
  --port N         port to listen on, 0 for any free one (default: ${DEFAULT_PORT})
  --host ADDRESS   address to listen on (default: 127.0.0.1, this computer only); any other
                   address asks every browser for the access code in the printed link
  --require-access ask for the access code on 127.0.0.1 too (behind a tunnel or proxy)
  --demo           start on the demo event if the data folder holds no event yet
  --sync-host ADDR where this laptop listens for the others when it is the hub (default: all)
  --sync-port N    the hub's port (default: the last one used, else 5190)`;

export function parseServeArgs(argv: string[]): ServeOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'require-access': { type: 'boolean', default: false },
      'sync-host': { type: 'string' },
      'sync-port': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) throw new UsageError('');
  // Digits only: Number() would read "" as 0 (any port) and "0x10" as 16.
  const port =
    values.port === undefined ? DEFAULT_PORT : /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  const syncPortText = values['sync-port'];
  const syncPort = syncPortText === undefined ? null : /^\d{1,5}$/.test(syncPortText) ? Number(syncPortText) : NaN;
  if (syncPort !== null && (!Number.isInteger(syncPort) || syncPort > 65535)) {
    throw new UsageError(`--sync-port must be a whole number from 0 to 65535, not "${syncPortText}".`);
  }
  return {
    syncHost: values['sync-host'] ?? null,
    syncPort,
    dataDir: values['data-dir'] ?? null,
    port,
    host: values.host ?? '127.0.0.1',
    demo: values.demo ?? false,
    requireAccess: values['require-access'] ?? false,
  };
}

export class UsageError extends Error {}
