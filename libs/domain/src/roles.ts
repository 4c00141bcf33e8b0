/** Staff roles, from most to least powerful. */
export const STAFF_ROLES = ['admin', 'billing', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * The less powerful of two roles: what a credential may do when it acts for someone whose own
 * role may since have been lowered (an API key acts with at most its creator's current role).
 */
export function lesserRole(a: StaffRole, b: StaffRole): StaffRole {
  return STAFF_ROLES.indexOf(a) >= STAFF_ROLES.indexOf(b) ? a : b;
}
