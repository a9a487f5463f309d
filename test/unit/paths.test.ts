import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../electron/host/paths.js';

const HOME = '/home/ana';

describe('defaultDataDir (the same folder as Electron userData for "Tableside")', () => {
  it('Windows: %APPDATA%\\Tableside, or the roaming folder under home', () => {
    const appData = 'C:\\Users\\ana\\AppData\\Roaming';
    expect(defaultDataDir('win32', { APPDATA: appData }, HOME)).toBe(join(appData, 'Tableside'));
    expect(defaultDataDir('win32', {}, HOME)).toBe(join(HOME, 'AppData', 'Roaming', 'Tableside'));
  });

  it('macOS: ~/Library/Application Support/Tableside, whatever XDG says', () => {
    expect(defaultDataDir('darwin', { XDG_CONFIG_HOME: '/x' }, HOME)).toBe(
      join(HOME, 'Library', 'Application Support', 'Tableside'),
    );
  });

  it('Linux and others: $XDG_CONFIG_HOME/Tableside, or ~/.config/Tableside', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, HOME)).toBe(join('/cfg', 'Tableside'));
    expect(defaultDataDir('linux', {}, HOME)).toBe(join(HOME, '.config', 'Tableside'));
    expect(defaultDataDir('freebsd', {}, HOME)).toBe(join(HOME, '.config', 'Tableside'));
  });

  it('defaults to this process', () => {
    expect(defaultDataDir()).toMatch(/Tableside$/);
  });
});
