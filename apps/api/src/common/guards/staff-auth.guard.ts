import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';

import { IS_PUBLIC } from '../decorators/auth.decorators';

/**
 * Every route needs staff credentials unless marked @Public(). They were checked before the body
 * was read (auth's onRequest hook); this guard only refuses a request that arrived without them.
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
    if (!context.switchToHttp().getRequest<FastifyRequest>().user)
      throw new UnauthorizedException();
    return true;
  }
}
