import { isApiError } from '@settle/api-client';
import { ErrorState, LoadingState } from '@settle/ui';
import { useParams, useSearchParams } from 'react-router';

import { useOrganization } from '@/api/organizations/get-organization';
import { usePaymentGateway } from '@/api/payment-methods/get-payment-gateway';
import { InstallmentsFlow } from '@/features/payments/components/installments-flow';

/** The fee each installment carries depends on the gateway settings and the organization's waiver. */
export default function OrganizationInstallmentsRoute() {
  const { id = '' } = useParams();
  const [searchParams] = useSearchParams();
  const invoiceIds = (searchParams.get('invoices') ?? '').split(',').filter(Boolean);
  const organization = useOrganization({ id });
  const gateway = usePaymentGateway();

  if (organization.isPending || gateway.isPending) return <LoadingState label="Loading…" />;
  if (organization.isError || gateway.isError) {
    const error = organization.error ?? gateway.error;
    return (
      <ErrorState
        message={isApiError(error) ? error.detail : 'Could not load the payment settings.'}
        requestId={isApiError(error) ? error.requestId : null}
      />
    );
  }
  const fee = gateway.data.convenienceFee;
  return (
    <InstallmentsFlow
      key={id}
      organizationId={id}
      invoiceIds={invoiceIds}
      fees={{
        policy: fee.enabled
          ? { percentBasisPoints: fee.percentBasisPoints, capMinor: fee.capMinor }
          : null,
        waived: organization.data.convenienceFeeWaived,
      }}
    />
  );
}
