import { Injectable } from '@nestjs/common';
import { FastifyReply } from 'fastify';

import { AppConfig } from '../../config/app-config';
import { UserResponseDto } from '../users';
import { LoginResult } from './auth.service';
import { TwoFactorChallengeDto } from './dto/auth.dto';
import { PENDING_SIGN_IN_SECONDS } from './pending-sign-ins';

export const SESSION_COOKIE = 'settle_session';
export const CSRF_COOKIE = 'settle_csrf';
/** The sign-in waiting for its second factor; sent only to the login routes. */
export const PENDING_SIGN_IN_COOKIE = 'settle_sign_in';
const PENDING_SIGN_IN_PATH = '/api/v1/auth/login';

/** Writes and clears the two staff cookies; the only auth code that touches the reply. */
@Injectable()
export class SessionCookies {
  constructor(private readonly config: AppConfig) {}

  issue(reply: FastifyReply, { session, user }: LoginResult): UserResponseDto {
    const expires = session.expiresAt;
    reply.setCookie(SESSION_COOKIE, session.token, { ...this.options(SESSION_COOKIE), expires });
    reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...this.options(CSRF_COOKIE), expires });
    return user;
  }

  /** The password was right; the second factor is awaited for PENDING_SIGN_IN_SECONDS. */
  challenge(reply: FastifyReply, pendingToken: string): TwoFactorChallengeDto {
    reply.setCookie(PENDING_SIGN_IN_COOKIE, pendingToken, {
      ...this.pendingOptions(),
      maxAge: PENDING_SIGN_IN_SECONDS,
    });
    return { twoFactorRequired: true };
  }

  clearChallenge(reply: FastifyReply): void {
    reply.clearCookie(PENDING_SIGN_IN_COOKIE, this.pendingOptions());
  }

  private pendingOptions() {
    return {
      httpOnly: true,
      path: PENDING_SIGN_IN_PATH,
      sameSite: 'strict' as const,
      secure: this.config.cookieSecure,
    };
  }

  /**
   * With the attributes they were set with: a browser may ignore a Secure cookie's deletion
   * that is not itself Secure, and path and SameSite must match to address the same cookie.
   */
  clear(reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, this.options(SESSION_COOKIE));
    reply.clearCookie(CSRF_COOKIE, this.options(CSRF_COOKIE));
  }

  private options(name: typeof SESSION_COOKIE | typeof CSRF_COOKIE) {
    return {
      // The CSRF cookie is readable by the SPA so it can echo it in X-CSRF-Token (double submit).
      httpOnly: name === SESSION_COOKIE,
      path: '/',
      sameSite: 'lax' as const,
      secure: this.config.cookieSecure,
    };
  }
}
