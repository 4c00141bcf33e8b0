import fs from 'node:fs';
import path from 'node:path';

import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const repoRoot = import.meta.dirname;

const layerZones = [
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
];

/** Folders of an SPA's src that every feature may use and that use no feature (testing may). */
const SPA_SHARED = ['api', 'components', 'config', 'hooks', 'lib', 'types', 'utils'];

/**
 * bulletproof-react's one-way flow inside an SPA: shared → features → app. A feature imports no
 * other feature (what two share moves to a shared folder; composing several happens in app/), and
 * no feature or shared module imports app/. The feature list is read from disk, so a new feature
 * folder is fenced in without touching this file.
 */
function spaZones(app) {
  const src = `./apps/${app}/src`;
  const features = fs
    .readdirSync(path.join(repoRoot, src, 'features'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return [
    ...features.map((feature) => ({
      target: `${src}/features/${feature}`,
      from: `${src}/features`,
      except: [`./${feature}`],
      message: `A feature imports no other feature: move what features/${feature} shares to src/components, src/api or src/lib, or compose the features in src/app.`,
    })),
    {
      target: `${src}/features`,
      from: `${src}/app`,
      message: 'Features do not import app/: the app composes features, not the other way round.',
    },
    {
      target: SPA_SHARED.map((folder) => `${src}/${folder}`),
      from: [`${src}/features`, `${src}/app`],
      message:
        'Shared modules (api, components, config, hooks, lib, types, utils) import no feature and no app/.',
    },
  ];
}

/** Per SPA: `@/` resolved through its tsconfig paths, so the zones and no-cycle see those imports. */
const spaBoundaries = (app) => ({
  files: [`apps/${app}/**/*.{ts,tsx}`],
  settings: {
    'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    'import/resolver': {
      typescript: { project: path.join(repoRoot, `apps/${app}/tsconfig.json`) },
    },
  },
  rules: {
    'import/no-restricted-paths': [
      'error',
      { basePath: repoRoot, zones: [...layerZones, ...spaZones(app)] },
    ],
    'import/no-cycle': ['error', { ignoreExternal: true }],
  },
});

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
      // broken on purpose; libs/testing/src/lint-rules.spec.ts lints them and expects the errors
      '**/__lint-fixtures__/**',
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
      'import/no-restricted-paths': ['error', { basePath: repoRoot, zones: layerZones }],
    },
  },
  {
    // API feature modules (apps/api/src/modules/<name>) reach each other only through the
    // module's index.ts, and never in a cycle: what a module exports is all another may use.
    files: ['apps/api/src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': [
        { capture: ['module'], mode: 'folder', pattern: 'apps/api/src/modules/*', type: 'module' },
      ],
      'boundaries/include': ['apps/api/src/**/*.{ts,tsx}'],
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
    },
    rules: {
      'boundaries/entry-point': [
        'error',
        { default: 'disallow', rules: [{ allow: 'index.ts', target: ['module'] }] },
      ],
      'import/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // SQL belongs to repositories: a module's other files call them, passing an EntityManager.
    files: ['apps/api/src/modules/**/*.{ts,tsx}'],
    ignores: ['**/*.repository.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          message: 'SQL belongs in a *.repository.ts file of the table-owning module.',
          selector:
            'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository|sql)$/]',
        },
        {
          message:
            'Open transactions with dataSource.transaction (it guards against a second connection).',
          selector:
            "CallExpression[callee.object.property.name='manager'][callee.property.name='transaction']",
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
  spaBoundaries('admin-web'),
  spaBoundaries('portal-web'),
  {
    // One form pattern in the admin SPA: a form is <Form> from @/components/form, driven by
    // useProblemForm (src/lib/forms/use-problem-form.ts), which checks the zod schema and puts a
    // problem+json's errors on the fields. A search box alone may stay a plain role="search" form.
    files: ['apps/admin-web/src/**/*.tsx'],
    ignores: ['apps/admin-web/src/components/form/form.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "JSXOpeningElement[name.name='form']:not(:has(JSXAttribute[name.name='role'][value.value='search']))",
          message:
            'Build forms with <Form> from @/components/form and useProblemForm (src/lib/forms/use-problem-form.ts), not a raw <form>.',
        },
      ],
    },
  },
  {
    files: ['apps/admin-web/src/**/*.{ts,tsx}'],
    ignores: ['apps/admin-web/src/lib/forms/use-problem-form.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'react-hook-form',
              importNames: ['useForm'],
              message:
                'Use useProblemForm from @/lib/forms/use-problem-form: it adds the zod resolver and maps problem+json errors onto the fields.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
