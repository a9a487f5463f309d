/**
 * A static scan of the Electron entry files for the security settings
 * ARCHITECTURE.md promises, using the TypeScript compiler's parser (no type
 * checking, so it is fast and needs nothing built). Each rule returns
 * findings; test/unit/electron-security.test.ts runs it on the real sources
 * (no findings allowed) and on mutated copies (each mutation must be found).
 *
 * It reads syntax, not behaviour, so it asks the code to keep the checks in a
 * shape it can see: handlers written inline, the guards as the first
 * statement, the secure settings imported from electron/security.ts.
 */
import ts from 'typescript';

export type Rule =
  | 'imports'
  | 'web-preferences'
  | 'webview'
  | 'window-open'
  | 'navigation'
  | 'permissions'
  | 'ipc-sender'
  | 'open-external'
  | 'preload-bridge'
  | 'preload-ipc'
  | 'secure-preferences'
  | 'csp';

export interface Finding {
  rule: Rule;
  line: number;
  message: string;
}

type FunctionNode = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration;

function parse(source: string, file: string): ts.SourceFile {
  return ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function all(node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node) => {
    out.push(n);
    n.forEachChild(visit);
  };
  visit(node);
  return out;
}

/** Strips parentheses, `as`, `satisfies` and `!`. */
function unwrap(e: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isNonNullExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

const isTrue = (e: ts.Expression | undefined) => e !== undefined && unwrap(e).kind === ts.SyntaxKind.TrueKeyword;
const isFalse = (e: ts.Expression | undefined) => e !== undefined && unwrap(e).kind === ts.SyntaxKind.FalseKeyword;

function lineOf(node: ts.Node): number {
  const sf = node.getSourceFile();
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/** `object.method(...)` where object's text is `object` (any object when null). */
function callsOf(root: ts.Node, object: string | ((text: string) => boolean) | null, method: string): ts.CallExpression[] {
  return all(root).filter((n): n is ts.CallExpression => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return false;
    if (n.expression.name.text !== method) return false;
    const text = n.expression.expression.getText();
    return object === null || (typeof object === 'string' ? text === object : object(text));
  });
}

function asFunction(node: ts.Node | undefined): FunctionNode | undefined {
  if (!node) return undefined;
  const n = ts.isExpression(node) ? unwrap(node) : node;
  return ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n) ? n : undefined;
}

const isFunctionLike = (n: ts.Node) =>
  ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n);

function paramName(fn: FunctionNode, index: number): string | undefined {
  const p = fn.parameters[index];
  return p && ts.isIdentifier(p.name) ? p.name.text : undefined;
}

/** What a function returns: its expression body, or each `return x` not inside a nested function. */
function returned(fn: FunctionNode): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node) => {
    if (n !== fn && isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    n.forEachChild(visit);
  };
  fn.body.forEachChild(visit);
  return out;
}

/** The function's top-level statements (an expression body counts as one). */
function topLevel(fn: FunctionNode): ts.Node[] {
  if (!fn.body) return [];
  return ts.isBlock(fn.body) ? [...fn.body.statements] : [fn.body];
}

/** `return …` or `throw …`, alone or ending a block. */
function exits(stmt: ts.Statement): boolean {
  if (ts.isReturnStatement(stmt) || ts.isThrowStatement(stmt)) return true;
  if (ts.isBlock(stmt)) {
    const last = stmt.statements[stmt.statements.length - 1];
    return last !== undefined && exits(last);
  }
  return false;
}

/** Whether `cond` (or its negation, when `negated`) holds only if `fn(arg)` returned true. */
function conditionChecks(cond: ts.Expression, fnName: string, argText: string | null, negated: boolean): boolean {
  const e = unwrap(cond);
  if (negated) {
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
      return conditionChecks(e.operand, fnName, argText, false);
    }
    // `!a || !b` exits when either fails.
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
      return conditionChecks(e.left, fnName, argText, true) || conditionChecks(e.right, fnName, argText, true);
    }
    return false;
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === fnName) {
    return argText === null || e.arguments[0]?.getText() === argText;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    return conditionChecks(e.left, fnName, argText, false) || conditionChecks(e.right, fnName, argText, false);
  }
  return false;
}

