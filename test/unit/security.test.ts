import { describe, expect, it } from 'vitest';
import { isAllowedPermission, isSafeExternalUrl, isTrustedSender, SECURE_WEB_PREFERENCES } from '../../electron/security.js';

const PAGE = 'file:///opt/Tableside/resources/app.asar/dist/renderer/index.html';

describe('isTrustedSender', () => {
  it('trusts our own page, with any route or query', () => {
    expect(isTrustedSender(PAGE, PAGE)).toBe(true);
    expect(isTrustedSender(`${PAGE}#/tables/1`, PAGE)).toBe(true);
    expect(isTrustedSender(`${PAGE}?lang=pt`, PAGE)).toBe(true);
  });

  it.each([
    ['another local file', 'file:///tmp/evil/index.html'],
    ['a sibling of our page', 'file:///opt/Tableside/resources/app.asar/dist/renderer/other.html'],
    ['a web page', 'http://127.0.0.1:5180/'],
    ['an https page with the same path', 'https://evil.example/opt/Tableside/resources/app.asar/dist/renderer/index.html'],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['about:blank', 'about:blank'],
    ['no sender', undefined],
    ['an empty string', ''],
    ['garbage', 'not a url at all'],
  ])('does not trust %s', (_what, sender) => {
    expect(isTrustedSender(sender, PAGE)).toBe(false);
  });

  it('trusts nothing when our own page is not a file', () => {
    expect(isTrustedSender('http://localhost:5173/', 'http://localhost:5173/')).toBe(false);
    expect(isTrustedSender(PAGE, 'garbage')).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([['https://www.ifla.org/'], ['mailto:coach@example.org']])('opens %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    ['http://example.org/'],
    ['file:///etc/passwd'],
    ['javascript:alert(1)'],
    ['data:text/html,x'],
    ['smb://server/share'],
    ['ms-msdt:/id'],
    ['//example.org'],
    [''],
    ['not a url'],
  ])('refuses %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('isAllowedPermission', () => {
  const page = 'file:///opt/Tableside/resources/app.asar/dist/renderer/index.html';
  it('grants the camera alone, to our own page, to scan the hub\'s QR code', () => {
    expect(isAllowedPermission('media', { mediaTypes: ['video'], requestingUrl: `${page}#/sharing` }, page)).toBe(true);
  });
  it.each([
    ['the microphone', 'media', { mediaTypes: ['audio'], requestingUrl: page }],
    ['camera and microphone', 'media', { mediaTypes: ['video', 'audio'], requestingUrl: page }],
    ['media of no stated kind', 'media', { mediaTypes: [], requestingUrl: page }],
    ['the camera for another page', 'media', { mediaTypes: ['video'], requestingUrl: 'https://example.org/' }],
    ['the camera for another local file', 'media', { mediaTypes: ['video'], requestingUrl: 'file:///tmp/evil.html' }],
    ['the camera with no page named', 'media', { mediaTypes: ['video'] }],
    ['notifications', 'notifications', { requestingUrl: page }],
    ['geolocation', 'geolocation', { requestingUrl: page }],
    ['the clipboard', 'clipboard-read', { requestingUrl: page }],
    ['no details at all', 'media', undefined],
  ])('refuses %s', (_what, permission, details) => {
    expect(isAllowedPermission(permission, details, page)).toBe(false);
  });
});

describe('SECURE_WEB_PREFERENCES', () => {
  it('isolates and sandboxes the renderer', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
