// Lint rules, and the import boundaries that keep the layout honest:
//   shared/    pure: no Node, no DOM-only APIs, no Electron, no React
//   renderer/  never Node, Electron or the database
//   electron/  plain Node, except the two Electron entry files
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'net', 'child_process', 'url', 'util'];
// A case rule of the laptop's language ("I" is "ı" on a Turkish laptop) must never decide whether two texts are the same:
// topics compare by shared/domain/topic.ts topicKey, names and headers by shared/domain/cells.ts fold (toLowerCase).
const localeCase = {
  selector: "CallExpression[arguments.length=0][callee.property.name=/^toLocale(Lower|Upper)Case$/]",
  message: 'toLocaleLowerCase()/toLocaleUpperCase() without a language follow the laptop\'s language: compare with topicKey or fold, or name the language.',
};
const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/', 'release/', '.native/', 'node_modules/', 'test-results/', 'playwright-report/', '.test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': ['error', localeCase],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid(
      [...nodeBuiltins, 'electron', 'better-sqlite3', 'react', 'react-dom', 'ws', 'electron-store', 'conf'],
      'shared/ is pure: it runs in the main process, the web host and the renderer alike.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(
        [...nodeBuiltins, 'electron', 'better-sqlite3', 'ws', 'electron-store', 'conf', '**/electron/**'],
        'The renderer talks to the core only through the contract (window.tableside or the web host).',
      ),
    },
  },
  {
    // The core is the only way to the database (ARCHITECTURE.md, "The core's data interface").
    files: ['electron/**/*.ts'],
    ignores: ['electron/core/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        localeCase,
        {
          selector: "CallExpression[callee.property.name=/^(prepare|transaction|pragma)$/]",
          message: 'Only electron/core/ prepares SQL or opens transactions; use the core\'s data interface.',
        },
        {
          selector: "MemberExpression[property.name='database']",
          message: 'Core.database is for tests and benchmarks; use the core\'s data interface.',
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron'],
              message: 'Only electron/main.ts and electron/preload.ts may import electron; the rest is plain Node shared with the web host.',
            },
            {
              regex: '(^|/)renderer/(?!src/i18n/locales/[a-z]{2}\\.json$)',
              message: 'The main process does not import the renderer; only its translation files (renderer/src/i18n/locales/*.json, the one source of every string).',
            },
          ],
        },
      ],
    },
  },
);
