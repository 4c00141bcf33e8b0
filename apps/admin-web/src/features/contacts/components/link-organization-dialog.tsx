import { fieldErrors, isApiError } from '@settle/api-client';
import { Button, Dialog, SelectField, Spinner, useToast } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import type { AccessProfileResponseDto } from '@/api/access-profiles/types';
import { useOrganizations } from '@/api/organizations/get-organizations';
import { SearchInput } from '@/components/search-input';

import { useLinkContactOrganization } from '../api/link-contact-organization';
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
  const [organizationId, setOrganizationId] = useState('');
  const [accessProfileId, setAccessProfileId] = useState('');
  const [clientError, setClientError] = useState<string>();
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
  const serverErrors = fieldErrors(link.error);
  const formError =
    link.error && !Object.keys(serverErrors).length
      ? isApiError(link.error)
        ? link.error.detail
        : 'Could not link the contact.'
      : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!organizationId) {
      setClientError('Choose an organization');
      return;
    }
    setClientError(undefined);
    link.mutate({
      contactId: contact.id,
      organizationId,
      accessProfileId: accessProfileId || null,
    });
  };

  const title = `Add ${contact.name} to another organization`;
  return (
    <Dialog open title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate aria-label="Add to organization">
        {formError && (
          <div className="ui-alert ui-alert--error" role="alert">
            {formError}
          </div>
        )}
        <div className="app-toolbar">
          <SearchInput label="Find organization" value={q} onSearch={setQ} />
          {organizations.isFetching && <Spinner size="sm" label="Searching" />}
        </div>
        <SelectField
          label="Organization"
          value={organizationId}
          options={[
            { value: '', label: candidates.length ? 'Choose…' : 'No matching organization' },
            ...candidates.map((o) => ({ value: o.id, label: o.name })),
          ]}
          onChange={(e) => setOrganizationId(e.target.value)}
          error={clientError ?? serverErrors.organizationId}
        />
        <SelectField
          label="Access profile there"
          value={accessProfileId}
          options={[
            { value: '', label: 'No portal access yet' },
            ...profiles.map((p) => ({ value: p.id, label: p.name })),
          ]}
          onChange={(e) => setAccessProfileId(e.target.value)}
          error={serverErrors.accessProfileId}
        />
        <div className="app-form-actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={link.isPending}>
            Add to organization
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
