import { Button, Dialog, useToast } from '@settle/ui';

import { Form, FormCheckboxField, FormTextField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import type { AccessProfileInput, AccessProfileResponseDto } from '@/api/access-profiles/types';

import {
  PERMISSIONS,
  accessProfileInputSchema,
  useCreateAccessProfile,
} from '../api/create-access-profile';
import { useUpdateAccessProfile } from '../api/update-access-profile';

const EMPTY: AccessProfileInput = {
  name: '',
  permissions: {
    viewInvoices: true,
    pay: false,
    managePaymentMethods: false,
    manageAutopay: false,
    viewCredits: false,
    viewUnappliedPayments: false,
    receiveAccountEmails: false,
  },
};

/** Create (no `profile`) or edit an access profile. Mount it only while open. */
export function AccessProfileDialog({
  profile,
  onClose,
}: {
  profile?: AccessProfileResponseDto;
  onClose: () => void;
}) {
  const toast = useToast();
  const form = useProblemForm({
    schema: accessProfileInputSchema,
    defaultValues: profile
      ? { name: profile.name, permissions: { ...profile.permissions } }
      : EMPTY,
  });
  const done = (p: AccessProfileResponseDto) => {
    toast.show({
      title: profile ? 'Access profile saved' : 'Access profile added',
      message: p.name,
    });
    onClose();
  };
  const create = useCreateAccessProfile({ mutationConfig: { onSuccess: done } });
  const update = useUpdateAccessProfile({ mutationConfig: { onSuccess: done } });

  const save = (values: AccessProfileInput) =>
    profile ? update.mutateAsync({ id: profile.id, data: values }) : create.mutateAsync(values);

  const title = profile ? 'Edit access profile' : 'New access profile';
  return (
    <Dialog open title={title} onClose={onClose}>
      <Form form={form} onSubmit={save} aria-label={title}>
        <FormTextField control={form.control} name="name" label="Name" />
        <fieldset className="app-fieldset">
          <legend className="ui-field__label">Permissions</legend>
          {PERMISSIONS.map((p) => (
            <FormCheckboxField
              key={p.key}
              control={form.control}
              name={`permissions.${p.key}`}
              label={p.label}
            />
          ))}
        </fieldset>
        {profile && profile.contactsCount > 0 && (
          <p className="ui-muted app-note-text">
            Changes apply at once to the {profile.contactsCount} contact
            {profile.contactsCount === 1 ? '' : 's'} with this profile.
          </p>
        )}
        <div className="app-form-actions">
          <Button onClick={onClose}>Cancel</Button>
          <SubmitButton>{profile ? 'Save' : 'Add profile'}</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
