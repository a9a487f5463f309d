/**
 * The desktop app itself, driven through Playwright's Electron support: the
 * window's security from inside the page, a first turn with a saved note, the
 * note and the running turn surviving a restart on the same data folder, the
 * application menu (the UI's shortcuts, and the push it sends), and a second
 * launch handing over to the first.
 *
 * Needs Electron's binary. Where dependencies were installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 every test here is reported as skipped, by
 * name; the same flows run in Chromium against the web host (test/e2e).
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Push } from '../../shared/contract.js';
import { SHORTCUTS } from '../../shared/shortcuts.js';
import { DEMO_EVENT } from '../../shared/domain/demo.js';

const MAIN = 'dist/electron/main.cjs';
const NOTE = 'Wants to move into a leadership role; follow up on the mentoring programme.';

/** The Electron executable, or undefined when its binary was not downloaded. */
function electronExecutable(): string | undefined {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined; // node_modules/electron throws when path.txt is missing
  }
}

/** What the page may see of its globals (this file is type-checked without the DOM library). */
interface PageGlobals {
  require?: unknown;
  process?: unknown;
  tableside?: Record<string, unknown>;
  /** Where the menu test collects the pushes the page receives. */
  shortcutPushes?: Push[];
  location: { href: string };
  open(url: string): unknown;
}

/** What the test reads of Electron's Menu in the main process (structural, so no Electron types are needed). */
interface MenuShape {
  items: { id: string; label: string; accelerator?: string | null; submenu?: MenuShape | null }[];
}

const executablePath = electronExecutable();

