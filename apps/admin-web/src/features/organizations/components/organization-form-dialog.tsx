import { fieldErrors, isApiError } from '@settle/api-client';
import { Button, Dialog, TextField, useToast } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import {
  organizationInputSchema,
  useCreateOrganization,
  type OrganizationFormValues,
} from '../api/create-organization';
import type { OrganizationResponseDto } from '../api/types';
import { useUpdateOrganization } from '../api/update-organization';

const EMPTY: OrganizationFormValues = {
  name: '',
  phone: '',
  address: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
};

function fromOrganization(org: OrganizationResponseDto): OrganizationFormValues {
  const a = org.address;
  return {
    name: org.name,
    phone: org.phone ?? '',
    address: {
      line1: a.line1 ?? '',
      line2: a.line2 ?? '',
      city: a.city ?? '',
      region: a.region ?? '',
      postalCode: a.postalCode ?? '',
      country: a.country ?? '',
    },
  };
}

type AddressKey = keyof OrganizationFormValues['address'];

/** "New organization" (no `organization`) or "Edit organization" (with one). */
export function OrganizationFormDialog({
  open,
  organization,
  onClose,
  onCreated,
}: {
  open: boolean;
  organization?: OrganizationResponseDto;
  onClose: () => void;
  onCreated?: (org: OrganizationResponseDto) => void;
}) {
  const toast = useToast();
  const editing = !!organization;
  const [values, setValues] = useState<OrganizationFormValues>(
    organization ? fromOrganization(organization) : EMPTY,
  );
  const [openedFor, setOpenedFor] = useState<{ open: boolean; id?: string }>({ open });
  if (openedFor.open !== open || openedFor.id !== organization?.id) {
    // re-seed the form each time the dialog opens
    setOpenedFor({ open, id: organization?.id });
    if (open) setValues(organization ? fromOrganization(organization) : EMPTY);
  }
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  const create = useCreateOrganization({
    mutationConfig: {
      onSuccess: (org) => {
        toast.show({ title: 'Organization added', message: `${org.name} was created.` });
        close();
        onCreated?.(org);
      },
    },
  });
  const update = useUpdateOrganization({
    mutationConfig: {
      onSuccess: (org) => {
        toast.show({ title: 'Organization saved', message: `${org.name} was updated.` });
        close();
      },
    },
  });
  const mutation = editing ? update : create;

  function close() {
    setClientErrors({});
    create.reset();
    update.reset();
    onClose();
  }

  const serverErrors = fieldErrors(mutation.error);
  const errors = { ...serverErrors, ...clientErrors };
  const formError =
    mutation.error && !Object.keys(serverErrors).length
      ? isApiError(mutation.error)
        ? mutation.error.detail
        : 'Could not save the organization.'
      : null;

  const setAddress = (key: AddressKey, value: string) =>
    setValues((v) => ({ ...v, address: { ...v.address, [key]: value } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = organizationInputSchema.safeParse(values);
    if (!parsed.success) {
      setClientErrors(
        Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])),
      );
      return;
    }
    setClientErrors({});
    if (organization) update.mutate({ id: organization.id, data: parsed.data });
    else create.mutate(parsed.data);
  };

  const title = editing ? 'Edit organization' : 'New organization';
  const addressField = (key: AddressKey, label: string, extra: { autoComplete?: string } = {}) => (
    <TextField
      label={label}
      name={`address.${key}`}
      value={values.address[key]}
      onChange={(e) => setAddress(key, e.target.value)}
      error={errors[`address.${key}`]}
      {...extra}
    />
  );

  return (
    <Dialog open={open} title={title} onClose={close}>
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
        {addressField('line1', 'Address line 1', { autoComplete: 'address-line1' })}
        {addressField('line2', 'Address line 2', { autoComplete: 'address-line2' })}
        <div className="app-form-grid">
          {addressField('city', 'City', { autoComplete: 'address-level2' })}
          {addressField('region', 'State / Region', { autoComplete: 'address-level1' })}
          {addressField('postalCode', 'Postal code', { autoComplete: 'postal-code' })}
          {addressField('country', 'Country (2 letters)', { autoComplete: 'country' })}
        </div>
        <TextField
          label="Phone"
          name="phone"
          type="tel"
          value={values.phone}
          onChange={(e) => setValues((v) => ({ ...v, phone: e.target.value }))}
          error={errors.phone}
        />
        <div className="app-form-actions">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" loading={mutation.isPending}>
            {editing ? 'Save' : 'Create organization'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
