import {
  MAX_INSTALLMENTS,
  MIN_INSTALLMENTS,
  addDays,
  addMonths,
  convenienceFee,
  daysBetween,
  isCalendarDate,
  splitInstallments,
  type ConvenienceFeePolicy,
  type PaymentMethodKind,
} from '@settle/domain';
import { currencyFractionDigits, formatMoney } from '@settle/ui';
import { z } from 'zod';

import { parseMoneyInput } from '@/lib/money-input';

import type { CreateInstallmentsDto } from '../api/types';

/** The API refuses a plan whose last installment is further away (MAX_SCHEDULE_DAYS). */
export const MAX_SCHEDULE_DAYS = 366;

/** Form text, named as the API's fields so that a 400's `errors[].field` finds its input. */
export interface InstallmentsFormValues {
  allocations: { invoiceId: string; amount: string }[];
  paymentMethodId: string;
  count: string;
  interval: 'week' | 'month';
  firstDate: string;
}

export const INSTALLMENT_FIELDS = ['paymentMethodId', 'count', 'interval', 'firstDate'] as const;

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
export function installmentsSchema({
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
            const currency = invoice?.currency ?? 'USD';
            const parsed = parseMoneyInput(amount, currencyFractionDigits(currency));
            const error = !parsed.ok
              ? parsed.error
              : parsed.minor <= 0
                ? 'Enter an amount greater than zero'
                : invoice && parsed.minor > invoice.openBalance
                  ? `Cannot be more than the open balance of ${formatMoney(invoice.openBalance, currency)}`
                  : null;
            if (error)
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                path: [index, 'amount'],
                message: error,
              });
            return { invoiceId, amount: parsed.ok ? parsed.minor : 0 };
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

export interface PlannedInstallment {
  number: number;
  scheduledFor: string;
  allocations: { invoiceId: string; amount: number }[];
  amount: number;
  fee: number;
  total: number;
}

/**
 * The schedule the API will create for this body: the same split (libs/domain) and, per
 * installment, the same convenience fee rule.
 */
export function planInstallments(
  body: CreateInstallmentsDto,
  methodKind: PaymentMethodKind,
  feePolicy: ConvenienceFeePolicy | null,
  feeWaived: boolean,
): PlannedInstallment[] {
  return splitInstallments(body.allocations, body.count, body.firstDate, body.interval).map(
    (installment, i) => {
      const amount = installment.allocations.reduce((sum, a) => sum + a.amount, 0);
      const fee = convenienceFee(amount, methodKind, feePolicy, feeWaived);
      return { number: i + 1, ...installment, amount, fee, total: amount + fee };
    },
  );
}
