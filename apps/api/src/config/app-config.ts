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

  /** Empty: X-Forwarded-For is ignored and the client is the connection's peer. */
  get trustedProxies(): string[] {
    return this.env.TRUSTED_PROXIES;
  }

  /** Where Intuit sends the admin back after connecting QuickBooks (registered for the app). */
  get qboRedirectUri(): string {
    return this.env.QBO_REDIRECT_URI ?? `${this.env.PUBLIC_URL}/api/v1/integrations/oauth/callback`;
  }

  get runsProcessors(): boolean {
    return this.env.SETTLE_ROLE !== 'api';
  }

  get servesHttp(): boolean {
    return this.env.SETTLE_ROLE !== 'worker';
  }
}
