import { isApiError } from '@settle/api-client';
import { ConfirmDialog, useToast } from '@settle/ui';
import { useState } from 'react';
import { useNavigate } from 'react-router';

import { useOrganization } from '@/api/organizations/get-organization';
import { MenuButton } from '@/components/menu-button';
import { paths } from '@/config/paths';
import { CONNECTION_ERROR } from '@/lib/forms/use-problem-form';
import { newIdempotencyKey } from '@/lib/idempotency-key';

import { useSendAccessEmail } from '../api/send-access-email';
import { useSendAccountSummary } from '../api/send-account-summary';
import type { ContactDto, EmailSummaryDto } from '../api/types';

import { describeOutcome } from './email-words';

type Sending = { kind: 'welcome' | 'password_reset' | 'account_summary'; key: string };

const WHAT: Record<Sending['kind'], string> = {
  welcome: 'Welcome email',
  password_reset: 'Password reset email',
  account_summary: 'Account summary',
};

/**
 * A contact's Email menu (seed 003): View Email History, Send Account Summary, Send Password
 * Reset, Send Welcome Email. Each send is confirmed first, then a toast says who it went to, or
 * why it was not sent.
 */
export function ContactEmailMenu({
  contact,
  organizationId,
}: {
  contact: ContactDto;
  organizationId: string;
}) {
  const toast = useToast();
  const navigate = useNavigate();
  const organization = useOrganization({ id: organizationId });
  const orgName = organization.data?.name ?? 'this organization';
  const [sending, setSending] = useState<Sending | null>(null);
  const open = (kind: Sending['kind']) => setSending({ kind, key: newIdempotencyKey() });

  const done = (emails: EmailSummaryDto[]) => {
    if (!sending) return;
    const { title, message, variant } = describeOutcome(WHAT[sending.kind], emails);
    toast.show({ title, message, variant });
    setSending(null);
  };
  const failed = (error: unknown) => {
    if (!sending) return;
    toast.show({
      title: `${WHAT[sending.kind]} not sent`,
      message: isApiError(error) ? error.detail : CONNECTION_ERROR,
      variant: 'error',
      duration: 0,
    });
    setSending(null);
  };
  const access = useSendAccessEmail({
    mutationConfig: { onSuccess: ({ email }) => done([email]), onError: failed },
  });
  const summary = useSendAccountSummary({
    mutationConfig: { onSuccess: ({ emails }) => done(emails), onError: failed },
  });

  const confirm = () => {
    if (!sending) return;
    if (sending.kind === 'account_summary') {
      summary.mutate({ organizationId, contactIds: [contact.id], idempotencyKey: sending.key });
    } else {
      access.mutate({
        organizationId,
        contactId: contact.id,
        kind: sending.kind,
        idempotencyKey: sending.key,
      });
    }
  };

  const who = `${contact.name} <${contact.email}>`;
  const noAccess = contact.accessProfileId ? undefined : 'Give the contact an access profile first';
  const message: Record<Sending['kind'], string> = {
    welcome: `Email ${who} an invitation to the ${orgName} portal? The link in it works for 7 days.${
      contact.lastLoginAt ? ' This contact has signed in before.' : ''
    }`,
    password_reset: `Email ${who} a link to set a new portal password?`,
    account_summary: `Email the account summary of ${orgName}, its statement attached, to ${who}?`,
  };

  return (
    <>
      <MenuButton
        label="Email"
        accessibleLabel={`Email ${contact.name}`}
        items={[
          {
            label: 'View Email History',
            onSelect: () =>
              navigate(paths.app.emails.getHref({ organizationId, contactId: contact.id })),
          },
          { label: 'Send Account Summary', onSelect: () => open('account_summary') },
          {
            label: 'Send Password Reset',
            onSelect: () => open('password_reset'),
            disabled: !!noAccess,
            hint: noAccess,
          },
          {
            label: 'Send Welcome Email',
            onSelect: () => open('welcome'),
            disabled: !!noAccess,
            hint: noAccess,
          },
        ]}
      />
      <ConfirmDialog
        open={!!sending}
        title={sending ? `Send ${WHAT[sending.kind].toLowerCase()}` : ''}
        message={sending ? message[sending.kind] : ''}
        confirmLabel="Send"
        pending={access.isPending || summary.isPending}
        onConfirm={confirm}
        onCancel={() => setSending(null)}
      />
    </>
  );
}
