// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const coreRestrictions = {
  paths: [
    {
      name: 'electron',
      message: 'The core runs under plain Node: only src/main/shell/electron may import electron.',
    },
  ],
  patterns: [
    { group: ['electron/*'], message: 'Only src/main/shell/electron may import electron.' },
    { group: ['react', 'react-dom', 'react-dom/*'], message: 'The core has no UI.' },
    { group: ['**/renderer/**', '**/preload/**', '**/shell/**'], message: 'The core never imports a shell.' },
  ],
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', 'tests/fixtures/bots/*.js', '*.config.js'],
    languageOptions: { globals: globals.node },
  },
  { files: ['scripts/**', 'bin/**', 'tests/**'], rules: { 'no-console': 'off' } },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/shell/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', coreRestrictions] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'react', '**/main/**', '**/renderer/**'],
              message: '@shared imports zod only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', '**/main/**', '**/preload/**'],
              message: 'The renderer reaches the core only through its client.',
            },
          ],
        },
      ],
    },
  },
)
