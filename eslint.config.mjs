import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.settle/**',
      '.tmp/**',
      'test-results/**',
      'coverage/**',
      'libs/api-client/src/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { import: importPlugin },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Imports flow one way: apps use libs; libs never reach into apps; the SPAs never import the API or each other.
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './libs', from: './apps', message: 'libs must not import apps' },
            {
              target: './libs/domain',
              from: './libs',
              except: ['./domain'],
              message: 'libs/domain imports nothing internal',
            },
            {
              target: './libs/ui',
              from: './libs/api-client',
              message: 'libs/ui must not import the API client',
            },
            {
              target: './apps/admin-web',
              from: './apps',
              except: ['./admin-web'],
              message: 'SPAs never import other apps',
            },
            {
              target: './apps/portal-web',
              from: './apps',
              except: ['./portal-web'],
              message: 'SPAs never import other apps',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'apps/admin-web/**/*.{ts,tsx}',
      'apps/portal-web/**/*.{ts,tsx}',
      'libs/ui/**/*.{ts,tsx}',
      'libs/api-client/**/*.ts',
    ],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
