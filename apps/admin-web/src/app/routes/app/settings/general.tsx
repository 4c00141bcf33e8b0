import { isApiError } from '@settle/api-client';
import { ErrorState, LoadingState } from '@settle/ui';

import { useGeneralSettings } from '@/features/settings/api/get-general-settings';
import { GeneralSettingsForm } from '@/features/settings/components/general-settings-form';
import { useMsp } from '@/lib/msp-context';

export default function GeneralSettingsRoute() {
  const { isAdmin } = useMsp();
  const settings = useGeneralSettings();
  if (settings.isPending) return <LoadingState />;
  if (settings.isError) {
    return (
      <ErrorState
        message={isApiError(settings.error) ? settings.error.detail : 'Could not load settings.'}
        requestId={isApiError(settings.error) ? settings.error.requestId : null}
      />
    );
  }
  return <GeneralSettingsForm settings={settings.data} readOnly={!isAdmin} />;
}
