import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';

import { AuthContext } from '../../../common/auth-context';
import { SettingsService } from '../../settings';
import { SessionsService } from '../../users';
import { toAuthContext } from '../auth.service';
import { assertCsrf } from '../csrf';
import { CSRF_COOKIE, SESSION_COOKIE } from '../session-cookies';

/** Staff signed in through the SPA: session cookie, plus the CSRF header on unsafe methods. */
@Injectable()
export class SessionStrategy extends PassportStrategy(Strategy, 'session') {
  constructor(
    private readonly sessions: SessionsService,
    private readonly settings: SettingsService,
  ) {
    super();
  }

  async validate(request: FastifyRequest): Promise<AuthContext | false> {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) return false;
    const session = await this.sessions.findActive(token);
    if (!session) return false;
    assertCsrf(request, session.csrfToken, CSRF_COOKIE);
    const twoFactorEnabled = session.user.twoFactorEnabled;
    const enrolmentRequired =
      !twoFactorEnabled && (await this.settings.getSecurity()).requireTwoFactor;
    return {
      ...toAuthContext(session.user, session.id),
      twoFactorEnabled,
      twoFactorEnrolmentRequired: enrolmentRequired,
    };
  }
}
