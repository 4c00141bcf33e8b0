import { isApiError } from '@settle/api-client';
import { Button, TextField } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import { CONNECTION_ERROR } from '@/lib/problem';

import { useRequestPasswordReset } from '../api/passwords';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Asks for a reset link. The API answers the same whether or not the address has an account
 * (no one learns who is a customer), so the confirmation says only what is known.
 */
export function ForgotPasswordForm({ initialEmail }: { initialEmail: string }) {
  const [email, setEmail] = useState(initialEmail);
  const [error, setError] = useState<string | undefined>();
  const request = useRequestPasswordReset();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const address = email.trim();
    if (!EMAIL.test(address)) return setError('must be an email address');
    setError(undefined);
    request.mutate(address);
  };

  if (request.isSuccess) {
    return (
      <div className="ui-alert ui-alert--info" role="status">
        If {request.variables} has a portal account, a link to set a new password is on its way
        there. It works once, for one hour.
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Reset password" className="portal-forgot">
      <p className="ui-muted">Enter your email address and we will send you a reset link.</p>
      {request.isError && (
        <div className="ui-alert ui-alert--error" role="alert">
          {isApiError(request.error) ? request.error.detail : CONNECTION_ERROR}
        </div>
      )}
      <TextField
        label="Email for the reset link"
        name="reset-email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={error}
      />
      <Button type="submit" loading={request.isPending}>
        Send reset link
      </Button>
    </form>
  );
}
