import { StaffRole } from '@settle/domain';

/** Who is making a request; handed from the controller to every service call that needs it. */
export interface AuthContext {
  kind: 'user' | 'apiKey';
  /** The user's or the API key's id. */
  id: string;
  role: StaffRole;
  /** Email of a user, name of an API key: what the audit log shows. */
  label: string;
  name: string;
  sessionId: string | null;
  requestId: string | null;
  /** For a signed-in user: whether they sign in with a second factor. */
  twoFactorEnabled?: boolean;
  /** Two-factor sign-in is required of all staff and this user has not enrolled yet. */
  twoFactorEnrolmentRequired?: boolean;
}

/** Work done by Settle itself (jobs, demo data) rather than on someone's request. */
export interface SystemActor {
  kind: 'system';
  requestId: string | null;
}
export const SYSTEM_ACTOR: SystemActor = { kind: 'system', requestId: null };

/** A customer's contact signed in to the portal, acting for one of its organizations. */
export interface ContactActor {
  kind: 'contact';
  /** The contact's id. */
  id: string;
  /** The contact's email: what the audit log and a payment's "created by" show. */
  label: string;
  name: string;
  requestId: string | null;
}

export type Actor = AuthContext | SystemActor | ContactActor;

/** Whoever may hold an idempotency key or pay: staff, an API key, or a portal contact. */
export type Payer = AuthContext | ContactActor;

/** The contact a portal session belongs to; set before the body is read, as `user` is for staff. */
export interface PortalPrincipal {
  /** The contact; for a staff view, the staff user (the session can change nothing). */
  contactId: string;
  email: string;
  name: string;
  sessionId: string;
  /** A staff "Customer Portal" view: read only, of this one organization. */
  staffView?: { userId: string; organizationId: string } | null;
}

export function contactActor(principal: PortalPrincipal, requestId: string | null): ContactActor {
  return {
    id: principal.contactId,
    kind: 'contact',
    label: principal.email,
    name: principal.name,
    requestId,
  };
}
