import { Button, Dialog, useToast } from '@settle/ui';

import { Form, FormTextField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

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
  const title = organization ? 'Edit organization' : 'New organization';
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      {/* mounted per opening: the form starts from the organization as it is now */}
      {open && (
        <OrganizationForm
          key={organization?.id}
          title={title}
          organization={organization}
          onClose={onClose}
          onCreated={onCreated}
        />
      )}
    </Dialog>
  );
}

function OrganizationForm({
  title,
  organization,
  onClose,
  onCreated,
}: {
  title: string;
  organization?: OrganizationResponseDto;
  onClose: () => void;
  onCreated?: (org: OrganizationResponseDto) => void;
}) {
  const toast = useToast();
  const form = useProblemForm({
    schema: organizationInputSchema,
    defaultValues: organization ? fromOrganization(organization) : EMPTY,
  });
  const create = useCreateOrganization({
    mutationConfig: {
      onSuccess: (org) => {
        toast.show({ title: 'Organization added', message: `${org.name} was created.` });
        onClose();
        onCreated?.(org);
      },
    },
  });
  const update = useUpdateOrganization({
    mutationConfig: {
      onSuccess: (org) => {
        toast.show({ title: 'Organization saved', message: `${org.name} was updated.` });
        onClose();
      },
    },
  });

  return (
    <Form
      form={form}
      onSubmit={(values) =>
        organization
          ? update.mutateAsync({ id: organization.id, data: values })
          : create.mutateAsync(values)
      }
      aria-label={title}
    >
      <FormTextField control={form.control} name="name" label="Name" />
      <FormTextField
        control={form.control}
        name="address.line1"
        label="Address line 1"
        autoComplete="address-line1"
      />
      <FormTextField
        control={form.control}
        name="address.line2"
        label="Address line 2"
        autoComplete="address-line2"
      />
      <div className="app-form-grid">
        <FormTextField
          control={form.control}
          name="address.city"
          label="City"
          autoComplete="address-level2"
        />
        <FormTextField
          control={form.control}
          name="address.region"
          label="State / Region"
          autoComplete="address-level1"
        />
        <FormTextField
          control={form.control}
          name="address.postalCode"
          label="Postal code"
          autoComplete="postal-code"
        />
        <FormTextField
          control={form.control}
          name="address.country"
          label="Country (2 letters)"
          autoComplete="country"
        />
      </div>
      <FormTextField control={form.control} name="phone" label="Phone" type="tel" />
      <div className="app-form-actions">
        <Button onClick={onClose}>Cancel</Button>
        <SubmitButton>{organization ? 'Save' : 'Create organization'}</SubmitButton>
      </div>
    </Form>
  );
}