/** Whether `node` runs only after `fnName(argText)` said yes, within its own function. */
function guardedBy(node: ts.Node, fnName: string, argText: string | null): boolean {
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (ts.isIfStatement(p) && p.thenStatement === child && conditionChecks(p.expression, fnName, argText, false)) return true;
    if (
      ts.isBinaryExpression(p) &&
      p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      p.right === child &&
      conditionChecks(p.left, fnName, argText, false)
    ) {
      return true;
    }
    if (ts.isConditionalExpression(p) && p.whenTrue === child && conditionChecks(p.condition, fnName, argText, false)) return true;
    if (ts.isBlock(p) || ts.isSourceFile(p)) {
      const before = p.statements.slice(0, p.statements.indexOf(child as ts.Statement));
      if (before.some((s) => ts.isIfStatement(s) && conditionChecks(s.expression, fnName, argText, true) && exits(s.thenStatement))) {
        return true;
      }
    }
    if (isFunctionLike(p)) return false;
  }
  return false;
}

/** Whether `call` is (lexically) inside the listener of `app.on('web-contents-created', …)`. */
function insideWebContentsCreated(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (
      ts.isCallExpression(p) &&
      ts.isPropertyAccessExpression(p.expression) &&
      p.expression.name.text === 'on' &&
      p.arguments[0] !== undefined &&
      ts.isStringLiteral(p.arguments[0]) &&
      p.arguments[0].text === 'web-contents-created'
    ) {
      return true;
    }
  }
  return false;
}

/** Named imports: local name → module specifier. */
function importsOf(sf: ts.SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of sf.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    const bindings = s.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) out.set(el.name.text, s.moduleSpecifier.text);
    }
  }
  return out;
}

/** Declarations of `name` in the file other than its import. */
function localDeclarations(sf: ts.SourceFile, name: string): ts.Node[] {
  return all(sf).filter(
    (n) =>
      (ts.isVariableDeclaration(n) ||
        ts.isFunctionDeclaration(n) ||
        ts.isParameter(n) ||
        ts.isClassDeclaration(n) ||
        ts.isBindingElement(n)) &&
      n.name !== undefined &&
      ts.isIdentifier(n.name) &&
      n.name.text === name,
  );
}

// ---------------------------------------------------------------------------
// electron/main.ts

/** What each webPreferences key must be, when it is given at all. */
const REQUIRED_PREFERENCE_VALUES: Record<string, boolean> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
};
const FORBIDDEN_PREFERENCES = ['enableBlinkFeatures', 'additionalArguments'];
const SECURE_SPREAD = 'SECURE_WEB_PREFERENCES';

function checkWebPreferences(prefs: ts.Expression, findings: Finding[]): void {
  const obj = unwrap(prefs);
  const line = lineOf(prefs);
  if (!ts.isObjectLiteralExpression(obj)) {
    findings.push({ rule: 'web-preferences', line, message: 'webPreferences must be an object literal the scan can read' });
    return;
  }
  let spreadsSecure = false;
  const explicit = new Map<string, ts.Expression>();
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) {
      if (ts.isIdentifier(unwrap(p.expression)) && unwrap(p.expression).getText() === SECURE_SPREAD) {
        if (explicit.size > 0) {
          findings.push({ rule: 'web-preferences', line, message: `spread ${SECURE_SPREAD} first, so nothing before it is silently kept` });
        }
        spreadsSecure = true;
      } else {
        findings.push({ rule: 'web-preferences', line, message: `only ${SECURE_SPREAD} may be spread into webPreferences` });
      }
    } else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
      explicit.set(p.name.text, p.initializer);
    } else if (ts.isShorthandPropertyAssignment(p)) {
      explicit.set(p.name.text, p.name);
    }
  }
  for (const [key, value] of explicit) {
    const required = REQUIRED_PREFERENCE_VALUES[key];
    if (required !== undefined && !(required ? isTrue(value) : isFalse(value))) {
      findings.push({ rule: 'web-preferences', line: lineOf(value), message: `webPreferences.${key} must be ${required}` });
    }
    if (FORBIDDEN_PREFERENCES.includes(key)) {
      findings.push({ rule: 'web-preferences', line: lineOf(value), message: `webPreferences.${key} is not allowed` });
    }
  }
  if (!spreadsSecure) {
    for (const key of ['contextIsolation', 'sandbox', 'nodeIntegration']) {
      if (!explicit.has(key)) {
        findings.push({ rule: 'web-preferences', line, message: `webPreferences must spread ${SECURE_SPREAD} or set ${key}` });
      }
    }
  }
}

