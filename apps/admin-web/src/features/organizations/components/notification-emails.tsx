import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  Dialog,
  EmptyState,
  ErrorState,
  Skeleton,
  Spinner,
  useToast,
} from '@settle/ui';
import { useState } from 'react';

import { useContacts } from '@/api/contacts/get-contacts';
import { Form, FormCheckboxGroupField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';
import { useMsp } from '@/lib/msp-context';

import { useNotificationEmails } from '../api/get-notification-emails';
import {
  notificationEmailsInputSchema,
  useUpdateNotificationEmails,
} from '../api/update-notification-emails';

export function NotificationEmails({ organizationId }: { organizationId: string }) {
  const { user } = useMsp();
  const [editing, setEditing] = useState(false);
  const emails = useNotificationEmails({ id: organizationId });
  return (
    <Card
      title="Default Notification Emails"
      actions={
        user.role !== 'viewer' && (
          <Button size="sm" onClick={() => setEditing(true)} disabled={!emails.isSuccess}>
            Edit
          </Button>
        )
      }
    >
      {emails.isPending ? (
        <Skeleton width="40%" />
      ) : emails.isError ? (
        <ErrorState
          message={isApiError(emails.error) ? emails.error.detail : 'Could not load the emails.'}
        />
      ) : emails.data.data.length === 0 ? (
        <EmptyState
          bare
          title="No default notification emails"
          text="Automated emails (statements, receipts, reminders) go to the contacts chosen here."
        />
      ) : (
        <ul className="app-plain-list" aria-label="Default notification emails">
          {emails.data.data.map((e) => (
            <li key={e.contactId}>
              <a href={`mailto:${e.email}`}>{e.email}</a> <span className="ui-muted">{e.name}</span>
            </li>
          ))}
        </ul>
      )}
      {editing && emails.data && (
        <EditNotificationEmailsDialog
          organizationId={organizationId}
          selected={emails.data.data.map((e) => e.contactId)}
          onClose={() => setEditing(false)}
        />
      )}
    </Card>
  );
}

function EditNotificationEmailsDialog({
  organizationId,
  selected,
  onClose,
}: {
  organizationId: string;
  selected: string[];
  onClose: () => void;
}) {
  const toast = useToast();
  const form = useProblemForm({
    schema: notificationEmailsInputSchema,
    defaultValues: { contactIds: selected },
    // the API names the list's entries (contactIds.2): show them on the list
    fieldFor: (field) => (field.startsWith('contactIds') ? 'contactIds' : null),
  });
  const contacts = useContacts({
    organizationId,
    params: { page: 1, pageSize: 200, sort: 'name' },
  });
  const save = useUpdateNotificationEmails({
    mutationConfig: {
      onSuccess: () => {
        toast.show({ title: 'Notification emails saved' });
        onClose();
      },
    },
  });

  return (
    <Dialog open title="Default notification emails" onClose={onClose}>
      <Form
        form={form}
        onSubmit={({ contactIds }) => save.mutateAsync({ organizationId, contactIds })}
        aria-label="Default notification emails"
      >
        <p className="ui-muted">
          Automated emails to this organization go to the contacts checked here.
        </p>
        {contacts.isPending ? (
          <Spinner label="Loading contacts" />
        ) : contacts.isError ? (
          <ErrorState message="Could not load the contacts." />
        ) : contacts.data.data.length === 0 ? (
          <EmptyState
            bare
            title="No contacts yet"
            text="Add a contact to this organization first."
          />
        ) : (
          <FormCheckboxGroupField
            control={form.control}
            name="contactIds"
            legend="Contacts"
            hideLegend
            options={contacts.data.data.map((c) => ({
              value: c.id,
              label: `${c.name} <${c.email}>`,
            }))}
          />
        )}
        <div className="app-form-actions">
          <Button onClick={onClose}>Cancel</Button>
          <SubmitButton disabled={!contacts.isSuccess}>Save</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
