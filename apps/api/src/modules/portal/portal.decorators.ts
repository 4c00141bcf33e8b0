import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiParam,
} from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';

import { PortalPrincipal } from '../../common/auth-context';
import { ProblemDto } from '../../common/dto/list.dto';
import { PortalPermission, PortalScope } from '../../common/portal-scope';
import { PORTAL_PERMISSIONS_KEY, PortalScopeGuard } from './portal-scope.guard';

/** The security scheme of portal operations in the OpenAPI document. */
export const PORTAL_SESSION_SCHEME = 'portalSession';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by PortalScopeGuard on routes under /portal/organizations/{organizationId}. */
    portalScope?: PortalScope;
  }
}

/** Portal routes of one organization: the contact must have access there, else a 404. */
export const PortalOrganizationRoutes = () =>
  applyDecorators(
    UseGuards(PortalScopeGuard),
    ApiCookieAuth(PORTAL_SESSION_SCHEME),
    // The guard reads it (no handler takes it), so it is documented here.
    ApiParam({
      description: 'An organization the signed-in contact has access to',
      format: 'uuid',
      name: 'organizationId',
      type: String,
    }),
    ApiNotFoundResponse({
      description: 'Not an organization of the contact, or not a record of that organization',
      type: ProblemDto,
    }),
  );

/** The access profile must grant one of these rights for the organization, else a 403. */
export const RequirePortalPermission = (...permissions: PortalPermission[]) =>
  applyDecorators(
    SetMetadata(PORTAL_PERMISSIONS_KEY, permissions),
    ApiForbiddenResponse({
      description: `The contact's access profile lacks ${permissions.join(' or ')}`,
      type: ProblemDto,
    }),
  );

export const CurrentContact = createParamDecorator(
  (_: unknown, context: ExecutionContext): PortalPrincipal => {
    const principal = context.switchToHttp().getRequest<FastifyRequest>().portalContact;
    if (!principal) throw new Error('CurrentContact on a route without a portal session');
    return principal;
  },
);

export const CurrentScope = createParamDecorator(
  (_: unknown, context: ExecutionContext): PortalScope => {
    const scope = context.switchToHttp().getRequest<FastifyRequest>().portalScope;
    if (!scope) throw new Error('CurrentScope on a route without PortalOrganizationRoutes');
    return scope;
  },
);
