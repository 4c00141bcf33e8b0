import { ApiKeysList } from '@/features/api-keys/components/api-keys-list';

import { AdminOnly } from './admin-only';

export default function ApiKeysRoute() {
  return (
    <AdminOnly>
      <ApiKeysList />
    </AdminOnly>
  );
}
