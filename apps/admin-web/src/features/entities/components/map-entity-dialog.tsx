import { Button, Dialog, Spinner, useToast } from '@settle/ui';
import { useState } from 'react';

import { useOrganizations } from '@/api/organizations/get-organizations';
import { Form, FormSelectField, SubmitButton } from '@/components/form';
import { SearchInput } from '@/components/search-input';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import { mapEntityInputSchema, useMapEntity, type Entity } from '@/api/entities/entities';

/** Says which organization a company is: its chip, contacts and invoices move there. */
export function MapEntityDialog({ entity, onClose }: { entity: Entity; onClose: () => void }) {
  const toast = useToast();
  const [q, setQ] = useState('');
  const form = useProblemForm({
    schema: mapEntityInputSchema,
    defaultValues: { organizationId: '' },
  });
  const organizations = useOrganizations({
    params: { page: 1, pageSize: 20, sort: 'name', status: 'all', q: q || undefined },
  });
  const candidates = (organizations.data?.data ?? []).filter((o) => o.id !== entity.organizationId);
  const map = useMapEntity({
    mutationConfig: {
      onSuccess: (mapped) => {
        toast.show({
          title: 'Company mapped',
          message: `${mapped.name} is now ${mapped.organizationName ?? 'that organization'}; its contacts and invoices moved with it.`,
        });
        onClose();
      },
    },
  });

  const title = `Map ${entity.name} to an organization`;
  return (
    <Dialog open title={title} onClose={onClose}>
      {/* the search is its own (search) form, so it sits outside the dialog's form */}
      <div className="app-toolbar">
        <SearchInput label="Find organization" value={q} onSearch={setQ} />
        {organizations.isFetching && <Spinner size="sm" label="Searching" />}
      </div>
      <Form
        form={form}
        aria-label="Map to organization"
        onSubmit={(values) => map.mutateAsync({ id: entity.id, ...values })}
      >
        <FormSelectField
          control={form.control}
          name="organizationId"
          label="Organization"
          hint={
            entity.organizationName
              ? `Now: ${entity.organizationName}. The next syncs keep the one you choose.`
              : 'The next syncs keep the one you choose.'
          }
          options={[
            {
              value: '',
              label: organizations.isError
                ? 'Could not load organizations'
                : candidates.length
                  ? 'Choose…'
                  : 'No matching organization',
            },
            ...candidates.map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <div className="app-form-actions">
          <Button onClick={onClose}>Cancel</Button>
          <SubmitButton>Map</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
