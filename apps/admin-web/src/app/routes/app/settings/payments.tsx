import { isApiError } from '@settle/api-client';
import { ErrorState, LoadingState } from '@settle/ui';

import { usePaymentGateway } from '@/api/payment-methods/get-payment-gateway';
import { usePaymentSettings } from '@/features/payment-settings/api/get-payment-settings';
import { FeeWaivers } from '@/features/payment-settings/components/fee-waivers';
import { PaymentGatewaySummary } from '@/features/payment-settings/components/payment-gateway-summary';
import { PaymentSettingsForm } from '@/features/payment-settings/components/payment-settings-form';
import { useMsp } from '@/lib/msp-context';

function failure(error: unknown, fallback: string) {
  return (
    <ErrorState
      message={isApiError(error) ? error.detail : fallback}
      requestId={isApiError(error) ? error.requestId : null}
    />
  );
}

/** The full settings (secrets' state included) are for administrators; others see a summary. */
export default function PaymentSettingsRoute() {
  const { isAdmin, currency } = useMsp();
  const settings = usePaymentSettings({ queryConfig: { enabled: isAdmin } });
  const gateway = usePaymentGateway({ queryConfig: { enabled: !isAdmin } });

  if (isAdmin) {
    if (settings.isPending) return <LoadingState label="Loading payment settings…" />;
    if (settings.isError) return failure(settings.error, 'Could not load the payment settings.');
    return (
      <>
        <PaymentSettingsForm settings={settings.data} currency={currency} />
        <FeeWaivers readOnly={false} />
      </>
    );
  }
  if (gateway.isPending) return <LoadingState label="Loading payment settings…" />;
  if (gateway.isError) return failure(gateway.error, 'Could not load the payment settings.');
  return (
    <>
      <PaymentGatewaySummary info={gateway.data} currency={currency} />
      <FeeWaivers readOnly />
    </>
  );
}
