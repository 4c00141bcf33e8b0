import { HttpStatus } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { safeEqual } from '../../common/crypto';
import { AppException } from '../../common/errors/app.exception';
import { ProblemType } from '../../common/errors/problem';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_HEADER = 'x-csrf-token';

/**
 * Double submit: a cookie-authenticated unsafe request must echo the session's CSRF token, which
 * the SPA reads from the readable `cookieName` cookie, in X-CSRF-Token. Another site can make the
 * browser send the session cookie, but cannot read the token to send.
 */
export function assertCsrf(request: FastifyRequest, expected: string, cookieName: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  const header = request.headers[CSRF_HEADER];
  if (typeof header !== 'string' || !safeEqual(header, expected)) {
    throw new AppException(
      HttpStatus.FORBIDDEN,
      `Missing or invalid CSRF token: send the ${cookieName} cookie value in the X-CSRF-Token header`,
      { type: ProblemType.csrf },
    );
  }
}
