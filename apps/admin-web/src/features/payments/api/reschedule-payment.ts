import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { isCalendarDate } from '@/lib/calendar-date';

import { paymentsKeys } from '@/api/payments/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { invalidateAfterPaymentChange } from './invalidate';

/** `today` is the MSP's calendar date: a payment cannot move into the past. */
export const reschedulePaymentInputSchema = (today: string) =>
  z.object({
    scheduledFor: z
      .string()
      .refine(isCalendarDate, 'Choose a date')
      .refine((date) => date >= today, 'Choose today or a later date'),
  });

export const reschedulePayment = ({ id, scheduledFor }: { id: string; scheduledFor: string }) =>
  unwrap(
    api.PATCH('/api/v1/payments/{id}', {
      params: { path: { id } },
      body: { scheduledFor },
    }),
  );

export function useReschedulePayment({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof reschedulePayment> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: reschedulePayment,
    onSuccess: (payment, ...args) => {
      queryClient.setQueryData(paymentsKeys.detail(payment.id), payment);
      invalidateAfterPaymentChange(queryClient, payment.organizationId);
      onSuccess?.(payment, ...args);
    },
  });
}
