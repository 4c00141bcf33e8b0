import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { accessProfilesKeys } from '@/api/access-profiles/keys';
import type { AccessProfileInput } from '@/api/access-profiles/types';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

export const PERMISSIONS = [
  { key: 'viewInvoices', label: 'View invoices' },
  { key: 'pay', label: 'Pay' },
  { key: 'managePaymentMethods', label: 'Manage payment methods' },
  { key: 'manageAutopay', label: 'Manage AutoPay' },
  { key: 'viewCredits', label: 'View credits' },
  { key: 'viewUnappliedPayments', label: 'View unapplied payments' },
  { key: 'receiveAccountEmails', label: 'Receive account emails' },
] as const;

export const accessProfileInputSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  permissions: z.object({
    viewInvoices: z.boolean(),
    pay: z.boolean(),
    managePaymentMethods: z.boolean(),
    manageAutopay: z.boolean(),
    viewCredits: z.boolean(),
    viewUnappliedPayments: z.boolean(),
    receiveAccountEmails: z.boolean(),
  }),
});

export const createAccessProfile = (body: AccessProfileInput) =>
  unwrap(api.POST('/api/v1/access-profiles', { body }));

export function useCreateAccessProfile({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createAccessProfile> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createAccessProfile,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: accessProfilesKeys.lists() });
      onSuccess?.(...args);
    },
  });
}
