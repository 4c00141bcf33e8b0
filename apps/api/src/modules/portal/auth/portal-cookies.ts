import { Injectable } from '@nestjs/common';
import { FastifyReply } from 'fastify';

import { PORTAL_ROUTE_PREFIX } from '../../../common/decorators/auth.decorators';
import { AppConfig } from '../../../config/app-config';
import { PortalMeResponseDto } from './dto/portal-auth.dto';
import type { PortalSignIn } from './portal-auth.service';

export const PORTAL_SESSION_COOKIE = 'settle_portal_session';
export const PORTAL_CSRF_COOKIE = 'settle_portal_csrf';

/**
 * Writes and clears the portal's two cookies, named apart from staff's so that one browser can
 * hold both sessions without either overwriting the other.
 */
@Injectable()
export class PortalCookies {
  constructor(private readonly config: AppConfig) {}

  issue(reply: FastifyReply, { session, me }: PortalSignIn): PortalMeResponseDto {
    this.set(reply, session);
    return me;
  }

  set(reply: FastifyReply, session: PortalSignIn['session']): void {
    const expires = session.expiresAt;
    reply.setCookie(PORTAL_SESSION_COOKIE, session.token, {
      ...this.options(PORTAL_SESSION_COOKIE),
      expires,
    });
    reply.setCookie(PORTAL_CSRF_COOKIE, session.csrfToken, {
      ...this.options(PORTAL_CSRF_COOKIE),
      expires,
    });
  }

  /** With the attributes they were set with, or the browser keeps them (see SessionCookies). */
  clear(reply: FastifyReply): void {
    reply.clearCookie(PORTAL_SESSION_COOKIE, this.options(PORTAL_SESSION_COOKIE));
    reply.clearCookie(PORTAL_CSRF_COOKIE, this.options(PORTAL_CSRF_COOKIE));
  }

  private options(name: typeof PORTAL_SESSION_COOKIE | typeof PORTAL_CSRF_COOKIE) {
    const session = name === PORTAL_SESSION_COOKIE;
    return {
      // The CSRF cookie is readable by the portal SPA, which echoes it in X-CSRF-Token.
      httpOnly: session,
      // The session goes only where it counts: the portal API, never a staff route.
      path: session ? PORTAL_ROUTE_PREFIX.replace(/\/$/, '') : '/',
      sameSite: 'lax' as const,
      secure: this.config.cookieSecure,
    };
  }
}
