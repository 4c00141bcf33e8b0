import { unwrap } from '@settle/api-client';
import {
  MAX_INSTALLMENTS,
  MIN_INSTALLMENTS,
  addDays,
  addMonths,
  daysBetween,
  isCalendarDate,
} from '@settle/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { paymentsKeys } from '@/api/payments/keys';
import { api } from '@/lib/api-client';
import { moneyText } from '@/lib/forms/money-text';
import type { MutationConfig } from '@/lib/react-query';

import { invalidateAfterPaymentChange } from './invalidate';
import type { CreateInstallmentsDto } from './types';

/** The API refuses a plan whose last installment is further away (MAX_SCHEDULE_DAYS). */
const MAX_SCHEDULE_DAYS = 366;

/** Form text, named as the API's fields so that a 400's `errors[].field` finds its input. */
export interface InstallmentsFormValues {
  allocations: { invoiceId: string; amount: string }[];
  paymentMethodId: string;
  count: string;
  interval: 'week' | 'month';
  firstDate: string;
}

interface PayableInvoice {
  id: string;
  openBalance: number;
  currency: string;
}

function lastDate(firstDate: string, count: number, interval: 'week' | 'month'): string {
  return interval === 'week'
    ? addDays(firstDate, 7 * (count - 1))
    : addMonths(firstDate, count - 1);
}

/**
 * Checks the plan as the API will (amounts within the open balances, 2–24 installments, first
 * date from today, last one within 366 days, no installment of 0) and builds the request body.
 */
export function installmentsInputSchema({
  organizationId,
  invoices,
  today,
}: {
  organizationId: string;
  invoices: readonly PayableInvoice[];
  today: string;
}) {
  const byId = new Map(invoices.map((i) => [i.id, i]));
  return z
    .object({
      allocations: z
        .array(z.object({ invoiceId: z.string(), amount: z.string() }))
        .transform((rows, ctx) =>
          rows.map(({ invoiceId, amount }, index) => {
            const invoice = byId.get(invoiceId);
            const parsed = moneyText(invoice?.currency ?? 'USD', {
              max: invoice?.openBalance,
              what: 'the open balance of',
            }).safeParse(amount);
            for (const issue of parsed.error?.issues ?? [])
              ctx.addIssue({ ...issue, path: [index, 'amount'] });
            return { invoiceId, amount: parsed.data ?? 0 };
          }),
        ),
      paymentMethodId: z.string().min(1, 'Choose a payment method'),
      count: z.string().transform((text, ctx) => {
        const count = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
        if (!(count >= MIN_INSTALLMENTS && count <= MAX_INSTALLMENTS)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `Enter ${MIN_INSTALLMENTS} to ${MAX_INSTALLMENTS} installments`,
          });
          return z.NEVER;
        }
        return count;
      }),
      interval: z.enum(['week', 'month']),
      firstDate: z
        .string()
        .refine(isCalendarDate, 'Choose the date of the first installment')
        .refine((d) => d >= today, 'Choose today or a later date'),
    })
    .superRefine((v, ctx) => {
      // a field already refused still reaches here (its value is not usable): check the rest only
      if (!Number.isInteger(v.count)) return;
      const total = v.allocations.reduce((sum, a) => sum + a.amount, 0);
      if (total > 0 && total < v.count)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['count'],
          message: 'Too many installments for this amount: one would be zero',
        });
      if (
        isCalendarDate(v.firstDate) &&
        daysBetween(today, lastDate(v.firstDate, v.count, v.interval)) > MAX_SCHEDULE_DAYS
      )
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['count'],
          message: `The last installment would be more than ${MAX_SCHEDULE_DAYS} days away`,
        });
    })
    .transform((v): CreateInstallmentsDto => ({ organizationId, ...v }));
}

/**
 * Splits the allocations into `count` scheduled payments, weekly or monthly. The same
 * `idempotencyKey` replays the first plan: a retried confirm never books a second plan.
 */
export const createInstallments = ({
  idempotencyKey,
  data,
}: {
  idempotencyKey: string;
  data: CreateInstallmentsDto;
}) =>
  unwrap(
    api.POST('/api/v1/payments/installments', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: data,
    }),
  );

export function useCreateInstallments({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createInstallments> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createInstallments,
    onSuccess: (plan, ...args) => {
      for (const payment of plan.payments)
        queryClient.setQueryData(paymentsKeys.detail(payment.id), payment);
      invalidateAfterPaymentChange(queryClient, args[0].data.organizationId);
      onSuccess?.(plan, ...args);
    },
  });
}
