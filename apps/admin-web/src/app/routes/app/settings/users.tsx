import { UsersList } from '@/features/users/components/users-list';

import { AdminOnly } from './admin-only';

export default function UsersRoute() {
  return (
    <AdminOnly>
      <UsersList />
    </AdminOnly>
  );
}
