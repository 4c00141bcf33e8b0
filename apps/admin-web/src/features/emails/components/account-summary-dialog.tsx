import { isApiError } from '@settle/api-client';
import { Button, Dialog, EmptyState, ErrorState, Spinner } from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import { useContacts } from '@/api/contacts/get-contacts';
import { Form, FormCheckboxGroupField, SubmitButton } from '@/components/form';
import { paths } from '@/config/paths';
import { useProblemForm } from '@/lib/forms/use-problem-form';
import { newIdempotencyKey } from '@/lib/idempotency-key';

import { accountSummaryInputSchema, useSendAccountSummary } from '../api/send-account-summary';
import type { ContactDto, EmailSummaryDto } from '../api/types';

import { EmailStatusBadge, recipientsText } from './email-words';

/**
 * Send Account Summary (seed 002): the statement of the organization, one email per chosen
 * contact; the organization's default notification contacts are chosen to begin with. Once sent,
 * it says who each email went to, or why one was not sent.
 */
export function AccountSummaryDialog({
  organizationId,
  organizationName,
  onClose,
}: {
  organizationId: string;
  organizationName: string;
  onClose: () => void;
}) {
  const contacts = useContacts({
    organizationId,
    params: { page: 1, pageSize: 200, sort: 'name' },
  });
  const [sent, setSent] = useState<EmailSummaryDto[] | null>(null);
  return (
    <Dialog open title="Send account summary" onClose={onClose}>
      {sent ? (
        <SummaryResult emails={sent} organizationId={organizationId} onClose={onClose} />
      ) : contacts.isPending ? (
        <Spinner label="Loading contacts" />
      ) : contacts.isError ? (
        <ErrorState
          message={
            isApiError(contacts.error) ? contacts.error.detail : 'Could not load the contacts.'
          }
          action={<Button onClick={onClose}>Close</Button>}
        />
      ) : contacts.data.data.length === 0 ? (
        <EmptyState
          bare
          title="No contacts yet"
          text="Add a contact to this organization to send it the account summary."
          action={<Button onClick={onClose}>Close</Button>}
        />
      ) : (
        <ChooseContacts
          organizationId={organizationId}
          organizationName={organizationName}
          contacts={contacts.data.data}
          onSent={setSent}
          onClose={onClose}
        />
      )}
    </Dialog>
  );
}

function ChooseContacts({
  organizationId,
  organizationName,
  contacts,
  onSent,
  onClose,
}: {
  organizationId: string;
  organizationName: string;
  contacts: ContactDto[];
  onSent: (emails: EmailSummaryDto[]) => void;
  onClose: () => void;
}) {
  // one key per dialog: a retried send replays the first instead of sending twice
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useProblemForm({
    schema: accountSummaryInputSchema,
    defaultValues: {
      contactIds: contacts.filter((c) => c.isDefaultNotification).map((c) => c.id),
    },
    fieldFor: (field) => (field.startsWith('contactIds') ? 'contactIds' : null),
  });
  const send = useSendAccountSummary({ mutationConfig: { onSuccess: (r) => onSent(r.emails) } });
  const chosen = form.watch('contactIds').length;
  return (
    <Form
      form={form}
      onSubmit={({ contactIds }) =>
        send.mutateAsync({ organizationId, contactIds, idempotencyKey })
      }
      aria-label="Send account summary"
    >
      <p>
        The account summary of <strong>{organizationName}</strong>, its statement attached, goes to
        each contact checked here. The default notification contacts are checked to begin with.
      </p>
      <FormCheckboxGroupField
        control={form.control}
        name="contactIds"
        legend="Send to"
        options={contacts.map((c) => ({
          value: c.id,
          label: `${c.name} <${c.email}>${c.isDefaultNotification ? ' · default' : ''}`,
        }))}
      />
      <div className="app-form-actions">
        <Button onClick={onClose} disabled={form.formState.isSubmitting}>
          Cancel
        </Button>
        <SubmitButton disabled={chosen === 0}>
          {chosen === 1 ? 'Send to 1 contact' : `Send to ${chosen} contacts`}
        </SubmitButton>
      </div>
    </Form>
  );
}

function SummaryResult({
  emails,
  organizationId,
  onClose,
}: {
  emails: EmailSummaryDto[];
  organizationId: string;
  onClose: () => void;
}) {
  return (
    <div role="status">
      <p>
        {emails.some((e) => e.status === 'queued' || e.status === 'sent')
          ? 'The account summary is queued for delivery:'
          : 'The account summary was not sent:'}
      </p>
      <ul className="app-plain-list" aria-label="Account summary recipients">
        {emails.map((e) => (
          <li key={e.id}>
            <Link to={paths.app.email.getHref(e.id)}>{recipientsText(e.to)}</Link>{' '}
            <EmailStatusBadge status={e.status} />
            {e.lastError && <div className="ui-muted app-note-text">{e.lastError}</div>}
          </li>
        ))}
      </ul>
      <div className="app-form-actions">
        <Link
          className="ui-button ui-button--secondary"
          to={paths.app.emails.getHref({ organizationId })}
        >
          View Email History
        </Link>
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}
