import { fieldErrors, isApiError } from '@settle/api-client';
import { Button, Dialog, SelectField, TextField, useToast } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import {
  STAFF_ROLES,
  createUserInputSchema,
  useCreateUser,
  type CreateUserInput,
} from '../api/create-user';

export const ROLE_OPTIONS = STAFF_ROLES.map((r) => ({
  value: r,
  label: r === 'admin' ? 'Admin' : r === 'billing' ? 'Billing' : 'Viewer',
}));

const EMPTY: CreateUserInput = { name: '', email: '', role: 'billing', password: '' };

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const toast = useToast();
  const [values, setValues] = useState<CreateUserInput>(EMPTY);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const create = useCreateUser({
    mutationConfig: {
      onSuccess: (user) => {
        toast.show({ title: 'User added', message: `${user.name} can now sign in.` });
        close();
      },
    },
  });

  function close() {
    setValues(EMPTY);
    setClientErrors({});
    create.reset();
    onClose();
  }

  const serverErrors = fieldErrors(create.error);
  const errors = { ...serverErrors, ...clientErrors };
  const formError =
    create.error && !Object.keys(serverErrors).length
      ? isApiError(create.error)
        ? create.error.detail
        : 'Could not add the user.'
      : null;

  const set = <K extends keyof CreateUserInput>(key: K, value: CreateUserInput[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = createUserInputSchema.safeParse(values);
    if (!parsed.success) {
      setClientErrors(
        Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])),
      );
      return;
    }
    setClientErrors({});
    create.mutate(parsed.data);
  };

  return (
    <Dialog open={open} title="Add user" onClose={close}>
      <form onSubmit={submit} noValidate aria-label="Add user">
        {formError && (
          <div className="ui-alert ui-alert--error" role="alert">
            {formError}
          </div>
        )}
        <TextField
          label="Name"
          name="name"
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          value={values.email}
          onChange={(e) => set('email', e.target.value)}
          error={errors.email}
        />
        <SelectField
          label="Role"
          name="role"
          value={values.role}
          options={ROLE_OPTIONS}
          onChange={(e) => set('role', e.target.value as CreateUserInput['role'])}
          error={errors.role}
        />
        <TextField
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => set('password', e.target.value)}
          error={errors.password}
          hint="At least 12 characters. Share it with the user privately."
        />
        <div className="app-form-actions">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Add user
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
