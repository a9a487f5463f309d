/**
 * A regression test for the Electron window's security: electron/main.ts and
 * electron/preload.ts are scanned (test/unit/electron-scan.ts, with the
 * TypeScript parser) for the settings ARCHITECTURE.md promises, and so are
 * SECURE_WEB_PREFERENCES and the page's Content-Security-Policy.
 *
 * A scan that finds nothing proves little by itself, so each rule is also run
 * on a copy of the real source with one regression put in, and must find it.
 * If the source changes shape so that a mutation no longer applies, `mutate`
 * fails loudly rather than letting the check pass vacuously.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SECURE_WEB_PREFERENCES } from '../../electron/security.js';
import { scanCsp, scanMain, scanPreload, scanSecurePreferences, type Finding, type Rule } from './electron-scan.js';

const MAIN = readFileSync('electron/main.ts', 'utf8');
const PRELOAD = readFileSync('electron/preload.ts', 'utf8');
const PAGE = readFileSync('renderer/index.html', 'utf8');

function mutate(source: string, from: string | RegExp, to: string): string {
  const next = source.replace(from, to);
  if (next === source) throw new Error(`The mutation no longer applies: ${String(from)} is not in the source`);
  return next;
}

const rules = (findings: Finding[]) => [...new Set(findings.map((f) => f.rule))].sort();
const show = (findings: Finding[]) => findings.map((f) => `${f.rule} (line ${f.line}): ${f.message}`);

describe('the Electron sources as they are', () => {
  it('main.ts has every protection', () => {
    expect(show(scanMain(MAIN))).toEqual([]);
  });

  it('preload.ts exposes one bridge and never ipcRenderer', () => {
    expect(show(scanPreload(PRELOAD))).toEqual([]);
  });

  it('SECURE_WEB_PREFERENCES isolates and sandboxes the page', () => {
    expect(show(scanSecurePreferences(SECURE_WEB_PREFERENCES))).toEqual([]);
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('the page has a strict Content-Security-Policy', () => {
    expect(show(scanCsp(PAGE))).toEqual([]);
  });
});

describe('main.ts: each regression is caught', () => {
  const cases: [string, string | RegExp, string, Rule][] = [
    ['the secure preferences dropped', '...SECURE_WEB_PREFERENCES,', 'contextIsolation: true,', 'web-preferences'],
    ['Node turned on in the page', '...SECURE_WEB_PREFERENCES,', '...SECURE_WEB_PREFERENCES,\n      nodeIntegration: true,', 'web-preferences'],
    ['context isolation turned off', '...SECURE_WEB_PREFERENCES,', '...SECURE_WEB_PREFERENCES,\n      contextIsolation: false,', 'web-preferences'],
    ['the sandbox turned off', '...SECURE_WEB_PREFERENCES,', '...SECURE_WEB_PREFERENCES,\n      sandbox: false,', 'web-preferences'],
    ['another object spread over the secure one', '...SECURE_WEB_PREFERENCES,', '...SECURE_WEB_PREFERENCES,\n      ...legacyPreferences,', 'web-preferences'],
    ['<webview> turned on', '...SECURE_WEB_PREFERENCES,', '...SECURE_WEB_PREFERENCES,\n      webviewTag: true,', 'webview'],
    ['a second window without webPreferences', /^(function createWindow)/m, 'const splash = new BrowserWindow({ width: 400 });\n$1', 'web-preferences'],
    ['new windows allowed', "return { action: 'deny' };", "return { action: 'allow' };", 'window-open'],
    ['new windows allowed for some URLs', "return { action: 'deny' };", "if (url.endsWith('.pdf')) return { action: 'allow' };\n      return { action: 'deny' };", 'window-open'],
    ['the window open handler removed', /contents\.setWindowOpenHandler\(/, 'contents.constructor(', 'window-open'],
    ['navigation allowed', "contents.on('will-navigate', (event) => event.preventDefault());", "contents.on('will-navigate', () => undefined);", 'navigation'],
    ['navigation allowed for some URLs', "contents.on('will-navigate', (event) => event.preventDefault());", "contents.on('will-navigate', (event, url) => { if (!url.startsWith('file:')) event.preventDefault(); });", 'navigation'],
    ['the navigation guard removed', "    contents.on('will-navigate', (event) => event.preventDefault());\n", '', 'navigation'],
    ['redirects allowed', "contents.on('will-redirect', (event) => event.preventDefault());", "contents.on('will-redirect', () => undefined);", 'navigation'],
    ['<webview> attachment allowed', "contents.on('will-attach-webview', (event) => event.preventDefault());", "contents.on('will-attach-webview', () => undefined);", 'navigation'],
    ['a permission granted', 'callback(isAllowedPermission(permission, details, pageUrl))', "callback(permission === 'notifications')", 'permissions'],
    ['every permission granted', 'callback(isAllowedPermission(permission, details, pageUrl))', 'callback(true)', 'permissions'],
    ['the camera granted to any page', 'callback(isAllowedPermission(permission, details, pageUrl))', "callback(isAllowedPermission(permission, details, 'file:///'))", 'permissions'],
    ['the decision made on another request', 'callback(isAllowedPermission(permission, details, pageUrl))', "callback(isAllowedPermission('media', details, pageUrl))", 'permissions'],
    ['a lax permission check from elsewhere', "from './security.js';", "from './security.js';\nconst isAllowedPermission = () => true;", 'imports'],
    ['permission checks granted', 'setPermissionCheckHandler(() => false)', 'setPermissionCheckHandler(() => true)', 'permissions'],
    ['the permission handler removed', /\s*session\.defaultSession\.setPermissionRequestHandler\([^\n]*\n/, '\n', 'permissions'],
    ['the IPC sender check removed', '!isTrustedSender(event.senderFrame?.url, pageUrl)', 'false', 'ipc-sender'],
    ['the IPC sender check not acted on', /if \(!isTrustedSender\(event\.senderFrame\?\.url, pageUrl\)\) \{\n\s*return[^\n]*\n\s*\}/, 'if (!isTrustedSender(event.senderFrame?.url, pageUrl)) {\n        console.warn("untrusted");\n      }', 'ipc-sender'],
    ['a second IPC handler without the check', /(\n\s*startShell\(c\);)/, "\n    ipcMain.handle('tableside:debug', () => c.snapshot());$1", 'ipc-sender'],
    ['any link opened', 'if (isSafeExternalUrl(url)) void shell.openExternal(url);', 'void shell.openExternal(url);', 'open-external'],
    ['the check made on another URL', 'if (isSafeExternalUrl(url)) void shell.openExternal(url);', 'if (isSafeExternalUrl(pageUrl)) void shell.openExternal(url);', 'open-external'],
    ['the check negated', 'if (isSafeExternalUrl(url)) void shell.openExternal(url);', 'if (!isSafeExternalUrl(url)) void shell.openExternal(url);', 'open-external'],
    ['the check replaced by a local one', "from './security.js';", "from './security.js';\nconst isSafeExternalUrl = (_u: string) => true;", 'imports'],
    ['the checks imported from elsewhere', "from './security.js';", "from './lax-security.js';", 'imports'],
  ];

  it.each(cases)('%s', (_what, from, to, rule) => {
    expect(rules(scanMain(mutate(MAIN, from, to)))).toContain(rule);
  });

  it('accepts the documented alternatives: explicit preferences, and an early-return URL check', () => {
    const explicit = mutate(MAIN, '...SECURE_WEB_PREFERENCES,', 'contextIsolation: true,\n      sandbox: true,\n      nodeIntegration: false,');
    // Only the import of the now-unused SECURE_WEB_PREFERENCES is still required.
    expect(show(scanMain(explicit))).toEqual([]);
    const earlyReturn = mutate(
      MAIN,
      'if (isSafeExternalUrl(url)) void shell.openExternal(url);',
      "if (!isSafeExternalUrl(url)) return { action: 'deny' };\n      void shell.openExternal(url);",
    );
    expect(show(scanMain(earlyReturn))).toEqual([]);
  });
});

describe('preload.ts: each regression is caught', () => {
  const cases: [string, string | RegExp, string, Rule][] = [
    ['ipcRenderer exposed', "contextBridge.exposeInMainWorld('tableside', bridge);", "contextBridge.exposeInMainWorld('tableside', bridge);\ncontextBridge.exposeInMainWorld('ipc', ipcRenderer);", 'preload-ipc'],
    ['a second object exposed', "contextBridge.exposeInMainWorld('tableside', bridge);", "contextBridge.exposeInMainWorld('tableside', bridge);\ncontextBridge.exposeInMainWorld('extra', {});", 'preload-bridge'],
    ['no bridge at all', "contextBridge.exposeInMainWorld('tableside', bridge);", '', 'preload-bridge'],
    ['ipcRenderer put inside the bridge', 'const bridge = {', 'const bridge = {\n  ipc: ipcRenderer,', 'preload-ipc'],
    ['a raw ipcRenderer method put inside the bridge', 'const bridge = {', 'const bridge = {\n  send: ipcRenderer.send,', 'preload-ipc'],
    ['the page choosing the channel', 'ipcRenderer.invoke(IPC_CALL, method, args)', 'ipcRenderer.invoke(method, args)', 'preload-ipc'],
    ['the IPC event passed to the page', '=> listener(push);', '=> listener({ ...push, event: _event } as Push);', 'preload-ipc'],
  ];

  it.each(cases)('%s', (_what, from, to, rule) => {
    expect(rules(scanPreload(mutate(PRELOAD, from, to)))).toContain(rule);
  });
});

describe('SECURE_WEB_PREFERENCES and the CSP: each regression is caught', () => {
  it.each([
    ['contextIsolation', false],
    ['sandbox', false],
    ['nodeIntegration', true],
    ['nodeIntegrationInWorker', true],
    ['nodeIntegrationInSubFrames', true],
    ['webviewTag', true],
    ['webSecurity', false],
    ['allowRunningInsecureContent', true],
    ['experimentalFeatures', true],
  ])('%s: %s', (key, value) => {
    expect(rules(scanSecurePreferences({ ...SECURE_WEB_PREFERENCES, [key]: value }))).toEqual(['secure-preferences']);
  });

  it('a missing key counts as a regression (Electron’s default may differ)', () => {
    const { sandbox: _sandbox, ...rest } = SECURE_WEB_PREFERENCES;
    expect(rules(scanSecurePreferences(rest))).toEqual(['secure-preferences']);
  });

  it.each([
    ['inline scripts', "script-src 'self'", "script-src 'self' 'unsafe-inline'"],
    ['eval', "script-src 'self'", "script-src 'self' 'unsafe-eval'"],
    ['scripts from anywhere', "script-src 'self'", "script-src 'self' https:"],
    ['plugins', "object-src 'none'", "object-src 'self'"],
    ['a loose default', "default-src 'self'", 'default-src *'],
    ['no policy', 'http-equiv="Content-Security-Policy"', 'http-equiv="X-Nothing"'],
  ])('CSP allowing %s', (_what, from, to) => {
    expect(rules(scanCsp(mutate(PAGE, from, to)))).toEqual(['csp']);
  });
});
