import { HttpStatus } from '@nestjs/common';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import passport from 'passport';

import { AuthContext } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import {
  BEFORE_TWO_FACTOR_ROUTE_CONFIG,
  isPortalRoute,
  PUBLIC_ROUTE_CONFIG,
} from '../../common/decorators/auth.decorators';
import { PROBLEM_CONTENT_TYPE, ProblemType } from '../../common/errors/problem';
import { toProblem } from '../../common/filters/problem-details.filter';

const API_PREFIX = '/api/v1/';

declare module 'fastify' {
  interface FastifyRequest {
    /** The staff credentials of an API request, set before its body is read. */
    user: AuthContext | null;
  }
}

/**
 * Authenticates every API request in fastify's onRequest hook, before its body is read or
 * validated: without valid credentials the answer is a 401 whatever the body holds. Routes
 * marked @Public() are skipped, and so are portal routes, which the portal's own hook
 * authenticates (staff credentials never open them). The passport strategies (session cookie + CSRF, API key) decide;
 * a request carrying an Authorization header is judged by it alone.
 */
export function authenticateBeforeBody(fastify: FastifyInstance): void {
  fastify.decorateRequest('user', null);
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(API_PREFIX) || isPortalRoute(request)) return;
    if ((request.routeOptions.config as { [PUBLIC_ROUTE_CONFIG]?: boolean })[PUBLIC_ROUTE_CONFIG])
      return;
    try {
      const strategy = request.headers.authorization ? 'api-key' : 'session';
      const user = await authenticate(strategy, request, reply);
      if (!user) throw new AppException(HttpStatus.UNAUTHORIZED, 'Authentication required');
      if (user.twoFactorEnrolmentRequired && !allowedBeforeTwoFactor(request))
        throw new AppException(
          HttpStatus.FORBIDDEN,
          'Two-factor sign-in is required for all staff: set it up under Account → Security first',
          { type: ProblemType.twoFactorEnrolmentRequired },
        );
      request.user = user;
    } catch (error) {
      const { problem, headers } = toProblem(error, String(request.id));
      return reply
        .status(problem.status)
        .headers(headers)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(JSON.stringify(problem));
    }
  });
}

function allowedBeforeTwoFactor(request: FastifyRequest): boolean {
  const config = request.routeOptions.config as { [BEFORE_TWO_FACTOR_ROUTE_CONFIG]?: boolean };
  return config[BEFORE_TWO_FACTOR_ROUTE_CONFIG] === true;
}

function authenticate(
  strategy: 'api-key' | 'session',
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<AuthContext | false> {
  return new Promise((resolve, reject) => {
    const done = (error: unknown, user?: AuthContext | false) =>
      error ? reject(error) : resolve(user ?? false);
    passport.authenticate(strategy, { session: false }, done)(request, reply.raw, done);
  });
}
