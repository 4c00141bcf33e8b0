import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { InvoiceResponseDto } from '@/api/invoices/types';
import { paymentsKeys } from '@/api/payments/keys';
import { api } from '@/lib/api-client';
import { isCalendarDate } from '@/lib/calendar-date';
import { moneyText } from '@/lib/forms/money-text';
import type { MutationConfig } from '@/lib/react-query';

import { invalidateAfterPaymentChange } from './invalidate';
import type { CreatePaymentDto } from './types';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether `text` can be a receipt recipient (the API checks it again). */
export const isEmailAddress = (text: string) => EMAIL.test(text);

/**
 * The pay form (its details step): one typed amount per invoice, in the invoices' order, so
 * `allocations.N.amount` is both the form field and the API's error path; the method; now or a
 * date (the MSP's `today` or later); extra receipt recipients, plus the one still being typed.
 * Its output is the CreatePaymentDto the quote and the payment are asked with.
 */
export const payInputSchema = ({
  organizationId,
  invoices,
  today,
}: {
  organizationId: string;
  invoices: readonly InvoiceResponseDto[];
  today: string;
}) => {
  const amountOf = (invoiceId: string) => {
    const invoice = invoices.find((inv) => inv.id === invoiceId);
    return moneyText(invoice?.currency ?? 'USD', {
      max: invoice?.openBalance,
      what: 'the open balance of',
    });
  };
  return (
    z
      .object({
        allocations: z.array(z.object({ invoiceId: z.string(), amount: z.string() })),
        methodId: z.string().min(1, 'Choose a payment method, or add one'),
        schedule: z.boolean(),
        date: z.string(),
        recipients: z.array(z.string()),
        recipientDraft: z
          .string()
          .trim()
          .refine(
            (v) => v === '' || isEmailAddress(v),
            'Enter an email address, or clear the field',
          ),
      })
      // one pass over everything, so every wrong input is marked at once
      .superRefine((v, ctx) => {
        v.allocations.forEach(({ invoiceId, amount }, i) => {
          const parsed = amountOf(invoiceId).safeParse(amount);
          for (const issue of parsed.error?.issues ?? []) {
            ctx.addIssue({ ...issue, path: ['allocations', i, 'amount'] });
          }
        });
        if (!v.schedule) return;
        if (!isCalendarDate(v.date)) {
          ctx.addIssue({ code: 'custom', path: ['date'], message: 'Choose the payment date' });
        } else if (v.date < today) {
          ctx.addIssue({ code: 'custom', path: ['date'], message: 'Choose today or a later date' });
        }
      })
      .transform((v): CreatePaymentDto => {
        const receiptRecipients = [...new Set([...v.recipients, v.recipientDraft].filter(Boolean))];
        return {
          organizationId,
          paymentMethodId: v.methodId,
          allocations: v.allocations.map(({ invoiceId, amount }) => ({
            invoiceId,
            amount: amountOf(invoiceId).parse(amount),
          })),
          ...(v.schedule ? { scheduledFor: v.date } : {}),
          ...(receiptRecipients.length ? { receiptRecipients } : {}),
        };
      })
  );
};

export type PayFormValues = z.input<ReturnType<typeof payInputSchema>>;

/**
 * Pays invoices now, or on `scheduledFor`. A gateway decline is still a 201 (`status: "failed"`).
 * The same `idempotencyKey` replays the first answer: retries of one confirm never charge twice.
 */
export const createPayment = ({
  idempotencyKey,
  data,
}: {
  idempotencyKey: string;
  data: CreatePaymentDto;
}) =>
  unwrap(
    api.POST('/api/v1/payments', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: data,
    }),
  );

export function useCreatePayment({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createPayment> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createPayment,
    onSuccess: (payment, ...args) => {
      queryClient.setQueryData(paymentsKeys.detail(payment.id), payment);
      invalidateAfterPaymentChange(queryClient, payment.organizationId);
      onSuccess?.(payment, ...args);
    },
  });
}
