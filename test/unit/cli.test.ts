import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseServeArgs, UsageError, USAGE } from '../../electron/host/cli.js';

describe('parseServeArgs', () => {
  it('defaults to this computer only, the default port, no demo', () => {
    expect(parseServeArgs([])).toEqual({
      dataDir: null,
      port: DEFAULT_PORT,
      host: '127.0.0.1',
      demo: false,
      requireAccess: false,
      syncHost: null,
      syncPort: null,
    });
  });

  it('reads every option', () => {
    expect(
      parseServeArgs(['--data-dir', '/tmp/event', '--port', '8080', '--host', '0.0.0.0', '--demo', '--require-access']),
    ).toEqual({ dataDir: '/tmp/event', port: 8080, host: '0.0.0.0', demo: true, requireAccess: true, syncHost: null, syncPort: null });
    expect(parseServeArgs(['--sync-host', '127.0.0.1', '--sync-port', '0'])).toMatchObject({ syncHost: '127.0.0.1', syncPort: 0 });
    expect(() => parseServeArgs(['--sync-port', 'x'])).toThrow(/--sync-port must be a whole number/);
    expect(parseServeArgs(['--port=0']).port).toBe(0);
    expect(parseServeArgs(['--port', '65535']).port).toBe(65535);
    expect(parseServeArgs(['--demo']).demo).toBe(true);
  });

  it.each([['-1'], ['65536'], ['abc'], ['1.5'], [''], [' '], ['0x10'], ['1e3'], ['80 ']])(
    'refuses --port %j',
    (value) => {
      expect(() => parseServeArgs([`--port=${value}`])).toThrow(UsageError);
      expect(() => parseServeArgs([`--port=${value}`])).toThrow(/--port must be a whole number from 0 to 65535/);
    },
  );

  it('--help asks for the usage text', () => {
    let error: unknown;
    try {
      parseServeArgs(['--help']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('');
    expect(USAGE).toMatch(/--data-dir DIR[\s\S]*--port N[\s\S]*--host ADDRESS[\s\S]*--demo/);
  });

  it('refuses unknown options and stray arguments', () => {
    expect(() => parseServeArgs(['--prot', '80'])).toThrow(/Unknown option/);
    expect(() => parseServeArgs(['serve'])).toThrow();
    expect(() => parseServeArgs(['--port'])).toThrow();
  });
});
