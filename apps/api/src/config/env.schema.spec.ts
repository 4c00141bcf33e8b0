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
  it('trusts no proxy by default and reads a comma-separated list of IPs and CIDRs', () => {
    expect(parseEnv(valid).TRUSTED_PROXIES).toEqual([]);
    expect(
      parseEnv({ ...valid, TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8' }).TRUSTED_PROXIES,
    ).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']);
  });

  it('refuses anything else', () => {
    for (const bad of ['true', 'proxy.example', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1'])
      expect(() => parseEnv({ ...valid, TRUSTED_PROXIES: bad })).toThrow(InvalidConfigError);
  });
});
