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

/**
 * The one permission the app grants: the camera (video only, no microphone)
 * for our own page, to read the hub's QR code. Everything else is refused.
 */
export function isAllowedPermission(
  permission: string,
  details: { mediaTypes?: readonly string[]; requestingUrl?: string } | undefined,
  appPageUrl: string,
): boolean {
  const types = details?.mediaTypes ?? [];
  return (
    permission === 'media' &&
    types.length > 0 &&
    types.every((t) => t === 'video') &&
    isTrustedSender(details?.requestingUrl, appPageUrl)
  );
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
