import { unwrap } from '@settle/api-client';
import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

export interface PortalLoginInput {
  email: string;
  password: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The sign-in form's checks, by hand: zod would add about 14 KB gzip to the page a customer
 * opens first, from an email, often on a phone. The API checks again.
 */
export function validatePortalLogin(
  input: PortalLoginInput,
):
  | { ok: true; data: PortalLoginInput }
  | { ok: false; errors: Partial<Record<keyof PortalLoginInput, string>> } {
  const email = input.email.trim();
  const errors: Partial<Record<keyof PortalLoginInput, string>> = {};
  if (!email) errors.email = 'is required';
  else if (!EMAIL.test(email)) errors.email = 'must be an email address';
  if (!input.password) errors.password = 'is required';
  return Object.keys(errors).length
    ? { ok: false, errors }
    : { ok: true, data: { email, password: input.password } };
}

const portalLogin = (body: PortalLoginInput) =>
  unwrap(api.POST('/api/v1/portal/auth/login', { body }));

export function usePortalLogin({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof portalLogin> } = {}) {
  return useMutation({ ...mutationConfig, mutationFn: portalLogin });
}
