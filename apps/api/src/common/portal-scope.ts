import { HttpStatus } from '@nestjs/common';

import { ContactActor } from './auth-context';
import { AppException } from './errors/app.exception';

/** What an access profile lets a contact do in the portal, by the names the portal API uses. */
export const PORTAL_PERMISSIONS = [
  'viewInvoices',
  'pay',
  'manageMethods',
  'manageAutopay',
  'viewCredits',
] as const;
export type PortalPermission = (typeof PORTAL_PERMISSIONS)[number];
export type PortalPermissions = Readonly<Record<PortalPermission, boolean>>;

type ScopeFactory = (
  actor: ContactActor,
  organizationId: string,
  permissions: PortalPermissions,
) => PortalScope;

let factory: ScopeFactory | undefined;

/**
 * A signed-in contact acting for one organization it has access to, with its profile's rights
 * there. Every portal read and write in the owning modules takes one as its first argument and
 * filters by `organizationId`, so a portal query cannot be written without it.
 *
 * Only the portal guard makes these, after checking the contact's membership: the constructor is
 * private (its private fields also keep a look-alike object from passing for one), and the single
 * factory is handed out once, to the guard, when it loads (see takePortalScopeFactory).
 */
export class PortalScope {
  static {
    factory = (actor, organizationId, permissions) =>
      new PortalScope(actor, organizationId, permissions);
  }

  private constructor(
    private readonly contact: ContactActor,
    readonly organizationId: string,
    readonly permissions: PortalPermissions,
  ) {
    Object.freeze(this.permissions);
    Object.freeze(this);
  }

  get contactId(): string {
    return this.contact.id;
  }

  /** Who the audit log, a payment's timeline and its receipt name. */
  get actor(): ContactActor {
    return this.contact;
  }

  /** Throws the portal's 403 unless the profile grants one of `permissions`. */
  require(...permissions: PortalPermission[]): void {
    if (!permissions.some((p) => this.permissions[p])) throw missingPermission();
  }
}

/**
 * The one way to make a PortalScope. The portal guard takes it while its module loads; a second
 * caller gets an error, so code that tries to mint scopes elsewhere fails at start-up.
 */
export function takePortalScopeFactory(): ScopeFactory {
  const taken = factory;
  if (!taken) throw new Error('The PortalScope factory belongs to the portal guard alone');
  factory = undefined;
  return taken;
}

function missingPermission(): AppException {
  return new AppException(
    HttpStatus.FORBIDDEN,
    "Your access profile for this organization does not allow this; ask your service provider's billing team",
  );
}
