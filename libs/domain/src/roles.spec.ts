import fc from 'fast-check';

import { isStaffRole, STAFF_ROLES } from './roles';

describe('isStaffRole', () => {
  it('accepts exactly the three staff roles', () => {
    for (const role of STAFF_ROLES) expect(isStaffRole(role)).toBe(true);
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(isStaffRole(value)).toBe((STAFF_ROLES as readonly unknown[]).includes(value));
      }),
    );
  });
});
