import { fieldErrors, isApiError } from '@settle/api-client';
import { Button, TextField } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import { portalLoginInputSchema, usePortalLogin } from '../api/login';

export const NOT_AVAILABLE = 'Customer sign-in is not available yet.';

function message(error: unknown): string {
  if (!isApiError(error)) return 'Could not reach the server. Check your connection and try again.';
  if (error.status === 404 || error.status === 501) return NOT_AVAILABLE;
  return error.detail;
}

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [showForgot, setShowForgot] = useState(false);
  const login = usePortalLogin({ mutationConfig: { onSuccess } });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = portalLoginInputSchema.safeParse({ email, password });
    if (!parsed.success) {
      setClientErrors(
        Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])),
      );
      return;
    }
    setClientErrors({});
    login.mutate(parsed.data);
  };

  const serverErrors = fieldErrors(login.error);
  const errors = { ...serverErrors, ...clientErrors };
  const formMessage =
    login.error && !Object.keys(serverErrors).length ? message(login.error) : null;

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      {formMessage && (
        <div className="ui-alert ui-alert--error" role="alert">
          {formMessage}
        </div>
      )}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        autoFocus
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={errors.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
      />
      <Button type="submit" variant="primary" loading={login.isPending}>
        Sign in
      </Button>
      <p style={{ textAlign: 'center', marginBottom: 0 }}>
        <button
          type="button"
          className="portal-link-button"
          aria-expanded={showForgot}
          onClick={() => setShowForgot((s) => !s)}
        >
          Forgot password?
        </button>
      </p>
      {showForgot && (
        <div className="ui-alert ui-alert--info" role="note">
          Password reset by email arrives with customer sign-in. Until then, contact your
          provider&apos;s billing team and they will help you access your invoices.
        </div>
      )}
    </form>
  );
}
