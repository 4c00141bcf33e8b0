import { Button, Dialog, useToast } from '@settle/ui';

import { Form, FormSelectField, FormTextField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

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
  return (
    <Dialog open={open} title="Add user" onClose={onClose}>
      {/* mounted per opening: a fresh form each time */}
      {open && <CreateUserForm onClose={onClose} />}
    </Dialog>
  );
}

function CreateUserForm({ onClose }: { onClose: () => void }) {
  const toast = useToast();
  const form = useProblemForm({ schema: createUserInputSchema, defaultValues: EMPTY });
  const create = useCreateUser({
    mutationConfig: {
      onSuccess: (user) => {
        toast.show({ title: 'User added', message: `${user.name} can now sign in.` });
        onClose();
      },
    },
  });

  return (
    <Form form={form} onSubmit={(values) => create.mutateAsync(values)} aria-label="Add user">
      <FormTextField control={form.control} name="name" label="Name" />
      <FormTextField control={form.control} name="email" label="Email" type="email" />
      <FormSelectField control={form.control} name="role" label="Role" options={ROLE_OPTIONS} />
      <FormTextField
        control={form.control}
        name="password"
        label="Initial password"
        type="password"
        autoComplete="new-password"
        hint="12 to 128 characters, not a common password or the email. Share it with the user privately."
      />
      <div className="app-form-actions">
        <Button onClick={onClose}>Cancel</Button>
        <SubmitButton>Add user</SubmitButton>
      </div>
    </Form>
  );
}
