import { fieldErrors, isApiError } from '@settle/api-client';
import { Button, TextField } from '@settle/ui';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { CONNECTION_ERROR } from '@/lib/problem';

import { usePortalLogin, validatePortalLogin } from '../api/login';

import { ForgotPasswordForm } from './forgot-password-form';

function message(error: unknown): string {
  return isApiError(error) ? error.detail : CONNECTION_ERROR;
}

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [showForgot, setShowForgot] = useState(false);
  const login = usePortalLogin({ mutationConfig: { onSuccess } });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = validatePortalLogin({ email, password });
    if (!parsed.ok) {
      setClientErrors(parsed.errors);
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
    <>
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
      </form>
      {showForgot && <ForgotPasswordForm initialEmail={email} />}
      <p className="portal-auth__aside">
        No portal login yet? <Link to={paths.auth.requestAccess.getHref()}>Request access</Link>
      </p>
    </>
  );
}
