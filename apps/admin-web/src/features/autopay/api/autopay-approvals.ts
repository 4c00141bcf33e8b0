import { unwrap } from '@settle/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { invalidateAfterRun } from './autopay-runs';
import { autopayKeys, type PageParams } from './keys';

/** AutoPay payments waiting for staff (status pending_approval), oldest first. */
export const getAutopayApprovals = (params: PageParams) =>
  unwrap(api.GET('/api/v1/autopay/approvals', { params: { query: params } }));

export function useAutopayApprovals({ params }: { params: PageParams }) {
  return useQuery({
    queryKey: autopayKeys.approvalList(params),
    queryFn: () => getAutopayApprovals(params),
    placeholderData: keepPreviousData,
  });
}

/** How many AutoPay payments wait for approval (the Overview's notification). */
export function useAutopayApprovalsCount(): number | undefined {
  return useAutopayApprovals({ params: { page: 1, pageSize: 1 } }).data?.total;
}

export type ApprovalDecision = 'approve' | 'reject';

/**
 * Approves (charges now) or rejects (cancels) the payments; the answer says which went through.
 * One `idempotencyKey` per confirmation: a retry of it replays the first answer.
 */
export const decideAutopayApprovals = ({
  decision,
  paymentIds,
  idempotencyKey,
}: {
  decision: ApprovalDecision;
  paymentIds: string[];
  idempotencyKey: string;
}) => {
  const request = {
    body: { paymentIds },
    params: { header: { 'Idempotency-Key': idempotencyKey } },
  };
  return decision === 'approve'
    ? unwrap(api.POST('/api/v1/autopay/approvals/approve', request))
    : unwrap(api.POST('/api/v1/autopay/approvals/reject', request));
};

export function useDecideAutopayApprovals({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof decideAutopayApprovals> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: decideAutopayApprovals,
    onSuccess: (...args) => {
      // approved payments move balances like any payment made
      invalidateAfterRun(queryClient);
      onSuccess?.(...args);
    },
  });
}
