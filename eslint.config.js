// Lint holds the layers (STYLE.md): shared imports only shared; renderer never imports electron/
// or node:*; Dexie only in renderer/db; electron never imports renderer/; `electron` itself only in
// the main process and preload. Shared rules get no hidden clock or randomness.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'dgram', 'tls'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.profiles/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'react', 'react-dom', 'dexie', 'zustand', ...nodeBuiltins], message: 'shared/ is pure TypeScript: no electron, react, dexie or node:*.' },
            { group: ['**/renderer/**', '**/electron/**'], message: 'shared/ imports only shared/.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB', 'crypto', 'performance'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass the time in.' },
        { object: 'Math', property: 'random', message: 'Pass randomness in.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass the time in.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', ...nodeBuiltins], message: 'The renderer is sandboxed: no electron or node:*.' },
            { group: ['**/electron/**'], message: 'The renderer never imports electron/.' },
            { group: ['dexie', 'dexie/*'], message: 'Dexie is touched only in renderer/db.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', ...nodeBuiltins], message: 'The renderer is sandboxed: no electron or node:*.' },
            { group: ['**/electron/**', '**/features/**', '**/session/**'], message: 'renderer/db depends on nothing above it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**', 'react', 'react-dom', 'dexie'], message: 'electron/ never imports renderer code.' }] },
      ],
    },
  },
  {
    files: ['electron/standin/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'The Chromium stand-in runs where no Electron exists.' },
            { group: ['**/renderer/**', 'react', 'react-dom', 'dexie'], message: 'electron/ never imports renderer code.' },
          ],
        },
      ],
    },
  },
);
