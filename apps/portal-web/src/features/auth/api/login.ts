import { unwrap } from '@settle/api-client';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';

import { portalApi } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

export const portalLoginInputSchema = z.object({
  email: z.string().trim().min(1, 'is required').email('must be an email address'),
  password: z.string().min(1, 'is required'),
});

export type PortalLoginInput = z.infer<typeof portalLoginInputSchema>;

export const portalLogin = (body: PortalLoginInput) =>
  unwrap<unknown>(portalApi.POST('/api/v1/portal/auth/login', { body }));

export function usePortalLogin({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof portalLogin> } = {}) {
  return useMutation({ ...mutationConfig, mutationFn: portalLogin });
}
