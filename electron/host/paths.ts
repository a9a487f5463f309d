/** Where Tableside keeps its data when nobody says otherwise. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The same folder Electron's app.getPath('userData') gives for an app named
 * Tableside, so the desktop app and the web host find the same event.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Tableside');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Tableside');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Tableside');
}
