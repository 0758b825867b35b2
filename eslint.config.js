import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

/**
 * The layering of main/ (README "Architecture"): xero/ is a pure adapter to Xero and never imports
 * sync/; db/ is the bottom layer and imports nothing above it (only app-error and private-data-dir,
 * two leaf modules); facility/ and report/ do not import each other; no import cycles anywhere.
 * test/lint-rules.test.ts proves each rule fails on a forbidden import.
 */
export const LAYER_RULES = [
  {
    files: ['main/xero/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/sync', '**/sync/**'], message: 'main/xero/ is the adapter to Xero: it must not import main/sync/ (pass what it needs in instead).' }] }],
    },
  },
  {
    files: ['main/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!../app-error', '!../private-data-dir', '../../*', '!../../contract', '!../../contract/*'], message: 'main/db/ is the bottom layer: it imports only db/, contract/, app-error and private-data-dir.' }] }],
    },
  },
  {
    files: ['main/facility/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/report', '**/report/**'], message: 'main/facility/ and main/report/ must not import each other (main/services.ts composes them).' }] }],
    },
  },
  {
    files: ['main/report/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/facility', '**/facility/**'], message: 'main/facility/ and main/report/ must not import each other (main/services.ts composes them).' }] }],
    },
  },
  {
    files: ['main/**/*.ts', 'contract/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
      // The files a cycle runs through are TypeScript: parse them as such.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Raw IPC belongs only in main/ipc.ts and preload/index.ts (docs/conventions.md #2).
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name=/^ipc(Main|Renderer)$/]", message: 'Use the typed contract (main/ipc.ts, preload/index.ts).' }],
    },
  },
  {
    files: ['main/ipc.ts', 'preload/index.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  ...LAYER_RULES,
);
