import { Inject, Injectable, Logger } from '@nestjs/common';
import { signInDelaySchedule } from '@settle/domain';
import Redis from 'ioredis';

import { sha256Hex } from '../../common/crypto';
import { AppConfig } from '../../config/app-config';
import { REDIS } from '../../redis/redis.module';

/** Whether a sign-in attempt may go ahead, decided before the database or argon2 is touched. */
export type SignInAdmission =
  | { admitted: true }
  | {
      admitted: false;
      retryAfterSeconds: number;
      /** The first refusal since the last attempt that went ahead: worth an audit entry. */
      firstRefusal: boolean;
      /** Failed attempts on record for this email from this address; 0 for the address limit. */
      failures: number;
    };

/**
 * Checks and, when the attempt goes ahead, counts it as a failure in one step: concurrent
 * attempts cannot all slip through the same gap, and a success deletes the record. Refused
 * attempts do not count, so hammering the door does not lengthen the wait.
 * KEYS[1]: the record of one email from one address.
 * ARGV: now (ms), seconds to keep the record, free failures, then signInDelaySchedule's table.
 */
const ATTEMPT_SCRIPT = `
local record = KEYS[1]
local now = tonumber(ARGV[1])
local free = tonumber(ARGV[3])
local failures = tonumber(redis.call('HGET', record, 'failures') or '0')
if failures >= free then
  local step = math.min(failures - free, #ARGV - 4)
  local readyAt = tonumber(redis.call('HGET', record, 'last')) + tonumber(ARGV[4 + step]) * 1000
  if now < readyAt then
    return {readyAt - now, redis.call('HSETNX', record, 'refused', '1'), failures}
  end
end
redis.call('HSET', record, 'failures', failures + 1, 'last', now)
redis.call('HDEL', record, 'refused')
redis.call('EXPIRE', record, ARGV[2])
return {0, 0, failures + 1}
`;

/**
 * Staff and portal contacts sign in at separate doors: the same address used at both (one person
 * may be both) keeps a separate failure record at each, so a lockout at one never blocks the
 * other. The per-address limit counts attempts at both doors together.
 */
export type SignInDoor = 'staff' | 'portal';

/** How long failures are remembered after the last one, unless the cap is longer still. */
const REMEMBER_FAILURES_SECONDS = 24 * 3600;

type AttemptCommand = (
  key: string,
  now: number,
  rememberSeconds: number,
  freeFailures: number,
  ...schedule: number[]
) => Promise<[waitMs: number, firstRefusal: number, failures: number]>;

/**
 * Sign-in throttling in Redis, shared by every API process:
 * - per email and client address, LOGIN_MAX_FAILURES free failures, then a wait that doubles
 *   from 1 s up to LOGIN_LOCKOUT_MINUTES (libs/domain's signInDelaySeconds). The record is
 *   keyed by a hash of the email whether or not an account has it, so a known and an unknown
 *   email behave alike, and failures from one address never hold back the owner at another;
 * - per client address, LOGIN_IP_MAX_ATTEMPTS attempts per LOGIN_LOCKOUT_MINUTES, whatever
 *   the email, so that one address cannot spray many accounts.
 * When Redis does not answer, attempts go ahead (see admit).
 */
@Injectable()
export class LoginThrottleService {
  private readonly logger = new Logger(LoginThrottleService.name);
  private readonly attempt: AttemptCommand;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.redis.defineCommand('settleSignInAttempt', { lua: ATTEMPT_SCRIPT, numberOfKeys: 1 });
    const client = this.redis as unknown as { settleSignInAttempt: AttemptCommand };
    this.attempt = client.settleSignInAttempt.bind(client);
  }

  /**
   * Decides an attempt for a normalised email from a client address, and counts it as failed
   * until `succeeded` says otherwise.
   *
   * Without Redis the attempt goes ahead (and a warning is logged). Refusing every sign-in
   * instead would lock every member of staff out for as long as Redis is down, the very
   * failure this replaces; guessing stays bounded by the argon2id verification each attempt
   * costs, and by the password policy.
   */
  async admit(email: string, ip: string, door: SignInDoor = 'staff'): Promise<SignInAdmission> {
    const env = this.config.env;
    const windowSeconds = env.LOGIN_LOCKOUT_MINUTES * 60;
    try {
      const addressKey = `${env.QUEUE_PREFIX}:login-attempts:${ip}`;
      const [[, count], , [, ttl]] = (await this.redis
        .multi()
        .incr(addressKey)
        .expire(addressKey, windowSeconds, 'NX')
        .ttl(addressKey)
        .exec()) as [[null, number], [null, number], [null, number]];
      if (count > env.LOGIN_IP_MAX_ATTEMPTS)
        return {
          admitted: false,
          failures: 0,
          firstRefusal: false,
          retryAfterSeconds: Math.max(ttl, 1),
        };

      const policy = { freeFailures: env.LOGIN_MAX_FAILURES, maxDelaySeconds: windowSeconds };
      const [waitMs, firstRefusal, failures] = await this.attempt(
        this.recordKey(email, ip, door),
        Date.now(),
        Math.max(REMEMBER_FAILURES_SECONDS, 2 * windowSeconds),
        policy.freeFailures,
        ...signInDelaySchedule(policy),
      );
      if (waitMs <= 0) return { admitted: true };
      return {
        admitted: false,
        failures,
        firstRefusal: firstRefusal === 1,
        retryAfterSeconds: Math.ceil(waitMs / 1000),
      };
    } catch (error) {
      this.logger.warn({ err: error }, 'Sign-in throttle unavailable; attempt admitted');
      return { admitted: true };
    }
  }

  /** A correct password: this address starts afresh for this email. */
  async succeeded(email: string, ip: string, door: SignInDoor = 'staff'): Promise<void> {
    try {
      await this.redis.del(this.recordKey(email, ip, door));
    } catch (error) {
      this.logger.warn({ err: error }, 'Sign-in throttle unavailable; failures not cleared');
    }
  }

  /** The email is hashed so that Redis holds no list of who was tried. */
  private recordKey(email: string, ip: string, door: SignInDoor): string {
    // Staff records keep the key they always had, so an upgrade forgets no one's failures.
    const prefix = door === 'staff' ? 'sign-in-failures' : `${door}-sign-in-failures`;
    return `${this.config.env.QUEUE_PREFIX}:${prefix}:${sha256Hex(email)}:${ip}`;
  }
}
