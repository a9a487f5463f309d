/**
 * Security decisions for the Electron shell, as plain functions so they are
 * tested without the Electron binary. main.ts wires them to Electron's events.
 */

/** The renderer is only ever our own page, loaded from the app's files. */
export function isTrustedSender(senderUrl: string | undefined, appPageUrl: string): boolean {
  if (!senderUrl) return false;
  try {
    const sender = new URL(senderUrl);
    const page = new URL(appPageUrl);
    return sender.protocol === 'file:' && page.protocol === 'file:' && sender.pathname === page.pathname;
  } catch {
    return false;
  }
}

/** Links a person may open in their own browser: web pages and e-mail, nothing else. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'mailto:';
  } catch {
    return false;
  }
}

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: true,
} as const;
