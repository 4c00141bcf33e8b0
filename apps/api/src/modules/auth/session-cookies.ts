import { Injectable } from '@nestjs/common';
import { FastifyReply } from 'fastify';

import { AppConfig } from '../../config/app-config';
import { UserResponseDto } from '../users';
import { LoginResult } from './auth.service';

export const SESSION_COOKIE = 'settle_session';
export const CSRF_COOKIE = 'settle_csrf';

/** Writes and clears the two staff cookies; the only auth code that touches the reply. */
@Injectable()
export class SessionCookies {
  constructor(private readonly config: AppConfig) {}

  issue(reply: FastifyReply, { session, user }: LoginResult): UserResponseDto {
    const common = {
      path: '/',
      sameSite: 'lax' as const,
      secure: this.config.cookieSecure,
      expires: session.expiresAt,
    };
    reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
    // Readable by the SPA so it can echo it in X-CSRF-Token (double submit).
    reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
    return user;
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
  }
}
