import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from '@jest/globals';

/**
 * The lint rules that guard the SPAs' structure (and the admin SPA's one form pattern) bite: each fixture under a `__lint-fixtures__`
 * folder (ignored by `npm run lint`) is linted with the real eslint.config.mjs, and the case
 * names the rules that must report on it, or none. To prove a new rule, add a fixture and a case.
 */
const repoRoot = path.resolve(__dirname, '../../..');

interface Case {
  fixture: string;
  /** Rule ids that must report on the fixture; empty means the fixture lints clean. */
  reports: string[];
  /** Words the report's message must contain (the message tells the reader what to do). */
  messageIncludes?: string;
}

const cases: Record<string, Case> = {
  'a feature importing another feature': {
    fixture: 'apps/admin-web/src/features/__lint-fixtures__/imports-another-feature.ts',
    reports: ['import/no-restricted-paths'],
    messageIncludes: 'A feature imports no other feature',
  },
  'a feature importing app/': {
    fixture: 'apps/admin-web/src/features/__lint-fixtures__/imports-app.ts',
    reports: ['import/no-restricted-paths'],
    messageIncludes: 'Features do not import app/',
  },
  'a shared module importing a feature': {
    fixture: 'apps/admin-web/src/lib/__lint-fixtures__/imports-a-feature.ts',
    reports: ['import/no-restricted-paths'],
    messageIncludes: 'Shared modules',
  },
  'a feature importing shared api, components, config and lib modules': {
    fixture: 'apps/admin-web/src/features/__lint-fixtures__/imports-shared.ts',
    reports: [],
  },
  'an admin form built on a raw <form>': {
    fixture: 'apps/admin-web/src/features/__lint-fixtures__/raw-form.tsx',
    reports: ['no-restricted-syntax'],
    messageIncludes: 'Build forms with <Form> from @/components/form and useProblemForm',
  },
  'an admin form calling react-hook-form useForm itself': {
    fixture: 'apps/admin-web/src/features/__lint-fixtures__/use-form-directly.tsx',
    reports: ['no-restricted-imports'],
    messageIncludes: 'Use useProblemForm from @/lib/forms/use-problem-form',
  },
  'an admin form on the shared pattern, beside a role="search" form': {
    fixture: 'apps/admin-web/src/features/__lint-fixtures__/shared-form.tsx',
    reports: [],
  },
  'a portal feature importing another portal feature': {
    fixture: 'apps/portal-web/src/features/__lint-fixtures__/imports-another-feature.ts',
    reports: ['import/no-restricted-paths'],
    messageIncludes: 'A feature imports no other feature',
  },
};

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/**
 * ESLint loads eslint.config.mjs with a dynamic import, which Jest's module sandbox refuses, so
 * the ESLint Node API runs in a child node. `import/no-unresolved` is switched on for the
 * fixtures: a fixture whose `@/` imports stopped resolving would otherwise lint clean and prove
 * nothing.
 */
function lint(files: string[]): Record<string, LintMessage[]> {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint({
      cwd: process.cwd(),
      ignore: false,
      overrideConfig: { rules: { 'import/no-unresolved': 'error' } },
    });
    const results = await eslint.lintFiles(process.argv.slice(1));
    const byFile = {};
    for (const r of results) {
      byFile[r.filePath] = r.messages.map((m) => ({ ruleId: m.ruleId, message: m.message }));
    }
    process.stdout.write(JSON.stringify(byFile));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, ...files], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return JSON.parse(out) as Record<string, LintMessage[]>;
}

describe('SPA lint rules', () => {
  let results: Record<string, LintMessage[]> | undefined;
  const messagesFor = (fixture: string): LintMessage[] => {
    results ??= lint(Object.values(cases).map((c) => c.fixture));
    const messages = results[path.join(repoRoot, fixture)];
    if (!messages) throw new Error(`${fixture} was not linted`);
    return messages;
  };

  it.each(Object.entries(cases))(
    '%s',
    (_name, { fixture, reports, messageIncludes }) => {
      const messages = messagesFor(fixture);
      expect(messages.map((m) => m.ruleId).sort()).toEqual([...reports].sort());
      if (messageIncludes) {
        expect(messages.map((m) => m.message).join('\n')).toContain(messageIncludes);
      }
    },
    120_000,
  );
});
