import { HttpStatus, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';

import { AuthContext } from '../../../common/auth-context';
import { safeEqual } from '../../../common/crypto';
import { AppException } from '../../../common/errors/app.exception';
import { ProblemType } from '../../../common/errors/problem';
import { SessionsService } from '../../users';
import { toAuthContext } from '../auth.service';
import { SESSION_COOKIE } from '../session-cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/** Staff signed in through the SPA: session cookie, plus the CSRF header on unsafe methods. */
@Injectable()
export class SessionStrategy extends PassportStrategy(Strategy, 'session') {
  constructor(private readonly sessions: SessionsService) {
    super();
  }

  async validate(request: FastifyRequest): Promise<AuthContext | false> {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) return false;
    const session = await this.sessions.findActive(token);
    if (!session) return false;
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !safeEqual(header, session.csrfToken)) {
        throw new AppException(
          HttpStatus.FORBIDDEN,
          'Missing or invalid CSRF token: send the settle_csrf cookie value in the X-CSRF-Token header',
          { type: ProblemType.csrf },
        );
      }
    }
    return toAuthContext(session.user, session.id);
  }
}
