import type { QueryClient } from '@tanstack/react-query';

import { paymentReportsKeys } from '@/api/reports/keys';

import { paymentMethodsKeys } from './keys';

/** A method change moves the organization's list, the locked list and the attention counts. */
export function invalidateAfterPaymentMethodChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: paymentMethodsKeys.all });
  void queryClient.invalidateQueries({ queryKey: paymentReportsKeys.attention() });
}
