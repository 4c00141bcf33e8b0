import { unwrap } from '@settle/api-client';
import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/** Which email link a password is set from: the invitation (welcome) or a reset. */
export type PasswordLink = 'invitation' | 'reset';

const PATHS = {
  invitation: '/api/v1/portal/auth/invitations/accept',
  reset: '/api/v1/portal/auth/password-reset/confirm',
} as const;

/** Sets the password with the link's single-use token; the contact is then signed in. */
export function useSetPassword(link: PasswordLink) {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      unwrap(api.POST(PATHS[link], { body })),
  });
}

/** Asks for a reset link; the API answers 202 whether or not the address has an account. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      unwrap(api.POST('/api/v1/portal/auth/password-reset', { body: { email } })),
  });
}
