import { fieldErrors, isApiError } from '@settle/api-client';
import { Button, CheckboxField, Dialog, SelectField, TextField, useToast } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import type { AccessProfileResponseDto } from '@/api/access-profiles/types';

import {
  contactInputSchema,
  useCreateContact,
  type ContactFormValues,
} from '../api/create-contact';

const EMPTY: ContactFormValues = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  accessProfileId: '',
  isDefaultNotification: false,
};

export function AddContactDialog({
  organizationId,
  profiles,
  onClose,
}: {
  organizationId: string;
  profiles: AccessProfileResponseDto[];
  onClose: () => void;
}) {
  const toast = useToast();
  const [values, setValues] = useState<ContactFormValues>(EMPTY);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const create = useCreateContact({
    mutationConfig: {
      onSuccess: (c) => {
        toast.show({ title: 'Contact added', message: `${c.name} was added.` });
        onClose();
      },
    },
  });

  const serverErrors = fieldErrors(create.error);
  const errors = { ...serverErrors, ...clientErrors };
  const formError =
    create.error && !Object.keys(serverErrors).length
      ? isApiError(create.error)
        ? create.error.detail
        : 'Could not add the contact.'
      : null;

  const set = <K extends keyof ContactFormValues>(key: K, value: ContactFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = contactInputSchema.safeParse(values);
    if (!parsed.success) {
      setClientErrors(
        Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])),
      );
      return;
    }
    setClientErrors({});
    create.mutate({ organizationId, data: parsed.data });
  };

  return (
    <Dialog open title="Add contact" onClose={onClose}>
      <form onSubmit={submit} noValidate aria-label="Add contact">
        {formError && (
          <div className="ui-alert ui-alert--error" role="alert">
            {formError}
          </div>
        )}
        <div className="app-form-grid">
          <TextField
            label="First name"
            name="firstName"
            value={values.firstName}
            onChange={(e) => set('firstName', e.target.value)}
            error={errors.firstName}
          />
          <TextField
            label="Last name"
            name="lastName"
            value={values.lastName}
            onChange={(e) => set('lastName', e.target.value)}
            error={errors.lastName}
          />
        </div>
        <TextField
          label="Email"
          name="email"
          type="email"
          value={values.email}
          onChange={(e) => set('email', e.target.value)}
          error={errors.email}
          hint="An existing contact with this email is linked to this organization."
        />
        <TextField
          label="Phone"
          name="phone"
          type="tel"
          value={values.phone}
          onChange={(e) => set('phone', e.target.value)}
          error={errors.phone}
        />
        <SelectField
          label="Access profile"
          name="accessProfileId"
          value={values.accessProfileId}
          options={[
            { value: '', label: 'No portal access yet' },
            ...profiles.map((p) => ({ value: p.id, label: p.name })),
          ]}
          onChange={(e) => set('accessProfileId', e.target.value)}
          error={errors.accessProfileId}
        />
        <CheckboxField
          label="Default notification contact"
          checked={values.isDefaultNotification}
          onChange={(e) => set('isDefaultNotification', e.target.checked)}
        />
        <div className="app-form-actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Add contact
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
