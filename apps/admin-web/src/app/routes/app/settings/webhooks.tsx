import { WebhookEndpoints } from '@/features/webhooks/components/webhook-endpoints';

import { AdminOnly } from './admin-only';

export default function WebhooksRoute() {
  return (
    <AdminOnly>
      <WebhookEndpoints />
    </AdminOnly>
  );
}
