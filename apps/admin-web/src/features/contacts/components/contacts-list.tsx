import { isApiError } from '@settle/api-client';
import { Button, Card, EmptyState, ErrorState, Pager, SelectField, Spinner } from '@settle/ui';
import { useState, type ReactNode } from 'react';

import { useAccessProfiles } from '@/api/access-profiles/get-access-profiles';
import { useContacts } from '@/api/contacts/get-contacts';
import type { ContactSort, ContactsListParams } from '@/api/contacts/keys';
import { SearchInput } from '@/components/search-input';
import { useMsp } from '@/lib/msp-context';

import type { ContactResponseDto } from '../api/types';

import { AddContactDialog } from './add-contact-dialog';
import { ContactRow } from './contact-row';

const SORT_OPTIONS: { value: ContactSort; label: string }[] = [
  { value: 'name', label: 'Name' },
  { value: 'email', label: 'Email' },
  { value: '-lastLoginAt', label: 'Last login' },
];

/**
 * An organization's contacts (seed 003). The route may add actions on the whole list
 * (`actions`, e.g. the mass welcome) and on each contact (`contactActions`, the Email menu).
 */
export function ContactsList({
  organizationId,
  actions,
  contactActions,
}: {
  organizationId: string;
  actions?: ReactNode;
  contactActions?: (contact: ContactResponseDto) => ReactNode;
}) {
  const { timeZone, user } = useMsp();
  const readOnly = user.role === 'viewer';
  const [params, setParams] = useState<ContactsListParams>({ page: 1, pageSize: 25, sort: 'name' });
  const [adding, setAdding] = useState(false);
  const contacts = useContacts({ organizationId, params });
  const profiles = useAccessProfiles();
  const profileList = profiles.data?.data ?? [];

  return (
    <Card
      title="Contacts"
      actions={
        !readOnly && (
          <>
            {actions}
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add contact
            </Button>
          </>
        )
      }
    >
      <div className="app-toolbar">
        <SearchInput
          label="Find contact"
          value={params.q ?? ''}
          onSearch={(q) => setParams((p) => ({ ...p, q: q || undefined, page: 1 }))}
        />
        <SelectField
          label="Sort by"
          className="app-inline-field"
          value={params.sort}
          options={SORT_OPTIONS}
          onChange={(e) =>
            setParams((p) => ({ ...p, sort: e.target.value as ContactSort, page: 1 }))
          }
        />
      </div>
      {contacts.isPending ? (
        <Spinner label="Loading contacts" />
      ) : contacts.isError ? (
        <ErrorState
          message={isApiError(contacts.error) ? contacts.error.detail : 'Could not load contacts.'}
          requestId={isApiError(contacts.error) ? contacts.error.requestId : null}
        />
      ) : contacts.data.data.length === 0 ? (
        <EmptyState
          bare
          title={params.q ? 'No matching contacts' : 'No contacts yet'}
          text={
            params.q
              ? `No contact matches “${params.q}”.`
              : 'Contacts come from your PSA, or add one to give them portal access.'
          }
        />
      ) : (
        <>
          <ul
            className="app-contacts"
            aria-label="Contacts"
            aria-busy={contacts.isPlaceholderData || undefined}
          >
            {contacts.data.data.map((c) => (
              <ContactRow
                key={`${c.id}:${c.accessProfileId ?? ''}:${c.isDefaultNotification}`}
                contact={c}
                organizationId={organizationId}
                profiles={profileList}
                timeZone={timeZone}
                readOnly={readOnly}
                actions={contactActions?.(c)}
              />
            ))}
          </ul>
          <Pager
            page={params.page}
            pageSize={params.pageSize}
            total={contacts.data.total}
            onPageChange={(page) => setParams((p) => ({ ...p, page }))}
            onPageSizeChange={(pageSize) => setParams((p) => ({ ...p, pageSize, page: 1 }))}
          />
        </>
      )}
      {adding && (
        <AddContactDialog
          organizationId={organizationId}
          profiles={profileList}
          onClose={() => setAdding(false)}
        />
      )}
    </Card>
  );
}
