import { describe, expect, it } from 'vitest';

import { AUDIT_ACTIONS, describeAction, humaniseAction } from './audit-actions';

// the API's sources, as text, at test build time
const API_SOURCES = import.meta.glob<string>(
  ['../../../../../api/src/**/*.ts', '!**/*.spec.ts', '!**/modules/audit/**'],
  { query: '?raw', import: 'default', eager: true },
);
const ACH_RETURN_CLOSED = ['resolved', 'dismissed'];

/**
 * Every audit action code the API writes, read from its sources: each `action` property of an
 * `audit.record(...)` call. An `action` written in a shape this reader does not know fails the
 * test, so a new code cannot slip past the dictionary.
 */
function apiAuditActions(): Set<string> {
  const codes = new Set<string>();
  for (const [file, source] of Object.entries(API_SOURCES)) {
    if (!source.includes('audit.record(')) continue;
    for (const line of source.split('\n')) {
      if (!/^\s*action\s*[:,]/.test(line)) continue;
      const literal = /^\s*action: '([a-z_]+\.[a-z_]+)',$/.exec(line);
      const ternary = /^\s*action: [^?]+ \? '([a-z_.]+)' : '([a-z_.]+)',$/.exec(line);
      const typed = /^\s*action: ([A-Z]\w+),$/.exec(line);
      if (literal) codes.add(literal[1]!);
      else if (typed || (/^\s*action,$/.test(line) && !source.includes('const action =')))
        // a parameter typed by a union of codes declared in the same file
        unionCodes(file, source, typed?.[1]).forEach((code) => codes.add(code));
      else if (ternary) codes.add(ternary[1]!).add(ternary[2]!);
      else if (line.includes('action: `ach_return.${status}`'))
        ACH_RETURN_CLOSED.forEach((s) => codes.add(`ach_return.${s}`));
      else if (/^\s*action,$/.test(line)) {
        // shorthand: the code is chosen just above, `const action = cond ? 'a' : 'b';`
        const chosen = /const action =[^;]*?'([a-z_.]+)'\s*:\s*'([a-z_.]+)';/s.exec(source);
        if (!chosen) throw new Error(`${file}: cannot read the audit action near "${line.trim()}"`);
        codes.add(chosen[1]!).add(chosen[2]!);
      } else throw new Error(`${file}: cannot read the audit action in "${line.trim()}"`);
    }
  }
  return codes;
}

/** The codes of `type Name = 'a.b' | 'c.d';` (the file's only such union when no name is given). */
function unionCodes(file: string, source: string, name?: string): string[] {
  const union = new RegExp(`type ${name ?? '\\w+Action'} =([^;]+);`).exec(source);
  if (!union) throw new Error(`${file}: cannot find the union of audit actions ${name ?? ''}`);
  return [...union[1]!.matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!);
}

describe('audit action words', () => {
  it('has a sentence for every action code the API writes', () => {
    const codes = apiAuditActions();
    expect(codes.size).toBeGreaterThan(30);
    expect([...codes].filter((code) => !(code in AUDIT_ACTIONS))).toEqual([]);
  });

  it('reads a known code as its sentence and an unknown one as words', () => {
    expect(describeAction('payment.created')).toBe('Made payment');
    expect(describeAction('contact.access_revoked')).toBe('Removed the portal access of contact');
    expect(humaniseAction('payment_method.lock_cleared')).toBe('Payment method: lock cleared');
    expect(describeAction('integration.sync-started')).toBe('Integration: sync started');
    expect(describeAction('reindexed')).toBe('Reindexed');
  });
});
