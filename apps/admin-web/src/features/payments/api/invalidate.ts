import type { QueryClient } from '@tanstack/react-query';

import { invoicesKeys } from '@/api/invoices/keys';
import { organizationsKeys } from '@/api/organizations/keys';
import { paymentMethodsKeys } from '@/api/payment-methods/keys';
import { paymentsKeys } from '@/api/payments/keys';
import { arOverviewKeys, paymentReportsKeys } from '@/api/reports/keys';

/**
 * A payment made, cancelled, rescheduled or refunded moves invoices' open balances, the
 * organization's balance and lists, the A/R overview, the calendar and the attention counts.
 */
export function invalidateAfterPaymentChange(queryClient: QueryClient, organizationId?: string) {
  void queryClient.invalidateQueries({ queryKey: paymentsKeys.all });
  void queryClient.invalidateQueries({ queryKey: invoicesKeys.all });
  // An invoice list not on screen is dropped rather than kept stale: shown again, it would
  // offer an invoice just paid in full as payable until its refetch came back.
  queryClient.removeQueries({ queryKey: invoicesKeys.lists(), type: 'inactive' });
  if (organizationId) {
    void queryClient.invalidateQueries({ queryKey: organizationsKeys.balance(organizationId) });
  }
  void queryClient.invalidateQueries({ queryKey: organizationsKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: arOverviewKeys.all });
  void queryClient.invalidateQueries({ queryKey: paymentReportsKeys.all });
  // a decline can lock the method
  void queryClient.invalidateQueries({ queryKey: paymentMethodsKeys.all });
}
