import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';

import * as argon2 from 'argon2';
import { QueryFailedError } from 'typeorm';

import { createRootLogger } from '../../src/logging';
import { ApiKey } from '../../src/modules/api-keys/api-key.entity';
import { User } from '../../src/modules/users/user.entity';
import { createTestApp, expectProblem, loginAs, TestApp } from '../utils/test-app';

/** A pino destination that keeps every line it is given. */
function captureLines(): { destination: Writable; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { destination, lines };
}

async function failureOf(write: Promise<unknown>): Promise<QueryFailedError> {
  const error = await write.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof QueryFailedError))
    throw new Error(`expected a QueryFailedError: ${error}`);
  return error;
}

const SHA256_HEX = /[0-9a-f]{64}/;

/** Failed statements carry the values they were writing; none of those may reach the logs. */
describe('secrets in logs', () => {
  // One app per file: nestjs-pino keeps the first app's logger for logs outside a request.
  const { destination, lines } = captureLines();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'error' }, { logDestination: destination });
    // A constraint the services do not expect stands for any bug that makes an insert fail.
    await t.dataSource.query(
      `ALTER TABLE users ADD CONSTRAINT test_log_probe CHECK (name <> 'log-probe')`,
    );
    await t.dataSource.query(
      `ALTER TABLE api_keys ADD CONSTRAINT test_log_probe CHECK (name <> 'log-probe')`,
    );
  });
  afterAll(async () => {
    await t.dataSource.query(`ALTER TABLE users DROP CONSTRAINT IF EXISTS test_log_probe`);
    await t.dataSource.query(`ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS test_log_probe`);
    await t.close();
  });

  const loggedFor = (requestId: string) =>
    lines.map((line) => JSON.parse(line)).filter((entry) => entry.requestId === requestId);

  it('keeps the error and its SQL, and drops the password and API-key hashes it carried', async () => {
    const passwordHash = await argon2.hash('a password nobody may read', {
      type: argon2.argon2id,
    });
    const secretHash = createHash('sha256').update('sk_test_secret').digest('hex');
    const users = t.dataSource.getRepository(User);
    const keys = t.dataSource.getRepository(ApiKey);
    // NOT NULL violations: PostgreSQL's detail then quotes the whole failing row, hash included.
    const userFailure = await failureOf(
      users.save(
        users.create({ email: 'pat@example.test', name: null!, passwordHash, role: 'admin' }),
      ),
    );
    const keyFailure = await failureOf(
      keys.save(keys.create({ name: null!, prefix: 'sk_abcd', role: 'billing', secretHash })),
    );
    // What is being hidden really is in the errors.
    expect(userFailure.parameters).toContain(passwordHash);
    expect((userFailure.driverError as { detail?: string }).detail).toContain(
      passwordHash.slice(0, 40),
    );
    expect(keyFailure.parameters).toContain(secretHash);

    // The product's root logger, writing where this test can read it.
    const direct = captureLines();
    const logger = createRootLogger(t.config, direct.destination);
    logger.error({ err: userFailure }, 'Could not create the user');
    logger.error({ err: new Error('Could not create the key', { cause: keyFailure }) }, 'Failed');
    logger.child({ requestId: 'r-1' }).error(keyFailure);

    expect(direct.lines).toHaveLength(3);
    const text = direct.lines.join('\n');
    expect(text).not.toContain(passwordHash);
    expect(text).not.toContain('$argon2');
    expect(text).not.toContain(secretHash);
    expect(text).not.toContain('"parameters"');
    const [user, key, bare] = direct.lines.map((line) => JSON.parse(line));
    expect(user.err).toMatchObject({
      code: '23502',
      message: expect.stringContaining('null value in column "name" of relation "users"'),
      query: expect.stringMatching(/^INSERT INTO "users"/),
      stack: expect.stringContaining('QueryFailedError'),
      type: 'QueryFailedError',
    });

    expect(key.err.cause).toMatchObject({
      message: expect.stringContaining('relation "api_keys"'),
      type: 'QueryFailedError',
    });

    expect(bare).toMatchObject({ err: { code: '23502' }, requestId: 'r-1' });
  });

  it('logs the failed insert of a user without its password hash', async () => {
    const admin = await loginAs(t, 'admin');
    const response = await t.http
      .post('/api/v1/users')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({
        email: 'probe@example.test',
        name: 'log-probe',
        password: 'Probe-Passphrase-4-Logs!',
        role: 'billing',
      })
      .expect(500);
    expectProblem(response.body, 500, 'internal-error');
    const logged = loggedFor(response.body.requestId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      err: {
        code: '23514',
        constraint: 'test_log_probe',
        message: expect.stringContaining('violates check constraint "test_log_probe"'),
        query: expect.stringMatching(/^INSERT INTO "users"/),
        type: 'QueryFailedError',
      },
      level: 50,
      msg: 'Unhandled error',
    });
    const text = JSON.stringify(logged[0]);
    expect(text).not.toContain('$argon2');
    expect(text).not.toContain('Probe-Passphrase');
    expect(text).not.toContain('parameters');
    expect(text).not.toContain('Failing row');
  });

  it('logs the failed insert of an API key without the key’s hash', async () => {
    const admin = await loginAs(t, 'admin');
    const response = await t.http
      .post('/api/v1/api-keys')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ name: 'log-probe' })
      .expect(500);
    const logged = loggedFor(response.body.requestId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      err: { constraint: 'test_log_probe', table: 'api_keys', type: 'QueryFailedError' },
      msg: 'Unhandled error',
    });
    const text = JSON.stringify(logged[0]);
    expect(text).not.toMatch(SHA256_HEX);
    expect(text).not.toContain('parameters');
    expect(text).not.toContain('Failing row');
  });
});
