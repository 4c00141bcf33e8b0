import { Button, Dialog, Spinner, useToast } from '@settle/ui';
import { useState } from 'react';

import type { AccessProfileResponseDto } from '@/api/access-profiles/types';
import { useOrganizations } from '@/api/organizations/get-organizations';
import { Form, FormSelectField, SubmitButton } from '@/components/form';
import { SearchInput } from '@/components/search-input';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import {
  linkContactInputSchema,
  useLinkContactOrganization,
} from '../api/link-contact-organization';
import type { ContactResponseDto } from '../api/types';

/** Relates a contact to another organization, with an access profile there. */
export function LinkOrganizationDialog({
  contact,
  profiles,
  onClose,
}: {
  contact: ContactResponseDto;
  profiles: AccessProfileResponseDto[];
  onClose: () => void;
}) {
  const toast = useToast();
  const [q, setQ] = useState('');
  const form = useProblemForm({
    schema: linkContactInputSchema,
    defaultValues: { organizationId: '', accessProfileId: '' },
  });
  const organizations = useOrganizations({
    params: { page: 1, pageSize: 20, sort: 'name', status: 'all', q: q || undefined },
  });
  const already = new Set(contact.organizations.map((o) => o.organizationId));
  const candidates = (organizations.data?.data ?? []).filter((o) => !already.has(o.id));

  const link = useLinkContactOrganization({
    mutationConfig: {
      onSuccess: () => {
        toast.show({ title: 'Contact linked', message: `${contact.name} was added.` });
        onClose();
      },
    },
  });

  const title = `Add ${contact.name} to another organization`;
  return (
    <Dialog open title={title} onClose={onClose}>
      {/* the search is its own (search) form, so it sits outside the dialog's form */}
      <div className="app-toolbar">
        <SearchInput label="Find organization" value={q} onSearch={setQ} />
        {organizations.isFetching && <Spinner size="sm" label="Searching" />}
      </div>
      <Form
        form={form}
        onSubmit={(values) => link.mutateAsync({ contactId: contact.id, ...values })}
        aria-label="Add to organization"
      >
        <FormSelectField
          control={form.control}
          name="organizationId"
          label="Organization"
          options={[
            { value: '', label: candidates.length ? 'Choose…' : 'No matching organization' },
            ...candidates.map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <FormSelectField
          control={form.control}
          name="accessProfileId"
          label="Access profile there"
          options={[
            { value: '', label: 'No portal access yet' },
            ...profiles.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <div className="app-form-actions">
          <Button onClick={onClose}>Cancel</Button>
          <SubmitButton>Add to organization</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
