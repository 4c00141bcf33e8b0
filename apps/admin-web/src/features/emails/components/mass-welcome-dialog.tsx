import { isApiError } from '@settle/api-client';
import { Button, Dialog, ErrorState, Spinner } from '@settle/ui';
import { useRef, useState } from 'react';

import { useAccessProfiles } from '@/api/access-profiles/get-access-profiles';
import { Form, FormSelectField, SubmitButton } from '@/components/form';
import { CONNECTION_ERROR, useProblemForm } from '@/lib/forms/use-problem-form';
import { newIdempotencyKey } from '@/lib/idempotency-key';
import { runPool } from '@/lib/run-pool';

import { useAllContacts } from '../api/get-all-contacts';
import { massWelcomeInputSchema, useSendAccessEmail } from '../api/send-access-email';
import type { ContactDto } from '../api/types';

/** Welcome emails in flight at once: quick for a few dozen, gentle on the API. */
const CONCURRENCY = 3;

type Failure = { contact: ContactDto; reason: string };
type Progress = { done: number; total: number; failures: Failure[]; stopped: boolean };

/** Contacts a mass welcome goes to: the profile's, who have never signed in to the portal. */
export function welcomeCandidates(contacts: readonly ContactDto[], accessProfileId: string) {
  return contacts.filter((c) => c.accessProfileId === accessProfileId && c.lastLoginAt === null);
}

/**
 * Send welcome emails (mass welcome): to the organization's contacts with the chosen access
 * profile who have never signed in. The count is shown before sending; then one welcome per
 * contact, a few at a time, with the progress and what failed.
 */
export function MassWelcomeDialog({
  organizationId,
  onClose,
}: {
  organizationId: string;
  onClose: () => void;
}) {
  const contacts = useAllContacts({ organizationId });
  const profiles = useAccessProfiles();
  const form = useProblemForm({
    schema: massWelcomeInputSchema,
    defaultValues: { accessProfileId: '' },
  });
  const [progress, setProgress] = useState<Progress | null>(null);
  const cancelled = useRef(false);
  const send = useSendAccessEmail();
  const sending = progress !== null && progress.done < progress.total && !progress.stopped;

  const chosen = form.watch('accessProfileId');
  const candidates = contacts.data && chosen ? welcomeCandidates(contacts.data, chosen) : [];
  const profileName = profiles.data?.data.find((p) => p.id === chosen)?.name;

  const close = () => {
    // closing while sending stops the welcomes not started yet
    cancelled.current = true;
    onClose();
  };

  const sendAll = async () => {
    const recipients = candidates;
    if (recipients.length === 0) {
      form.setError('accessProfileId', {
        message: 'No contact with this profile is waiting for a welcome',
      });
      return;
    }
    cancelled.current = false;
    setProgress({ done: 0, total: recipients.length, failures: [], stopped: false });
    await runPool(
      recipients,
      CONCURRENCY,
      async (contact) => {
        try {
          await send.mutateAsync({
            organizationId,
            contactId: contact.id,
            kind: 'welcome',
            idempotencyKey: newIdempotencyKey(),
          });
          setProgress((p) => p && { ...p, done: p.done + 1 });
        } catch (error) {
          const reason = isApiError(error) ? error.detail : CONNECTION_ERROR;
          setProgress(
            (p) => p && { ...p, done: p.done + 1, failures: [...p.failures, { contact, reason }] },
          );
        }
      },
      () => cancelled.current,
    );
    // stopped with some never started: say how many were left out
    setProgress((p) => (p && p.done < p.total ? { ...p, stopped: true } : p));
  };

  let body;
  if (progress) {
    body = (
      <MassWelcomeProgress
        progress={progress}
        sending={sending}
        onStop={() => {
          cancelled.current = true;
        }}
        onClose={close}
      />
    );
  } else if (contacts.isPending || profiles.isPending) {
    body = <Spinner label="Loading contacts" />;
  } else if (contacts.isError || profiles.isError) {
    const error = contacts.error ?? profiles.error;
    body = (
      <ErrorState
        message={isApiError(error) ? error.detail : 'Could not load the contacts.'}
        action={<Button onClick={close}>Close</Button>}
      />
    );
  } else {
    body = (
      <Form form={form} onSubmit={sendAll} aria-label="Send welcome emails">
        <p>
          Invites the contacts of this organization who have the chosen access profile and have
          never signed in to the portal. Each gets a welcome email with a link valid for 7 days.
        </p>
        <FormSelectField
          control={form.control}
          name="accessProfileId"
          label="Access profile"
          options={[
            { value: '', label: 'Choose a profile' },
            ...profiles.data.data.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        {chosen && (
          <p role="status" data-testid="welcome-count">
            {candidates.length === 0
              ? `No contact with ${profileName ?? 'this profile'} is waiting for a welcome: they have all signed in, or none has this profile.`
              : `${candidates.length === 1 ? '1 contact' : `${candidates.length} contacts`} with ${profileName ?? 'this profile'} ${candidates.length === 1 ? 'has' : 'have'} never signed in: ${candidates
                  .slice(0, 5)
                  .map((c) => c.name)
                  .join(
                    ', ',
                  )}${candidates.length > 5 ? ` and ${candidates.length - 5} more` : ''}.`}
          </p>
        )}
        <div className="app-form-actions">
          <Button onClick={close}>Cancel</Button>
          <SubmitButton disabled={candidates.length === 0}>
            {candidates.length === 1
              ? 'Send 1 welcome email'
              : `Send ${candidates.length} welcome emails`}
          </SubmitButton>
        </div>
      </Form>
    );
  }

  return (
    <Dialog open title="Send welcome emails" onClose={close}>
      {body}
    </Dialog>
  );
}

function MassWelcomeProgress({
  progress: { done, total, failures, stopped },
  sending,
  onStop,
  onClose,
}: {
  progress: Progress;
  sending: boolean;
  onStop: () => void;
  onClose: () => void;
}) {
  const queued = done - failures.length;
  return (
    <div>
      <progress className="app-progress" value={done} max={total} aria-label="Welcome emails sent">
        {done} of {total}
      </progress>
      <p role="status">
        {sending
          ? `Sending welcome emails: ${done} of ${total} done…`
          : `${queued === 1 ? '1 welcome email' : `${queued} welcome emails`} queued${
              failures.length ? `, ${failures.length} not sent` : ''
            }${stopped ? `; ${total - done} not sent because sending was stopped` : ''}.`}
      </p>
      {failures.length > 0 && (
        <ul className="app-plain-list" aria-label="Welcome emails not sent">
          {failures.map(({ contact, reason }) => (
            <li key={contact.id}>
              <strong>{contact.name}</strong> <span className="ui-muted">{contact.email}</span>
              <div className="app-text-danger app-note-text">{reason}</div>
            </li>
          ))}
        </ul>
      )}
      <div className="app-form-actions">
        {sending ? (
          <Button onClick={onStop}>Stop sending</Button>
        ) : (
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        )}
      </div>
    </div>
  );
}
