import type { QueryClient } from '@tanstack/react-query';

import { arOverviewKeys, paymentReportsKeys } from '@/features/ar-overview/api/keys';
import { invoicesKeys } from '@/features/invoices/api/keys';
import { paymentMethodsKeys } from '@/features/payment-methods/api/keys';
import { organizationsKeys } from '@/features/organizations/api/keys';

import { paymentsKeys } from './keys';

/**
 * A payment made, cancelled, rescheduled or refunded moves invoices' open balances, the
 * organization's balance and lists, the A/R overview, the calendar and the attention counts.
 */
export function invalidateAfterPaymentChange(queryClient: QueryClient, organizationId?: string) {
  void queryClient.invalidateQueries({ queryKey: paymentsKeys.all });
  void queryClient.invalidateQueries({ queryKey: invoicesKeys.all });
  if (organizationId) {
    void queryClient.invalidateQueries({ queryKey: organizationsKeys.balance(organizationId) });
  }
  void queryClient.invalidateQueries({ queryKey: organizationsKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: arOverviewKeys.all });
  void queryClient.invalidateQueries({ queryKey: paymentReportsKeys.all });
  // a decline can lock the method
  void queryClient.invalidateQueries({ queryKey: paymentMethodsKeys.all });
}
