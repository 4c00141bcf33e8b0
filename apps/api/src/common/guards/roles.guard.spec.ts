import { ExecutionContext, ForbiddenException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { StaffRole } from '@settle/domain';

import { IS_PUBLIC, ROLES } from '../decorators/auth.decorators';
import { RolesGuard } from './roles.guard';

function contextFor(
  method: string,
  role: StaffRole | null,
  metadata: Record<string, unknown> = {},
) {
  const handler = () => undefined;
  Reflect.defineMetadata(IS_PUBLIC, metadata[IS_PUBLIC], handler);
  Reflect.defineMetadata(ROLES, metadata[ROLES], handler);
  return {
    getClass: () => class {},
    getHandler: () => handler,
    switchToHttp: () => ({ getRequest: () => ({ method, user: role ? { role } : undefined }) }),
  } as unknown as ExecutionContext;
}

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  it.each(['admin', 'billing', 'viewer'] as const)('lets %s read by default', (role) => {
    expect(guard.canActivate(contextFor('GET', role))).toBe(true);
  });

  it('lets admin and billing write by default, but never a viewer', () => {
    expect(guard.canActivate(contextFor('POST', 'admin'))).toBe(true);
    expect(guard.canActivate(contextFor('PATCH', 'billing'))).toBe(true);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(() => guard.canActivate(contextFor(method, 'viewer'))).toThrow(ForbiddenException);
    }
  });

  it('applies declared roles to reads as well', () => {
    expect(() => guard.canActivate(contextFor('GET', 'billing', { [ROLES]: ['admin'] }))).toThrow(
      ForbiddenException,
    );
    expect(guard.canActivate(contextFor('GET', 'admin', { [ROLES]: ['admin'] }))).toBe(true);
  });

  it('lets anyone through a public route', () => {
    expect(guard.canActivate(contextFor('POST', null, { [IS_PUBLIC]: true }))).toBe(true);
  });
});
