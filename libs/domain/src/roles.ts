/** Staff roles, from most to least powerful. */
export const STAFF_ROLES = ['admin', 'billing', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}
