import { isIP } from 'node:net';

import { z } from 'zod';

const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const positiveInt = z.coerce.number().int().positive();

/** A whole number of things at once (connections, jobs, gateway calls); never a fraction. */
const count = (max: number) => z.coerce.number().int().min(1).max(max);

/** An IPv4 or IPv6 address, optionally with a prefix length (CIDR). */
function isAddressOrRange(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const addressList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().refine(isAddressOrRange, (value) => ({
        message: `"${value}" is not an IP address or CIDR range`,
      })),
    ),
  );

const demoConnectWise = z.object({
  clientId: z.string().min(1),
  companyId: z.string().min(1),
  privateKey: z.string().min(1),
  publicKey: z.string().min(1),
  site: z.string().url(),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Every environment variable Settle reads. The README's configuration table lists the same
 * variables; keep the two in step.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string({ required_error: 'is required (postgres://user:pass@host:5432/db)' })
    .url()
    .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must be a postgres:// URL'),
  DATABASE_POOL_SIZE: count(500).default(10),
  /** How long a request waits for a free database connection before it fails with a 503. */
  DATABASE_POOL_TIMEOUT_MS: count(600_000).default(10_000),
  REDIS_URL: z
    .string({ required_error: 'is required (redis://host:6379)' })
    .url()
    .refine((url) => /^rediss?:\/\//.test(url), 'must be a redis:// URL'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]{1,40}$/, 'must be 1-40 of a-z 0-9 : _ -')
    .default('settle'),
  SETTLE_ROLE: z.enum(['api', 'worker', 'all']).default('all'),
  SETTLE_MIGRATE_ON_START: booleanString.default('false'),
  SETTLE_DEMO_DATA: booleanString.default('false'),
  /**
   * The local fake ConnectWise that `npm start` runs beside the demo, as JSON {site, companyId,
   * publicKey, privateKey, clientId}: the demo MSP gets an integration connected to it.
   */
  SETTLE_DEMO_CONNECTWISE: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const parsed = demoConnectWise.safeParse(parseJson(value));
      if (parsed.success) return parsed.data;
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must be JSON {site, companyId, publicKey, privateKey, clientId}',
      });
      return z.NEVER;
    }),
  /**
   * Connect the demo MSP to QuickBooks (QBO_* point at `npm start`'s fake): the demo drives the
   * OAuth sign-in itself, at every start (the fake forgets its tokens when it stops).
   */
  SETTLE_DEMO_QUICKBOOKS: booleanString.default('false'),
  SETTLE_SERVE_WEB: booleanString.default('true'),
  /**
   * Lets the portal fetch an invoice's source PDF from private and loopback addresses (a local
   * demo, tests); otherwise such links are refused (SSRF).
   */
  SETTLE_INVOICE_PDF_ALLOW_PRIVATE: booleanString.default('false'),
  /** Lets webhook endpoints be private or loopback addresses (a local demo, tests); refused otherwise (SSRF). */
  SETTLE_WEBHOOKS_ALLOW_PRIVATE: booleanString.default('false'),
  /** How long a webhook endpoint has to answer, in ms. */
  WEBHOOK_TIMEOUT_MS: count(120_000).default(10_000),
  /**
   * The unit of the webhook retry schedule (1, 5, 30, 120, 300, then 600 units) and of its
   * three-day window, which it scales: a minute in production, milliseconds in tests.
   */
  WEBHOOK_RETRY_BASE_MS: count(3_600_000).default(60_000),
  /** How often due webhook retries and abandoned deliveries are looked for. */
  WEBHOOK_SWEEP_INTERVAL_MS: count(3_600_000).default(15_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: positiveInt.default(12),
  COOKIE_SECURE: booleanString.optional(),
  /** Free sign-in failures per email and client address; each further attempt waits 1 s, 2 s … */
  LOGIN_MAX_FAILURES: positiveInt.default(5),
  /** The longest of those waits, and the window of LOGIN_IP_MAX_ATTEMPTS. */
  LOGIN_LOCKOUT_MINUTES: positiveInt.default(15),
  /** Sign-in attempts one client address may make per window, whatever the emails. */
  LOGIN_IP_MAX_ATTEMPTS: positiveInt.default(100),
  /**
   * The reverse proxies in front of Settle (IPs or CIDRs, comma-separated). Only a request whose
   * connection comes from one of them may name its client in X-Forwarded-For; otherwise anyone
   * could pick the address that sign-in throttling counts and sessions record.
   */
  TRUSTED_PROXIES: addressList,
  /** Jobs one worker runs at once on each of the sync and emails queues. */
  QUEUE_CONCURRENCY: count(1000).default(5),
  /** Records a sync asks its source for per page (ConnectWise allows at most 1,000). */
  SYNC_PAGE_SIZE: count(1000).default(1000),
  /**
   * Gateway calls one process (worker or API) has in flight at once: every call waits for one of
   * these slots. A worker runs twice as many payment jobs at once, to keep the slots busy.
   */
  PAYMENTS_GATEWAY_CONCURRENCY: count(1000).default(16),
  /**
   * The hour (0–23, MSP time zone) from which the day's AutoPay run starts by itself, or `off`
   * for runs started only by "Run now" (tests, or an MSP that wants to press the button).
   */
  AUTOPAY_RUN_HOUR: z.union([z.literal('off'), z.coerce.number().int().min(0).max(23)]).default(6),
  /**
   * 32 bytes, base64: encrypts gateway secrets at rest. Required in production; elsewhere a fixed
   * development key is used so that the embedded default works out of the box.
   */
  SETTLE_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  /**
   * Where Settle is reached from outside: the links in emails are built on it. The portal is at
   * PUBLIC_URL/portal/.
   */
  PUBLIC_URL: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//.test(url), 'must be an http(s):// URL')
    .transform((url) => url.replace(/\/+$/, ''))
    .default('http://localhost:3000'),
  /**
   * The SMTP server emails go through when Settings → Email names none:
   * smtp://user:password@host:587, or smtps:// for TLS from the start (465).
   */
  SMTP_URL: z
    .string()
    .url()
    .refine((url) => /^smtps?:\/\//.test(url), 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The first wait before an email the SMTP server refused is tried again; it doubles each time. */
  EMAIL_RETRY_DELAY_MS: count(86_400_000).default(60_000),
  /** How often domain events (payments…) are turned into emails. */
  EMAIL_DISPATCH_INTERVAL_MS: count(3_600_000).default(5_000),
  /** Points the Stripe SDK somewhere else (a local fake in tests): http://127.0.0.1:12111 */
  STRIPE_API_BASE: z.string().url().optional(),
  /**
   * The QuickBooks Online Accounting API: Intuit's production host, its sandbox
   * (https://sandbox-quickbooks.api.intuit.com) or a local fake.
   */
  QBO_API_BASE: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//.test(url), 'must be an http(s):// URL')
    .transform((url) => url.replace(/\/+$/, ''))
    .default('https://quickbooks.api.intuit.com'),
  /**
   * One origin that serves QuickBooks' OAuth paths (a local fake); unset, Intuit's own hosts
   * (appcenter, oauth.platform and developer.api.intuit.com).
   */
  QBO_OAUTH_BASE: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//.test(url), 'must be an http(s):// URL')
    .optional(),
  /** Settle's app at developer.intuit.com (Keys & credentials); unset, QuickBooks cannot be connected. */
  QBO_CLIENT_ID: z.string().min(1).max(200).optional(),
  QBO_CLIENT_SECRET: z.string().min(1).max(200).optional(),
  /**
   * The redirect URI registered for that app; Intuit sends the admin back to exactly this.
   * Default: PUBLIC_URL/api/v1/integrations/oauth/callback.
   */
  QBO_REDIRECT_URI: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//.test(url), 'must be an http(s):// URL')
    .optional(),
  /**
   * Payments pushed to QuickBooks at once. Intuit serves 10 concurrent requests per company and
   * app (integrations.md 2.7); a 429 beyond it is retried after its Retry-After.
   */
  QBO_PUSH_CONCURRENCY: count(10).default(10),
});

export type Env = z.infer<typeof envSchema>;

const productionRules = envSchema.superRefine((env, ctx) => {
  if (env.NODE_ENV === 'production' && !env.SETTLE_ENCRYPTION_KEY)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'is required in production (openssl rand -base64 32)',
      path: ['SETTLE_ENCRYPTION_KEY'],
    });
});

export class InvalidConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the whole environment at once so that every bad variable is reported together. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = productionRules.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  throw new InvalidConfigError(problems);
}
