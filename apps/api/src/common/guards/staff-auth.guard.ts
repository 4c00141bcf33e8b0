import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { FastifyRequest } from 'fastify';

import { IS_PUBLIC } from '../decorators/auth.decorators';

const SessionGuard = AuthGuard('session');
const ApiKeyGuard = AuthGuard('api-key');

/**
 * Every route needs staff credentials unless marked @Public(). A request that carries an
 * Authorization header is judged by it alone, so a bad key is a 401 even next to a valid cookie.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  private readonly session = new SessionGuard();
  private readonly apiKey = new ApiKeyGuard();

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return request.headers.authorization
      ? this.apiKey.canActivate(context)
      : this.session.canActivate(context);
  }
}
