import { HttpStatus } from '@nestjs/common';
import { FastifyInstance } from 'fastify';

import { PortalPrincipal } from '../../../common/auth-context';
import {
  isPortalRoute,
  PORTAL_ROUTE_PREFIX,
  PUBLIC_ROUTE_CONFIG,
} from '../../../common/decorators/auth.decorators';
import { AppException } from '../../../common/errors/app.exception';
import { PROBLEM_CONTENT_TYPE } from '../../../common/errors/problem';
import { toProblem } from '../../../common/filters/problem-details.filter';
import { assertCsrf } from '../../auth';
import { PORTAL_CSRF_COOKIE, PORTAL_SESSION_COOKIE } from './portal-cookies';
import { PortalSessionsService } from './portal-sessions.service';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isLogout(request: { routeOptions: { url?: string } }): boolean {
  return request.routeOptions.url === `${PORTAL_ROUTE_PREFIX}auth/logout`;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The contact of a portal request's session, set before its body is read. */
    portalContact: PortalPrincipal | null;
  }
}

/**
 * Authenticates portal routes in fastify's onRequest hook, as staff's are (before the body is
 * read, so a request without a session is a 401 whatever its body holds): the portal session
 * cookie, and the CSRF header on unsafe methods. Nothing else opens a portal route: not a staff
 * session, not an API key. Public portal routes (sign-in, invitations, resets) are skipped.
 */
export function authenticatePortalBeforeBody(
  fastify: FastifyInstance,
  sessions: PortalSessionsService,
): void {
  fastify.decorateRequest('portalContact', null);
  fastify.addHook('onRequest', async (request, reply) => {
    if (!isPortalRoute(request)) return;
    if ((request.routeOptions.config as { [PUBLIC_ROUTE_CONFIG]?: boolean })[PUBLIC_ROUTE_CONFIG])
      return;
    try {
      const token = request.cookies?.[PORTAL_SESSION_COOKIE];
      const session = token ? await sessions.findActive(token) : null;
      if (!session) throw new AppException(HttpStatus.UNAUTHORIZED, 'Sign in to the portal first');
      assertCsrf(request, session.csrfToken, PORTAL_CSRF_COOKIE);
      // A staff view shows what contacts see and changes nothing, whatever the route allows.
      if (session.staffView && !READ_METHODS.has(request.method) && !isLogout(request))
        throw new AppException(
          HttpStatus.FORBIDDEN,
          'This is a read-only staff view of the portal; nothing can be changed from it',
        );
      request.portalContact = {
        contactId: session.contact.id,
        email: session.contact.email,
        name: session.contact.name,
        sessionId: session.id,
        staffView: session.staffView,
      };
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
