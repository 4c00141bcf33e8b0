import { SecuritySettings } from '@/features/settings/components/security-settings-form';

import { AdminOnly } from './admin-only';

export default function SecuritySettingsRoute() {
  return (
    <AdminOnly>
      <SecuritySettings />
    </AdminOnly>
  );
}
