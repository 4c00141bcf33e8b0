import { isApiError, unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { paymentsKeys } from '@/api/payments/keys';
import { paymentReportsKeys } from '@/api/reports/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { achReturnsKeys } from './keys';
import type { AchReturnDto } from './types';

export type CloseAction = 'resolve' | 'dismiss';

export const closeAchReturnsInputSchema = z.object({
  note: z
    .string()
    .trim()
    .min(1, 'Enter a note: what was done about the return')
    .max(1000, 'must be at most 1000 characters'),
});

export const closeAchReturn = ({
  id,
  action,
  note,
}: {
  id: string;
  action: CloseAction;
  note: string;
}) =>
  action === 'resolve'
    ? unwrap(
        api.POST('/api/v1/ach-returns/{id}/resolve', { params: { path: { id } }, body: { note } }),
      )
    : unwrap(
        api.POST('/api/v1/ach-returns/{id}/dismiss', { params: { path: { id } }, body: { note } }),
      );

export interface CloseAchReturnsResult {
  closed: AchReturnDto[];
  failed: { id: string; message: string }[];
}

/**
 * Resolves or dismisses several returns with one note (one call each; there is no bulk endpoint).
 * Each call is final; the result says which ones failed, so nothing is silently skipped.
 */
export async function closeAchReturns({
  ids,
  action,
  note,
}: {
  ids: readonly string[];
  action: CloseAction;
  note: string;
}): Promise<CloseAchReturnsResult> {
  const results = await Promise.allSettled(ids.map((id) => closeAchReturn({ id, action, note })));
  const out: CloseAchReturnsResult = { closed: [], failed: [] };
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') out.closed.push(r.value);
    else
      out.failed.push({
        id: ids[i]!,
        message: isApiError(r.reason) ? r.reason.detail : 'Request failed',
      });
  });
  return out;
}

export function useCloseAchReturns({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof closeAchReturns> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: closeAchReturns,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: achReturnsKeys.all });
      void queryClient.invalidateQueries({ queryKey: paymentReportsKeys.attention() });
      void queryClient.invalidateQueries({ queryKey: paymentsKeys.all });
      onSuccess?.(...args);
    },
  });
}
