import { isApiError } from '@settle/api-client';
import { ErrorState, LoadingState } from '@settle/ui';

import { useEmailSettings } from '@/features/email-settings/api/get-email-settings';
import { EmailDeliveryForm } from '@/features/email-settings/components/email-delivery-form';
import { EmailTemplates } from '@/features/email-settings/components/email-templates';
import { StaffNotifications } from '@/features/email-settings/components/staff-notifications';
import { TestEmail } from '@/features/email-settings/components/test-email';

import { AdminOnly } from './admin-only';

export default function EmailSettingsRoute() {
  return (
    <AdminOnly>
      <EmailSettings />
    </AdminOnly>
  );
}

function EmailSettings() {
  const settings = useEmailSettings();
  if (settings.isPending) return <LoadingState label="Loading email settings…" />;
  if (settings.isError) {
    return (
      <ErrorState
        message={
          isApiError(settings.error) ? settings.error.detail : 'Could not load the email settings.'
        }
        requestId={isApiError(settings.error) ? settings.error.requestId : null}
      />
    );
  }
  return (
    <div className="app-stack">
      <EmailDeliveryForm settings={settings.data} />
      <TestEmail />
      <StaffNotifications />
      <EmailTemplates />
    </div>
  );
}