test.describe('Electron app', () => {
  test.skip(
    !executablePath,
    'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1); the same flows run in Chromium against the web host, and main.ts against a fake Electron (test/unit/electron-main.test.ts)',
  );
  test.describe.configure({ mode: 'serial' });

  let dataDir = '';
  let configDir = '';
  let running: ElectronApplication | undefined;

  test.beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first.`);
    // Electron's own build of better-sqlite3 (.native/electron-<abi>/), as `npm start` makes it.
    const native = spawnSync(process.execPath, ['scripts/native-for-electron.mjs'], { encoding: 'utf8' });
    if (native.status !== 0) {
      throw new Error(`scripts/native-for-electron.mjs failed:\n${native.stdout}${native.stderr}`);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'tableside-electron-data-'));
    // Linux: keep Electron's settings (window bounds, last data folder) out of the real ~/.config.
    configDir = mkdtempSync(join(tmpdir(), 'tableside-electron-config-'));
  });

  test.afterEach(async () => {
    await running?.close().catch(() => undefined);
    running = undefined;
  });

  test.afterAll(() => {
    for (const dir of [dataDir, configDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function launchEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    delete env.ELECTRON_RUN_AS_NODE; // set in some terminals (VS Code); Electron would start as plain Node
    env.XDG_CONFIG_HOME = configDir;
    return env;
  }

  function launchArgs(): string[] {
    const args = [resolve(MAIN), `--data-dir=${dataDir}`];
    // Chromium refuses to start as root (CI containers) with its sandbox on.
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    return args;
  }

  async function launch(): Promise<{ app: ElectronApplication; page: Page }> {
    const app = await electron.launch({ executablePath: executablePath!, args: launchArgs(), env: launchEnv() });
    running = app;
    const page = await app.firstWindow();
    // The renderer sets this once its first snapshot from the core has arrived.
    await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
    return { app, page };
  }

  test('the page has no Node, only the two-function bridge, and cannot navigate or open windows', async () => {
    const { app, page } = await launch();

    const seen = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      return {
        require: typeof w.require,
        process: typeof w.process,
        bridge: Object.keys(w.tableside ?? {}).sort(),
        bridgeTypes: [typeof w.tableside?.call, typeof w.tableside?.onPush],
        opened: w.open('https://example.com/'),
      };
    });
    expect(seen.require).toBe('undefined');
    expect(seen.process).toBe('undefined');
    expect(seen.bridge).toEqual(['call', 'onPush']);
    expect(seen.bridgeTypes).toEqual(['function', 'function']);
    expect(seen.opened).toBeNull();
    expect(app.windows()).toHaveLength(1);

    const before = page.url();
    expect(before).toMatch(/^file:.*\/renderer\/index\.html$/);
    const navigated = page.waitForEvent('framenavigated', { timeout: 2_000 }).then(
      () => true,
      () => false,
    );
    await page
      .evaluate(() => {
        (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
      })
      .catch(() => undefined); // if navigation did happen, the context is gone; the checks below say so
    expect(await navigated).toBe(false);
    expect(page.url()).toBe(before);
    await expect(page.locator('html')).toHaveAttribute('data-tableside-ready', 'true');
  });

  test('a demo event, a first turn and a note that is saved', async () => {
    const { page } = await launch();

    await page.getByRole('button', { name: 'Demo event' }).click();
    await page.getByRole('button', { name: /Start next/i }).first().click();
    await expect(page.getByRole('timer').first()).toBeVisible();

    const note = page.getByRole('textbox', { name: 'Note' }).first();
    await note.fill(NOTE);
    await expect(page.getByRole('status').filter({ hasText: /Saved/ }).first()).toBeVisible();
  });

  test('after a restart on the same data folder, the note is there and the turn still running', async () => {
    const { page } = await launch();

    await expect(page.getByRole('textbox', { name: 'Note' }).first()).toHaveValue(NOTE);
    await expect(page.getByRole('timer').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'End turn' }).first()).toBeVisible();
  });

  test('table signs go to the native print dialog and to one landscape PDF, a page a table, read back with pdftotext', async () => {
    const { app, page } = await launch();
    const out = mkdtempSync(join(tmpdir(), 'tableside-electron-signs-'));
    try {
      const file = join(out, 'signs.pdf');
      // The Save dialog answers with a path, and the system's print dialog says "printed", as a person would.
      await app.evaluate(({ dialog, BrowserWindow }, path) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as typeof dialog.showSaveDialog;
        const contents = BrowserWindow.getAllWindows()[0]!.webContents;
        const seen: unknown[] = [];
        (globalThis as unknown as { printedWith: unknown[] }).printedWith = seen;
        contents.print = ((options: unknown, callback?: (success: boolean, reason: string) => void) => {
          seen.push(options);
          callback?.(true, '');
        }) as typeof contents.print;
      }, file);
      await page.getByRole('button', { name: 'Event settings' }).click();
      await page.getByRole('button', { name: 'Print table signs' }).click();
      await expect(page.getByRole('heading', { level: 2, name: 'Table signs' })).toBeVisible();
      await page.getByLabel('Paper').selectOption('a4');
      await page.getByRole('button', { name: 'Save the signs as PDF' }).click();
      await expect(page.getByRole('status').filter({ hasText: `Saved to ${file}` })).toBeVisible();
      const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
      expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBe(DEMO_EVENT.tables.length);
      expect(info).toContain('(A4)');
      DEMO_EVENT.tables.forEach((table, i) => {
        const text = spawnSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
        expect(text).toContain(table.name);
        for (const coach of table.coaches) expect(text).toContain(coach);
      });
      // Print: the system's dialog (not silent), landscape, on the paper chosen.
      await page.getByRole('button', { name: 'Print table signs' }).click();
      await expect.poll(() => app.evaluate(() => (globalThis as unknown as { printedWith: unknown[] }).printedWith.length)).toBe(1);
      const printed = await app.evaluate(() => (globalThis as unknown as { printedWith: unknown[] }).printedWith[0]);
      expect(printed).toMatchObject({ silent: false, landscape: true, pageSize: 'A4' });
      await expect(page.getByText('Not printed.')).toHaveCount(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('the application menu shows the coach’s shortcuts with the accelerators the UI shows', async () => {
    const { app } = await launch();

    const items = await app.evaluate(({ Menu }) => {
      const out: { id: string; label: string; accelerator: string | null }[] = [];
      const walk = (menu: MenuShape | null | undefined): void => {
        for (const item of menu?.items ?? []) {
          out.push({ id: item.id, label: item.label, accelerator: item.accelerator ?? null });
          walk(item.submenu);
        }
      };
      walk(Menu.getApplicationMenu() as MenuShape | null);
      return out;
    });
    for (const s of SHORTCUTS) {
      expect(items, s.id).toContainEqual(expect.objectContaining({ id: `shortcut.${s.id}`, accelerator: s.accelerator }));
    }
  });

  test('choosing a coach’s action in the menu pushes it to the page', async () => {
    const { app, page } = await launch();

    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      const bridge = w.tableside as unknown as { onPush(listener: (push: Push) => void): () => void };
      w.shortcutPushes = [];
      bridge.onPush((push) => {
        if (push.type === 'shortcut') w.shortcutPushes?.push(push);
      });
    });
    await app.evaluate(({ Menu }) => {
      Menu.getApplicationMenu()?.getMenuItemById('shortcut.focusNote')?.click();
    });
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).shortcutPushes))
      .toEqual([{ type: 'shortcut', payload: { id: 'focusNote' } }]);
  });

  test('a second launch on the same data folder brings the first window forward and quits', async () => {
    const { app } = await launch();
    await app.evaluate(({ app: electronApp, BrowserWindow }) => {
      const g = globalThis as { secondLaunches?: number };
      g.secondLaunches = 0;
      electronApp.on('second-instance', () => {
        g.secondLaunches = (g.secondLaunches ?? 0) + 1;
      });
      // Minimised (where the window manager allows it), so coming forward is visible in the state.
      BrowserWindow.getAllWindows()[0]?.minimize();
    });

    const second = spawn(executablePath!, launchArgs(), { env: launchEnv(), stdio: 'ignore' });
    const exitCode = await new Promise<number | null>((done, fail) => {
      const timer = setTimeout(() => {
        second.kill();
        fail(new Error('The second launch did not quit within 30 s'));
      }, 30_000);
      second.once('exit', (code) => {
        clearTimeout(timer);
        done(code);
      });
    });
    expect(exitCode).toBe(0);

    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) => {
          const windows = BrowserWindow.getAllWindows();
          return {
            windows: windows.length,
            secondLaunches: (globalThis as { secondLaunches?: number }).secondLaunches,
            minimized: windows[0]?.isMinimized(),
            visible: windows[0]?.isVisible(),
          };
        }),
      )
      .toEqual({ windows: 1, secondLaunches: 1, minimized: false, visible: true });
  });
});
