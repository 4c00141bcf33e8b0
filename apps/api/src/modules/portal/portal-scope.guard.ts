import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { isUUID } from 'class-validator';

import { contactActor } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import {
  PortalPermission,
  PortalPermissions,
  takePortalScopeFactory,
} from '../../common/portal-scope';
import { ContactAccessService } from '../contacts';

export const PORTAL_PERMISSIONS_KEY = 'settle:portalPermissions';

const mintScope = takePortalScopeFactory();

/** What a staff view may see: everything a contact could read, nothing it could do. */
export const STAFF_VIEW_PERMISSIONS: PortalPermissions = Object.freeze({
  manageAutopay: false,
  manageMethods: false,
  pay: false,
  viewCredits: true,
  viewInvoices: true,
});

/**
 * The only maker of PortalScopes. For `/portal/organizations/{organizationId}/…` it reads the
 * signed-in contact's access there afresh: none (never had it, or revoked) is a 404, as for an
 * organization that does not exist, so a contact learns nothing of others; a right the route
 * needs and the profile lacks is a 403. Runs before the body is validated.
 */
@Injectable()
export class PortalScopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: ContactAccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = request.portalContact;
    if (!principal) return false;
    const organizationId = (request.params as { organizationId?: string }).organizationId;
    if (typeof organizationId !== 'string' || !isUUID(organizationId))
      throw AppException.invalidField('organizationId', 'must be a UUID');
    const permissions = principal.staffView
      ? principal.staffView.organizationId === organizationId
        ? STAFF_VIEW_PERMISSIONS
        : null
      : await this.access.portalPermissions(principal.contactId, organizationId);
    if (!permissions) throw AppException.notFound('Organization');
    const scope = mintScope(
      contactActor(principal, String(request.id)),
      organizationId,
      permissions,
    );
    const required = this.reflector.getAllAndOverride<PortalPermission[] | undefined>(
      PORTAL_PERMISSIONS_KEY,
      [context.getHandler(), context.getClass()],
    );
    if (required?.length) scope.require(...required);
    request.portalScope = scope;
    return true;
  }
}
