import { unwrap } from '@settle/api-client';
import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import type { CreatePaymentDto } from './types';

/** Previews a payment (fee, total, overpayment-guard adjustments); writes nothing. */
export const quotePayment = (body: CreatePaymentDto) =>
  unwrap(api.POST('/api/v1/payments/quote', { body }));

export function useQuotePayment({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof quotePayment> } = {}) {
  return useMutation({ ...mutationConfig, mutationFn: quotePayment });
}
