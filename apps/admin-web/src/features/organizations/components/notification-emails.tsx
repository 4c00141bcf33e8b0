import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  CheckboxField,
  Dialog,
  EmptyState,
  ErrorState,
  Skeleton,
  Spinner,
  useToast,
} from '@settle/ui';
import { useState } from 'react';

import { useContacts } from '@/api/contacts/get-contacts';
import { useMsp } from '@/lib/msp-context';

import { useNotificationEmails } from '../api/get-notification-emails';
import { useUpdateNotificationEmails } from '../api/update-notification-emails';

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
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(selected));
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

  const toggle = (id: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <Dialog
      open
      title="Default notification emails"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            loading={save.isPending}
            disabled={!contacts.isSuccess}
            onClick={() => save.mutate({ organizationId, contactIds: [...chosen] })}
          >
            Save
          </Button>
        </>
      }
    >
      {save.error && (
        <div className="ui-alert ui-alert--error" role="alert">
          {isApiError(save.error) ? save.error.detail : 'Could not save the emails.'}
        </div>
      )}
      <p className="ui-muted">
        Automated emails to this organization go to the contacts checked here.
      </p>
      {contacts.isPending ? (
        <Spinner label="Loading contacts" />
      ) : contacts.isError ? (
        <ErrorState message="Could not load the contacts." />
      ) : contacts.data.data.length === 0 ? (
        <EmptyState bare title="No contacts yet" text="Add a contact to this organization first." />
      ) : (
        <fieldset className="app-fieldset">
          <legend className="ui-visually-hidden">Contacts</legend>
          {contacts.data.data.map((c) => (
            <CheckboxField
              key={c.id}
              label={`${c.name} <${c.email}>`}
              checked={chosen.has(c.id)}
              onChange={(e) => toggle(c.id, e.target.checked)}
            />
          ))}
        </fieldset>
      )}
    </Dialog>
  );
}
