import { unwrap } from '@settle/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { paymentsKeys } from './get-payments';
import type { CreatePayment } from './types';

export function usePayment({
  organizationId,
  paymentId,
}: {
  organizationId: string;
  paymentId: string;
}) {
  return useQuery({
    queryKey: paymentsKeys.detail(organizationId, paymentId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/organizations/{organizationId}/payments/{paymentId}', {
          params: { path: { organizationId, paymentId } },
        }),
      ),
  });
}

/** The receipts emailed for a payment: to whom, and whether each went out. */
export function usePaymentReceipts({
  organizationId,
  paymentId,
  expectReceipt,
}: {
  organizationId: string;
  paymentId: string;
  /** The payment was just charged: its receipt is on its way, so look again until it is here. */
  expectReceipt: boolean;
}) {
  return useQuery({
    queryKey: paymentsKeys.receipts(organizationId, paymentId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/organizations/{organizationId}/payments/{paymentId}/receipts', {
          params: { path: { organizationId, paymentId } },
        }),
      ),
    refetchInterval: ({ state: { data } }) =>
      data?.some((r) => r.status === 'queued') || (expectReceipt && data?.length === 0)
        ? 3_000
        : false,
  });
}

/** Same-origin URL of a receipt's HTML document, for a sandboxed frame. */
export function receiptHtmlUrl(organizationId: string, paymentId: string, emailId: string): string {
  return `/api/v1/portal/organizations/${organizationId}/payments/${paymentId}/receipts/${emailId}/html`;
}

/** Previews a payment (fee, total, overpayment-guard adjustments); writes nothing. */
export function useQuotePayment(organizationId: string) {
  return useMutation({
    mutationFn: (body: CreatePayment) =>
      unwrap(
        api.POST('/api/v1/portal/organizations/{organizationId}/payments/quote', {
          params: { path: { organizationId } },
          body,
        }),
      ),
  });
}

/**
 * Pays the invoices. A gateway decline is still a 201 (`status: "failed"`); the same
 * `idempotencyKey` replays the first answer, so retrying one confirmation never charges twice.
 */
export function useCreatePayment(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ idempotencyKey, body }: { idempotencyKey: string; body: CreatePayment }) =>
      unwrap(
        api.POST('/api/v1/portal/organizations/{organizationId}/payments', {
          params: { path: { organizationId }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: (payment) => {
      queryClient.setQueryData(paymentsKeys.detail(organizationId, payment.id), payment);
      // balances, open invoices and payments all changed: everything of this organization
      void queryClient.invalidateQueries({ queryKey: ['portal', organizationId] });
    },
  });
}

/** Moves a scheduled payment to another day; 409 once it has run. */
export function useReschedulePayment(organizationId: string, paymentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scheduledFor: string) =>
      unwrap(
        api.PATCH('/api/v1/portal/organizations/{organizationId}/payments/{paymentId}', {
          params: { path: { organizationId, paymentId } },
          body: { scheduledFor },
        }),
      ),
    onSuccess: (payment) => {
      queryClient.setQueryData(paymentsKeys.detail(organizationId, paymentId), payment);
      void queryClient.invalidateQueries({ queryKey: paymentsKeys.all(organizationId) });
    },
  });
}

/** Cancels a scheduled payment; 409 once it has run. */
export function useCancelPayment(organizationId: string, paymentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST('/api/v1/portal/organizations/{organizationId}/payments/{paymentId}/cancel', {
          params: { path: { organizationId, paymentId } },
          body: reason ? { reason } : {},
        }),
      ),
    onSuccess: (payment) => {
      queryClient.setQueryData(paymentsKeys.detail(organizationId, paymentId), payment);
      // a cancelled payment no longer holds the invoices' balances: everything may have changed
      void queryClient.invalidateQueries({ queryKey: ['portal', organizationId] });
    },
  });
}
