import { InvalidConfigError, parseEnv } from './env.schema';

const valid = {
  DATABASE_URL: 'postgres://u@localhost:5432/settle',
  REDIS_URL: 'redis://localhost:6379',
};

describe('parseEnv', () => {
  it('applies defaults to a minimal environment', () => {
    const env = parseEnv(valid);
    expect(env).toMatchObject({
      PORT: 3000,
      SETTLE_ROLE: 'all',
      SETTLE_DEMO_DATA: false,
      LOGIN_MAX_FAILURES: 5,
    });
  });

  it('reports every bad variable at once, by name', () => {
    let error: unknown;
    try {
      parseEnv({
        DATABASE_URL: 'mysql://x@y/z',
        PORT: 'eighty',
        SETTLE_ROLE: 'boss',
        SETTLE_DEMO_DATA: 'yes',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    const problems = (error as InvalidConfigError).problems.join('\n');
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'PORT', 'SETTLE_ROLE', 'SETTLE_DEMO_DATA']) {
      expect(problems).toContain(name);
    }
  });

  it('parses booleans strictly', () => {
    expect(parseEnv({ ...valid, SETTLE_DEMO_DATA: '1' }).SETTLE_DEMO_DATA).toBe(true);
    expect(parseEnv({ ...valid, SETTLE_DEMO_DATA: 'false' }).SETTLE_DEMO_DATA).toBe(false);
    expect(() => parseEnv({ ...valid, SETTLE_DEMO_DATA: 'on' })).toThrow(InvalidConfigError);
  });
});

describe('TRUSTED_PROXIES', () => {
  it('trusts no proxy unless told', () => {
    expect(parseEnv(valid).TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ ...valid, TRUSTED_PROXIES: ' ' }).TRUSTED_PROXIES).toEqual([]);
  });

  it('reads a comma-separated list of addresses and CIDR ranges', () => {
    const env = parseEnv({ ...valid, TRUSTED_PROXIES: '10.0.0.1, 172.16.0.0/12,fd00::/8 ,::1' });
    expect(env.TRUSTED_PROXIES).toEqual(['10.0.0.1', '172.16.0.0/12', 'fd00::/8', '::1']);
  });

  it.each([
    '*',
    'true',
    'loopback',
    '10.0.0.0/33',
    '::/129',
    '10.0.0.1/8/8',
    '10.0.0',
    '10.0.0.0/x',
  ])('refuses %p, naming it', (bad) => {
    let error: unknown;
    try {
      parseEnv({ ...valid, TRUSTED_PROXIES: `10.0.0.1,${bad}` });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as InvalidConfigError).problems).toEqual([
      `TRUSTED_PROXIES.1 "${bad}" is not an IP address or CIDR range`,
    ]);
  });
});

describe('email settings', () => {
  it('builds links on PUBLIC_URL without its trailing slash, and has no SMTP server by default', () => {
    const env = parseEnv(valid);
    expect(env).toMatchObject({
      EMAIL_DISPATCH_INTERVAL_MS: 5000,
      EMAIL_RETRY_DELAY_MS: 60000,
      PUBLIC_URL: 'http://localhost:3000',
    });
    expect(env.SMTP_URL).toBeUndefined();
    expect(parseEnv({ ...valid, PUBLIC_URL: 'https://pay.acme.test/' }).PUBLIC_URL).toBe(
      'https://pay.acme.test',
    );
    expect(parseEnv({ ...valid, SMTP_URL: 'smtps://u:p@smtp.acme.test:465' }).SMTP_URL).toBe(
      'smtps://u:p@smtp.acme.test:465',
    );
  });

  it('refuses a PUBLIC_URL or SMTP_URL of another scheme, naming each', () => {
    let error: unknown;
    try {
      parseEnv({ ...valid, PUBLIC_URL: 'ftp://acme.test', SMTP_URL: 'http://smtp.acme.test' });
    } catch (caught) {
      error = caught;
    }
    expect((error as InvalidConfigError).problems).toEqual([
      'PUBLIC_URL must be an http(s):// URL',
      'SMTP_URL must be an smtp:// or smtps:// URL',
    ]);
  });
});
