import { fieldErrors, isApiError } from '@settle/api-client';
import { Button, CheckboxField, Dialog, TextField, useToast } from '@settle/ui';
import { useState, type FormEvent } from 'react';

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
  const [values, setValues] = useState<AccessProfileInput>(
    profile ? { name: profile.name, permissions: { ...profile.permissions } } : EMPTY,
  );
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const done = (p: AccessProfileResponseDto) => {
    toast.show({
      title: profile ? 'Access profile saved' : 'Access profile added',
      message: p.name,
    });
    onClose();
  };
  const create = useCreateAccessProfile({ mutationConfig: { onSuccess: done } });
  const update = useUpdateAccessProfile({ mutationConfig: { onSuccess: done } });
  const mutation = profile ? update : create;

  const serverErrors = fieldErrors(mutation.error);
  const errors = { ...serverErrors, ...clientErrors };
  const formError =
    mutation.error && !Object.keys(serverErrors).length
      ? isApiError(mutation.error)
        ? mutation.error.detail
        : 'Could not save the access profile.'
      : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = accessProfileInputSchema.safeParse(values);
    if (!parsed.success) {
      setClientErrors(
        Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])),
      );
      return;
    }
    setClientErrors({});
    if (profile) update.mutate({ id: profile.id, data: parsed.data });
    else create.mutate(parsed.data);
  };

  const title = profile ? 'Edit access profile' : 'New access profile';
  return (
    <Dialog open title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate aria-label={title}>
        {formError && (
          <div className="ui-alert ui-alert--error" role="alert">
            {formError}
          </div>
        )}
        <TextField
          label="Name"
          name="name"
          value={values.name}
          onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
          error={errors.name}
        />
        <fieldset className="app-fieldset">
          <legend className="ui-field__label">Permissions</legend>
          {PERMISSIONS.map((p) => (
            <CheckboxField
              key={p.key}
              label={p.label}
              checked={values.permissions[p.key]}
              onChange={(e) =>
                setValues((v) => ({
                  ...v,
                  permissions: { ...v.permissions, [p.key]: e.target.checked },
                }))
              }
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
          <Button type="submit" variant="primary" loading={mutation.isPending}>
            {profile ? 'Save' : 'Add profile'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
