import { fieldErrors, isApiError } from '@settle/api-client';
import { Button, TextField } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import { CONNECTION_ERROR } from '@/lib/problem';

import { useSetPassword, type PasswordLink } from '../api/passwords';

/** The API's rule, checked here first: 12 characters besides spaces at either end. */
const MIN_LENGTH = 12;

/**
 * Sets a password from the invitation or reset email's link (`?token=`); signed in on success.
 * A link that is invalid, used or expired says so, with what to ask for instead.
 */
export function SetPasswordForm({
  link,
  token,
  onSuccess,
}: {
  link: PasswordLink;
  token: string;
  onSuccess: () => void;
}) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const setPasswordCall = useSetPassword(link);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (password.trim().length < MIN_LENGTH) {
      errors.password = `must be at least ${MIN_LENGTH} characters`;
    }
    if (confirm !== password) errors.confirm = 'does not match the password';
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    setPasswordCall.mutate({ token, password }, { onSuccess });
  };

  const server = fieldErrors(setPasswordCall.error);
  const errors = { ...server, ...clientErrors };
  const error = setPasswordCall.error;
  const formMessage = !error
    ? null
    : server.token
      ? `This link ${server.token}.`
      : server.password
        ? null
        : isApiError(error)
          ? error.detail
          : CONNECTION_ERROR;

  if (!token) {
    return (
      <div className="ui-alert ui-alert--error" role="alert">
        This link is incomplete: open it again from the email, or ask for a new one.
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Set your password">
      {formMessage && (
        <div className="ui-alert ui-alert--error" role="alert">
          {formMessage}
        </div>
      )}
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        autoFocus
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
        hint={`At least ${MIN_LENGTH} characters; a common password is refused.`}
      />
      <TextField
        label="Confirm password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={errors.confirm}
      />
      <Button type="submit" variant="primary" loading={setPasswordCall.isPending}>
        {link === 'invitation' ? 'Set password and sign in' : 'Change password and sign in'}
      </Button>
    </form>
  );
}
