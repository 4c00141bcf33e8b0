import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';

import { IS_PUBLIC, isPortalRoute } from '../decorators/auth.decorators';

/**
 * Every route needs staff credentials unless marked @Public(), and every portal route a portal
 * session instead. They were checked before the body was read (the onRequest hooks of auth and
 * portal); this guard only refuses a request that arrived without the right one.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const signedIn = isPortalRoute(request) ? request.portalContact : request.user;
    if (!signedIn) throw new UnauthorizedException();
    return true;
  }
}
