import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExtension } from '@nestjs/swagger';
import { StaffRole } from '@settle/domain';
import { FastifyRequest } from 'fastify';

import { AuthContext } from '../auth-context';

export const IS_PUBLIC = 'settle:isPublic';

/**
 * Every portal route lives under this path. Only a portal session authenticates them, and a
 * portal session authenticates nothing else; the route's path decides, so that the hooks and the
 * guards cannot disagree about which door a request came through.
 */
export const PORTAL_ROUTE_PREFIX = '/api/v1/portal/';

export function isPortalRoute(request: FastifyRequest): boolean {
  const route = request.routeOptions?.url;
  // A URL no route matches (or only the SPAs' catch-all) under the portal's prefix is the
  // portal's to answer: a 401 without its session, a 404 with one.
  const path = route && route !== '/*' ? route : request.url;
  return (path ?? '').startsWith(PORTAL_ROUTE_PREFIX);
}
export const ROLES = 'settle:roles';

export const PUBLIC_EXTENSION = 'x-settle-public';
/** Key of the fastify route config that tells the onRequest authentication to skip a route. */
export const PUBLIC_ROUTE_CONFIG = 'settlePublic';

/**
 * The route needs no staff credentials (and the OpenAPI document says so). Put it on the handler:
 * fastify's route config, which authentication reads before Nest runs, is per handler.
 */
export const Public = (): MethodDecorator =>
  applyDecorators(
    SetMetadata(IS_PUBLIC, true),
    RouteConfig({ [PUBLIC_ROUTE_CONFIG]: true }),
    ApiExtension(PUBLIC_EXTENSION, true),
  );

/** Key of the fastify route config that lets a user who must still enrol in 2FA through. */
export const BEFORE_TWO_FACTOR_ROUTE_CONFIG = 'settleBeforeTwoFactor';

/**
 * A staff user who must enrol in two-factor sign-in may still use this route (who am I, sign
 * out, enrolment itself); every other route answers 403 two_factor_enrolment_required.
 */
export const AllowedBeforeTwoFactor = (): MethodDecorator =>
  RouteConfig({ [BEFORE_TWO_FACTOR_ROUTE_CONFIG]: true });

/**
 * Restricts a route to these roles. Without it, reads are open to every role and writes to
 * admin and billing: viewers can never change anything by accident of omission.
 */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ROLES, roles);

export const CurrentAuth = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthContext => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.user) throw new Error('CurrentAuth on a route without staff credentials');
    return { ...request.user, requestId: String(request.id) };
  },
);

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export const Client = createParamDecorator((_: unknown, context: ExecutionContext): ClientInfo => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    requestId: String(request.id),
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 300) : null,
  };
});
