import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * One writer per table: each table belongs to the module whose folder holds its entity, and only
 * that module's repositories insert, update, delete or lock its rows. Other modules call the
 * owner's exported service. Read-only joins for display are allowed.
 */
const SRC = join(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

/** `modules/payments/...` → `payments`; `common/idempotency/...` → `common/idempotency`. */
function ownerOf(file: string): string {
  const [top, name] = relative(SRC, file).split('/');
  return top === 'modules' ? name : `${top}/${name}`;
}

const sources = files(SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
const entities = sources
  .filter((f) => f.endsWith('.entity.ts'))
  .flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/@Entity\('(\w+)'\)[\s\S]*?export class (\w+)/g)].map(
      ([, table, entity]) => ({ entity, owner: ownerOf(file), table }),
    ),
  );
const ownerOfTable = new Map(entities.map((e) => [e.table, e.owner]));
const ownerOfEntity = new Map(entities.map((e) => [e.entity, e.owner]));
const repositories = sources.filter((f) => f.endsWith('.repository.ts'));

/** Tables a SQL text writes or locks. */
export function writtenTables(sql: string): string[] {
  const written = [
    ...sql.matchAll(/\b(?:INSERT\s+INTO|(?<!FOR\s+|KEY\s+)UPDATE|DELETE\s+FROM)\s+"?(\w+)"?/gi),
  ].map(([, table]) => table);
  const locked: string[] = [];
  for (const statement of sql.split(';')) {
    const lock = /\bFOR\s+(?:NO\s+KEY\s+)?UPDATE(?:\s+OF\s+([\w\s,]+))?/i.exec(statement);
    if (!lock) continue;
    const aliases = new Map<string, string>();
    for (const [, table, alias] of statement.matchAll(
      /\b(?:FROM|JOIN)\s+"?(\w+)"?(?:\s+(?:AS\s+)?(?!WHERE|JOIN|ON|LEFT|INNER|ORDER|GROUP|LIMIT|FOR)(\w+))?/gi,
    )) {
      aliases.set(table, table);
      if (alias) aliases.set(alias, table);
    }
    const named = lock[1]?.split(',').map((a) => a.trim()) ?? [...aliases.values()];
    locked.push(...named.map((a) => aliases.get(a) ?? a));
  }
  return [...new Set([...written, ...locked])];
}

describe('table ownership', () => {
  it('knows every table and where it lives', () => {
    expect(ownerOfTable.get('payments')).toBe('payments');
    expect(ownerOfTable.get('invoices')).toBe('invoices');
    expect(ownerOfTable.get('sessions')).toBe('users');
    expect(ownerOfTable.get('idempotency_keys')).toBe('common/idempotency');
    expect(ownerOfTable.size).toBe(entities.length);
    expect(ownerOfTable.get('payment_methods')).toBe('payment-methods');
  });

  it('reads the tables a statement writes or locks', () => {
    expect(writtenTables('UPDATE invoices i SET x = 1 FROM unnest($1) d')).toEqual(['invoices']);
    expect(
      writtenTables(
        'SELECT a.id FROM payment_allocations a JOIN payments p ON p.id = a.payment_id FOR UPDATE OF p',
      ),
    ).toEqual(['payments']);
    expect(
      writtenTables('SELECT id FROM invoices WHERE id = ANY($1) ORDER BY id FOR UPDATE'),
    ).toEqual(['invoices']);
    expect(writtenTables('SELECT count(*) FROM payments WHERE x')).toEqual([]);
  });

  it.each(repositories.map((file) => [relative(SRC, file), file]))(
    '%s writes and locks only its own module\u2019s tables',
    (_name, file) => {
      const owner = ownerOf(file);
      const text = readFileSync(file, 'utf8');
      const strangers = [
        ...writtenTables(text)
          .filter((table) => ownerOfTable.has(table) && ownerOfTable.get(table) !== owner)
          .map((table) => `SQL on ${table} (owned by ${ownerOfTable.get(table)})`),
        ...[...text.matchAll(/\b(?:getRepository|into|from|innerJoin|leftJoin)\((\w+)\b/g)]
          .map(([, entity]) => entity)
          .filter((entity) => ownerOfEntity.has(entity) && ownerOfEntity.get(entity) !== owner)
          .map((entity) => `entity ${entity} (owned by ${ownerOfEntity.get(entity)})`),
      ];
      expect(strangers).toEqual([]);
    },
  );

  it('keeps SQL out of services, controllers and processors', () => {
    const offenders = sources
      .filter((f) => f.includes('/modules/') && !f.endsWith('.repository.ts'))
      .filter((f) => /\.(query|createQueryBuilder|getRepository)\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});
