import fc from 'fast-check';

import { lesserRole, STAFF_ROLES } from './roles';

const role = fc.constantFrom(...STAFF_ROLES);

describe('lesserRole', () => {
  it('never grants more than either role', () => {
    fc.assert(
      fc.property(role, role, (a, b) => {
        const lesser = lesserRole(a, b);
        expect([a, b]).toContain(lesser);
        expect(STAFF_ROLES.indexOf(lesser)).toBe(
          Math.max(STAFF_ROLES.indexOf(a), STAFF_ROLES.indexOf(b)),
        );
        expect(lesserRole(b, a)).toBe(lesser);
      }),
    );
  });

  it('keeps a viewer a viewer whatever the other role', () => {
    expect(lesserRole('admin', 'viewer')).toBe('viewer');
    expect(lesserRole('viewer', 'admin')).toBe('viewer');
    expect(lesserRole('admin', 'billing')).toBe('billing');
    expect(lesserRole('admin', 'admin')).toBe('admin');
  });
});