export function scanMain(source: string, file = 'electron/main.ts'): Finding[] {
  const sf = parse(source, file);
  const findings: Finding[] = [];
  const nodes = all(sf);

  // The secure settings and the checks come from electron/security.ts, not a local stand-in.
  const imports = importsOf(sf);
  for (const name of [SECURE_SPREAD, 'isTrustedSender', 'isSafeExternalUrl', 'isAllowedPermission']) {
    if (!/\/security(\.js)?$/.test(imports.get(name) ?? '')) {
      findings.push({ rule: 'imports', line: 1, message: `${name} must be imported from ./security.js` });
    }
    for (const d of localDeclarations(sf, name)) {
      findings.push({ rule: 'imports', line: lineOf(d), message: `${name} must not be redefined here` });
    }
  }

  // Every window or view: webPreferences present and secure.
  for (const n of nodes) {
    if (!ts.isNewExpression(n) || !/^(BrowserWindow|BrowserView|WebContentsView)$/.test(n.expression.getText())) continue;
    const options = n.arguments?.[0] && unwrap(n.arguments[0]);
    const prefs =
      options && ts.isObjectLiteralExpression(options)
        ? options.properties.find(
            (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'webPreferences',
          )
        : undefined;
    if (!prefs) {
      findings.push({ rule: 'web-preferences', line: lineOf(n), message: `new ${n.expression.getText()} needs an options literal with webPreferences` });
    }
  }
  for (const n of nodes) {
    if (ts.isPropertyAssignment(n) && n.name.getText() === 'webPreferences') checkWebPreferences(n.initializer, findings);
  }

  // <webview> stays off everywhere in the file.
  for (const n of nodes) {
    if (ts.isPropertyAssignment(n) && n.name.getText() === 'webviewTag' && !isFalse(n.initializer)) {
      findings.push({ rule: 'webview', line: lineOf(n), message: 'webviewTag must be false' });
    }
  }

  // New windows: denied, for every web contents.
  const openHandlers = callsOf(sf, null, 'setWindowOpenHandler');
  if (openHandlers.length === 0) findings.push({ rule: 'window-open', line: 1, message: 'no setWindowOpenHandler' });
  for (const call of openHandlers) {
    const fn = asFunction(call.arguments[0]);
    const results = fn ? returned(fn) : [];
    const denies = (e: ts.Expression) => {
      const o = unwrap(e);
      return (
        ts.isObjectLiteralExpression(o) &&
        o.properties.some(
          (p) =>
            ts.isPropertyAssignment(p) &&
            p.name.getText() === 'action' &&
            ts.isStringLiteral(unwrap(p.initializer)) &&
            (unwrap(p.initializer) as ts.StringLiteral).text === 'deny',
        )
      );
    };
    if (!fn || results.length === 0 || !results.every(denies)) {
      findings.push({ rule: 'window-open', line: lineOf(call), message: "the window open handler must always return { action: 'deny' }" });
    }
    if (!insideWebContentsCreated(call)) {
      findings.push({ rule: 'window-open', line: lineOf(call), message: "set the window open handler in app.on('web-contents-created')" });
    }
  }

  // Navigation, redirects and <webview> attachment: always prevented, for every web contents.
  for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
    const listeners = callsOf(sf, null, 'on').filter((c) => {
      const first = c.arguments[0];
      return first !== undefined && ts.isStringLiteral(first) && first.text === event;
    });
    if (listeners.length === 0) findings.push({ rule: 'navigation', line: 1, message: `no '${event}' listener` });
    for (const call of listeners) {
      const fn = asFunction(call.arguments[1]);
      const param = fn && paramName(fn, 0);
      const prevents =
        fn !== undefined &&
        param !== undefined &&
        topLevel(fn).some((s) => {
          const e = ts.isExpressionStatement(s) ? s.expression : ts.isExpression(s) ? s : undefined;
          return e !== undefined && unwrap(e).getText().replace(/\s/g, '') === `${param}.preventDefault()`;
        });
      if (!prevents) {
        findings.push({ rule: 'navigation', line: lineOf(call), message: `'${event}' must call event.preventDefault() unconditionally` });
      }
      if (!insideWebContentsCreated(call)) {
        findings.push({ rule: 'navigation', line: lineOf(call), message: `listen for '${event}' in app.on('web-contents-created')` });
      }
    }
  }

  // Permissions: every request refused but what isAllowedPermission (security.ts) grants
  // for this very request and our own page; every check false.
  const requestHandlers = callsOf(sf, 'session.defaultSession', 'setPermissionRequestHandler');
  if (requestHandlers.length === 0) findings.push({ rule: 'permissions', line: 1, message: 'no permission request handler' });
  for (const call of requestHandlers) {
    const fn = asFunction(call.arguments[0]);
    const callback = fn && paramName(fn, 2);
    const uses = callback && fn ? all(fn).filter((n) => ts.isIdentifier(n) && n.text === callback && n.parent !== fn.parameters[2]) : [];
    const decided = (arg: ts.Expression | undefined): boolean => {
      if (isFalse(arg)) return true;
      if (!fn || !arg || !ts.isCallExpression(arg) || !ts.isIdentifier(arg.expression)) return false;
      const [permission, details, page] = arg.arguments;
      return (
        arg.expression.text === 'isAllowedPermission' &&
        arg.arguments.length === 3 &&
        !!permission && ts.isIdentifier(permission) && permission.text === paramName(fn, 1) &&
        !!details && ts.isIdentifier(details) && details.text === paramName(fn, 3) &&
        !!page && ts.isIdentifier(page) && page.text === 'pageUrl'
      );
    };
    const ok =
      uses.length > 0 &&
      uses.every(
        (u) =>
          ts.isCallExpression(u.parent) &&
          u.parent.expression === u &&
          u.parent.arguments.length === 1 &&
          decided(u.parent.arguments[0]),
      );
    if (!ok) {
      findings.push({
        rule: 'permissions',
        line: lineOf(call),
        message: 'the permission request handler must call back false or isAllowedPermission(permission, details, pageUrl)',
      });
    }
  }
  const checkHandlers = callsOf(sf, 'session.defaultSession', 'setPermissionCheckHandler');
  if (checkHandlers.length === 0) findings.push({ rule: 'permissions', line: 1, message: 'no permission check handler' });
  for (const call of checkHandlers) {
    const fn = asFunction(call.arguments[0]);
    const results = fn ? returned(fn) : [];
    if (results.length === 0 || !results.every(isFalse)) {
      findings.push({ rule: 'permissions', line: lineOf(call), message: 'the permission check handler must always return false' });
    }
  }

  // IPC: every handler checks its sender first.
  const ipcObject = (text: string) => text === 'ipcMain' || text.endsWith('.ipc');
  for (const method of ['handle', 'handleOnce', 'on', 'once', 'addListener']) {
    for (const call of callsOf(sf, ipcObject, method)) {
      const fn = asFunction(call.arguments[1]);
      const event = fn && paramName(fn, 0);
      const first = fn ? topLevel(fn)[0] : undefined;
      const ok =
        event !== undefined &&
        first !== undefined &&
        ts.isIfStatement(first) &&
        conditionChecks(first.expression, 'isTrustedSender', null, true) &&
        exits(first.thenStatement) &&
        all(first.expression).some((n) => ts.isIdentifier(n) && n.text === event);
      if (!ok) {
        findings.push({
          rule: 'ipc-sender',
          line: lineOf(call),
          message: `ipcMain.${method} must begin with if (!isTrustedSender(event…)) return/throw`,
        });
      }
    }
  }

  // shell.openExternal: only with a URL isSafeExternalUrl accepted, and never taken out of `shell`.
  for (const n of nodes) {
    if (ts.isPropertyAccessExpression(n) && n.name.text === 'openExternal') {
      const call = n.parent;
      if (!ts.isCallExpression(call) || call.expression !== n) {
        findings.push({ rule: 'open-external', line: lineOf(n), message: 'openExternal may only be called directly' });
        continue;
      }
      const arg = call.arguments[0]?.getText() ?? null;
      if (arg === null || !guardedBy(call, 'isSafeExternalUrl', arg)) {
        findings.push({ rule: 'open-external', line: lineOf(call), message: `shell.openExternal(${arg}) without isSafeExternalUrl(${arg}) first` });
      }
    }
    if (ts.isBindingElement(n) && (n.propertyName ?? n.name).getText() === 'openExternal') {
      findings.push({ rule: 'open-external', line: lineOf(n), message: 'openExternal may only be called as shell.openExternal' });
    }
  }

  return findings;
}

