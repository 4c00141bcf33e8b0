import { Env, parseEnv } from './env.schema';

/** Typed, parsed configuration. Features inject this instead of reading process.env. */
export class AppConfig {
  readonly env: Env;

  constructor(env: Env) {
    this.env = env;
  }

  static fromProcessEnv(): AppConfig {
    return new AppConfig(parseEnv(process.env));
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  get cookieSecure(): boolean {
    return this.env.COOKIE_SECURE ?? this.isProduction;
  }

  get trustedProxies(): string[] {
    return this.env.TRUSTED_PROXIES;
  }

  get runsProcessors(): boolean {
    return this.env.SETTLE_ROLE !== 'api';
  }

  get servesHttp(): boolean {
    return this.env.SETTLE_ROLE !== 'worker';
  }
}
