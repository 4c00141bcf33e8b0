import { Writable } from 'node:stream';

import { QueryFailedError } from 'typeorm';

import { AppConfig } from './config/app-config';
import { parseEnv } from './config/env.schema';
import { createRootLogger, serializeError } from './logging';

const ARGON2_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const KEY_HASH = 'a3f1c9e0b7d2'.repeat(5) + 'ffff';

/** What node-postgres rejects with: a DatabaseError whose detail echoes the failing row. */
function pgError(message: string, fields: Record<string, unknown>): Error {
  class DatabaseError extends Error {}
  return Object.assign(new DatabaseError(message), fields);
}

function failedInsert(): QueryFailedError {
  return new QueryFailedError(
    'INSERT INTO "users"("email", "password_hash") VALUES ($1, $2)',
    ['pat@example.test', ARGON2_HASH],
    pgError('null value in column "name" of relation "users" violates not-null constraint', {
      code: '23502',
      column: 'name',
      detail: `Failing row contains (pat@example.test, null, ${ARGON2_HASH}).`,
      severity: 'ERROR',
      table: 'users',
    }),
  );
}

describe('serializeError', () => {
  it('keeps what explains a failed statement and drops the values it carried', () => {
    const serialized = serializeError(failedInsert()) as Record<string, unknown>;
    expect(JSON.stringify(serialized)).not.toContain(ARGON2_HASH);
    expect(serialized).toMatchObject({
      code: '23502',
      column: 'name',
      message: 'null value in column "name" of relation "users" violates not-null constraint',
      query: 'INSERT INTO "users"("email", "password_hash") VALUES ($1, $2)',
      stack: expect.stringContaining('QueryFailedError'),
      table: 'users',
      type: 'QueryFailedError',
    });
    expect(serialized).not.toHaveProperty('parameters');
    expect(serialized).not.toHaveProperty('detail');
    expect(serialized.driverError).toMatchObject({ code: '23502', type: 'DatabaseError' });
    expect(serialized.driverError).not.toHaveProperty('detail');
  });

  it('serializes causes and aggregated errors the same way', () => {
    const wrapped = new Error('Could not save the key', { cause: failedInsert() });
    const aggregate = new AggregateError([wrapped, failedInsert()], 'Two writes failed');
    const serialized = serializeError(aggregate) as Record<string, unknown>;
    const text = JSON.stringify(serialized);
    expect(text).not.toContain(ARGON2_HASH);
    expect(text).not.toContain('parameters');
    expect(serialized).toMatchObject({
      errors: [
        { cause: { query: expect.any(String), type: 'QueryFailedError' }, type: 'Error' },
        { code: '23502', type: 'QueryFailedError' },
      ],
      message: 'Two writes failed',
      type: 'AggregateError',
    });
  });

  it('redacts fields named like secrets and drops nested objects, at any depth', () => {
    const inner = Object.assign(new Error('refused'), {
      config: { headers: { Authorization: 'Bearer sk_live_1' } },
      secretHash: KEY_HASH,
      statusCode: 401,
    });
    const outer = Object.assign(new Error('outer', { cause: inner }), {
      password: 'hunter2',
      passwordHash: ARGON2_HASH,
      requestId: 'req_1',
    });
    const serialized = serializeError(outer) as Record<string, unknown>;
    const text = JSON.stringify(serialized);
    for (const secret of ['hunter2', ARGON2_HASH, KEY_HASH, 'sk_live_1']) {
      expect(text).not.toContain(secret);
    }
    expect(serialized).toMatchObject({
      cause: { secretHash: '[redacted]', statusCode: 401, type: 'Error' },
      password: '[redacted]',
      passwordHash: '[redacted]',
      requestId: 'req_1',
    });
    expect(serialized.cause).not.toHaveProperty('config');
  });

  it('survives a cause that points back at its error', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    (first as Error & { cause?: unknown }).cause = second;
    expect(serializeError(first)).toMatchObject({
      cause: { cause: '[nested error omitted]', message: 'second' },
      message: 'first',
    });
  });

  it('leaves a thrown string alone', () => {
    expect(serializeError('boom')).toBe('boom');
  });
});

describe('createRootLogger', () => {
  it('writes through the serializer, whether the error is under err or logged alone', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = new AppConfig(
      parseEnv({
        DATABASE_URL: 'postgres://u@localhost/settle',
        LOG_LEVEL: 'info',
        REDIS_URL: 'redis://localhost',
      }),
    );
    const logger = createRootLogger(config, destination);
    logger.error({ err: failedInsert() }, 'Insert failed');
    logger.child({ requestId: 'r1' }).error(failedInsert());
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(ARGON2_HASH);
      expect(JSON.parse(line).err).toMatchObject({ code: '23502', type: 'QueryFailedError' });
    }
  });
});