// ---------------------------------------------------------------------------
// electron/preload.ts

const IPC_RENDERER_METHODS = new Set(['invoke', 'on', 'once', 'removeListener', 'off', 'send']);

export function scanPreload(source: string, file = 'electron/preload.ts'): Finding[] {
  const sf = parse(source, file);
  const findings: Finding[] = [];
  const nodes = all(sf);
  const imports = importsOf(sf);

  const exposes = callsOf(sf, 'contextBridge', 'exposeInMainWorld');
  if (exposes.length !== 1) {
    findings.push({ rule: 'preload-bridge', line: 1, message: `exposeInMainWorld must be called exactly once (found ${exposes.length})` });
  }
  for (const call of callsOf(sf, 'contextBridge', 'exposeInIsolatedWorld')) {
    findings.push({ rule: 'preload-bridge', line: lineOf(call), message: 'exposeInIsolatedWorld is not used by Tableside' });
  }

  // ipcRenderer is only ever called, on our own channels; it never escapes as a value.
  for (const n of nodes) {
    if (!ts.isIdentifier(n) || n.text !== 'ipcRenderer') continue;
    if (ts.isImportSpecifier(n.parent)) continue;
    const access = n.parent;
    const call = access.parent;
    if (
      !ts.isPropertyAccessExpression(access) ||
      access.expression !== n ||
      !IPC_RENDERER_METHODS.has(access.name.text) ||
      !call ||
      !ts.isCallExpression(call) ||
      call.expression !== access
    ) {
      findings.push({ rule: 'preload-ipc', line: lineOf(n), message: 'ipcRenderer may only be called (invoke/on/removeListener…), never passed or exposed' });
      continue;
    }
    const channel = call.arguments[0] && unwrap(call.arguments[0]);
    const fixed =
      channel !== undefined &&
      (ts.isStringLiteral(channel) ||
        (ts.isIdentifier(channel) && /\/shared\/bridge(\.js)?$/.test(imports.get(channel.text) ?? '')));
    if (!fixed) {
      findings.push({
        rule: 'preload-ipc',
        line: lineOf(call),
        message: `ipcRenderer.${access.name.text} must name a channel from shared/bridge.ts, not one the page chooses`,
      });
    }
    // A listener must not hand the IpcRendererEvent (whose `sender` is ipcRenderer) to the page.
    if (access.name.text === 'on' || access.name.text === 'once') {
      const handlerArg = call.arguments[1] && unwrap(call.arguments[1]);
      let fn = asFunction(handlerArg);
      if (!fn && handlerArg && ts.isIdentifier(handlerArg)) {
        const decl = localDeclarations(sf, handlerArg.text).find(ts.isVariableDeclaration);
        fn = asFunction(decl?.initializer);
      }
      const event = fn?.parameters[0];
      const eventName = event && ts.isIdentifier(event.name) ? event.name.text : undefined;
      const leaks =
        !fn ||
        (eventName !== undefined &&
          fn.body !== undefined &&
          all(fn.body).some((x) => ts.isIdentifier(x) && x.text === eventName));
      if (leaks) {
        findings.push({ rule: 'preload-ipc', line: lineOf(call), message: 'a push listener must not pass the IPC event on to the page' });
      }
    }
  }

  return findings;
}

