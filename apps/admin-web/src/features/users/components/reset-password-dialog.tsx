import type { UserResponseDto } from '@settle/api-client';
import { Button, Dialog, useToast } from '@settle/ui';

import { Form, FormTextField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import { resetPasswordInputSchema, useResetUserPassword } from '../api/reset-user-password';

export function ResetPasswordDialog({
  user,
  onClose,
}: {
  user: UserResponseDto | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={!!user}
      title={`Reset password${user ? ` for ${user.name}` : ''}`}
      onClose={onClose}
    >
      {user && <ResetPasswordForm key={user.id} user={user} onClose={onClose} />}
    </Dialog>
  );
}

function ResetPasswordForm({ user, onClose }: { user: UserResponseDto; onClose: () => void }) {
  const toast = useToast();
  const form = useProblemForm({
    schema: resetPasswordInputSchema,
    defaultValues: { password: '' },
  });
  const reset = useResetUserPassword({
    mutationConfig: {
      onSuccess: () => {
        toast.show({ title: 'Password reset', message: `New password set for ${user.name}.` });
        onClose();
      },
    },
  });

  return (
    <Form
      form={form}
      onSubmit={({ password }) => reset.mutateAsync({ id: user.id, password })}
      aria-label="Reset password"
    >
      <FormTextField
        control={form.control}
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="12 to 128 characters, not a common password or the email."
      />
      <div className="app-form-actions">
        <Button onClick={onClose}>Cancel</Button>
        <SubmitButton>Reset password</SubmitButton>
      </div>
    </Form>
  );
}
