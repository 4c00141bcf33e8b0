import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { StaffRole } from '@settle/domain';
import { FastifyRequest } from 'fastify';

import { AuthContext } from '../auth-context';
import { IS_PUBLIC, isPortalRoute, ROLES } from '../decorators/auth.decorators';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const DEFAULT_WRITERS: StaffRole[] = ['admin', 'billing'];

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthContext }>();
    // Staff roles mean nothing to a contact; the portal guard checks its access profile.
    if (isPortalRoute(request)) return true;
    const declared = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES, targets);
    const allowed = declared ?? (READ_METHODS.has(request.method) ? null : DEFAULT_WRITERS);
    if (allowed && (!request.user || !allowed.includes(request.user.role))) {
      throw new ForbiddenException();
    }
    return true;
  }
}
