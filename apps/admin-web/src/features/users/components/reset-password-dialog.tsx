import { fieldErrors, isApiError, type UserResponseDto } from '@settle/api-client';
import { Button, Dialog, TextField, useToast } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import { resetPasswordInputSchema, useResetUserPassword } from '../api/reset-user-password';

export function ResetPasswordDialog({
  user,
  onClose,
}: {
  user: UserResponseDto | null;
  onClose: () => void;
}) {
  const toast = useToast();
  const [password, setPassword] = useState('');
  const [clientError, setClientError] = useState<string | undefined>();
  const reset = useResetUserPassword({
    mutationConfig: {
      onSuccess: () => {
        toast.show({
          title: 'Password reset',
          message: user ? `New password set for ${user.name}.` : undefined,
        });
        close();
      },
    },
  });

  function close() {
    setPassword('');
    setClientError(undefined);
    reset.reset();
    onClose();
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!user) return;
    const parsed = resetPasswordInputSchema.safeParse({ password });
    if (!parsed.success) {
      setClientError(parsed.error.issues[0]?.message);
      return;
    }
    setClientError(undefined);
    reset.mutate({ id: user.id, password });
  };

  const serverErrors = fieldErrors(reset.error);
  const formError =
    reset.error && !serverErrors.password
      ? isApiError(reset.error)
        ? reset.error.detail
        : 'Could not reset the password.'
      : null;

  return (
    <Dialog
      open={!!user}
      title={`Reset password${user ? ` for ${user.name}` : ''}`}
      onClose={close}
    >
      <form onSubmit={submit} noValidate aria-label="Reset password">
        {formError && (
          <div className="ui-alert ui-alert--error" role="alert">
            {formError}
          </div>
        )}
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={clientError ?? serverErrors.password}
          hint="At least 12 characters."
        />
        <div className="app-form-actions">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" loading={reset.isPending}>
            Reset password
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
