import { EmptyState, PageHeader } from '@settle/ui';

import { ReconciliationPage } from '@/features/reconciliation/components/reconciliation-page';
import { useMsp } from '@/lib/msp-context';

export default function ReconciliationRoute() {
  // the API lets administrators and billing staff read and run reconciliations
  const { user } = useMsp();
  return (
    <>
      <PageHeader title="Reconciliation" />
      {user.role === 'viewer' ? (
        <EmptyState
          title="Reconciliation is for administrators and billing staff"
          text="Ask an administrator of your MSP if you need to compare Settle with QuickBooks and the gateway."
        />
      ) : (
        <ReconciliationPage />
      )}
    </>
  );
}