// ---------------------------------------------------------------------------
// SECURE_WEB_PREFERENCES itself, and the page's Content-Security-Policy.

export function scanSecurePreferences(prefs: Readonly<Record<string, unknown>>): Finding[] {
  const findings: Finding[] = [];
  for (const [key, required] of Object.entries(REQUIRED_PREFERENCE_VALUES)) {
    if (key === 'experimentalFeatures' && prefs[key] === undefined) continue; // off by default
    if (prefs[key] !== required) {
      findings.push({ rule: 'secure-preferences', line: 0, message: `SECURE_WEB_PREFERENCES.${key} must be ${required}` });
    }
  }
  for (const key of FORBIDDEN_PREFERENCES) {
    if (key in prefs) findings.push({ rule: 'secure-preferences', line: 0, message: `SECURE_WEB_PREFERENCES.${key} is not allowed` });
  }
  return findings;
}

export function scanCsp(html: string): Finding[] {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  if (!meta?.[1]) return [{ rule: 'csp', line: 0, message: 'the page has no Content-Security-Policy meta tag' }];
  const directives = new Map<string, string[]>();
  for (const part of meta[1].split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  const findings: Finding[] = [];
  const defaults = directives.get('default-src');
  if (!defaults || !defaults.every((v) => v === "'self'" || v === "'none'")) {
    findings.push({ rule: 'csp', line: 0, message: "default-src must be 'self' (or 'none')" });
  }
  const scripts = directives.get('script-src') ?? defaults ?? [];
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:', 'data:', 'blob:']) {
    if (scripts.includes(bad)) findings.push({ rule: 'csp', line: 0, message: `script-src must not allow ${bad}` });
  }
  const objects = directives.get('object-src') ?? defaults ?? [];
  if (objects.join(' ') !== "'none'") findings.push({ rule: 'csp', line: 0, message: "object-src must be 'none'" });
  return findings;
}
