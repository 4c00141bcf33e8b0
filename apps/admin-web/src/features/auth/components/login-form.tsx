import { fieldErrors, isApiError } from '@settle/api-client';
import { Button, TextField } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import { loginInputSchema, useLogin } from '../api/login';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const loginMutation = useLogin({ mutationConfig: { onSuccess } });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = loginInputSchema.safeParse({ email, password });
    if (!parsed.success) {
      setClientErrors(
        Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])),
      );
      return;
    }
    setClientErrors({});
    loginMutation.mutate(parsed.data);
  };

  const error = loginMutation.error;
  const errors = { ...fieldErrors(error), ...clientErrors };
  const formMessage =
    error && !Object.keys(fieldErrors(error)).length
      ? isApiError(error)
        ? error.detail
        : 'Could not reach the server. Check your connection and try again.'
      : null;

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
      <Button type="submit" variant="primary" loading={loginMutation.isPending}>
        Sign in
      </Button>
    </form>
  );
}
