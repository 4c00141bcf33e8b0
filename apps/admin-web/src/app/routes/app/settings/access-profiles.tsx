import { AccessProfilesList } from '@/features/access-profiles/components/access-profiles-list';

import { AdminOnly } from './admin-only';

export default function AccessProfilesRoute() {
  return (
    <AdminOnly>
      <AccessProfilesList />
    </AdminOnly>
  );
}
