import { Card, Spinner } from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import { Form, FormTextField, SubmitButton } from '@/components/form';
import { paths } from '@/config/paths';
import { useProblemForm } from '@/lib/forms/use-problem-form';
import { newIdempotencyKey } from '@/lib/idempotency-key';
import { useMsp } from '@/lib/msp-context';

import { useTestEmail } from '../api/get-test-email';
import { testEmailInputSchema, useSendTestEmail } from '../api/send-test-email';

/**
 * Send test email (to the signed-in user by default), then follow it: queued, then what the
 * mail server answered, or the error that stopped it.
 */
export function TestEmail() {
  const { user } = useMsp();
  const [sent, setSent] = useState<{ id: string; at: number } | null>(null);
  const form = useProblemForm({
    schema: testEmailInputSchema,
    defaultValues: { to: user.kind === 'user' ? user.email : '' },
  });
  const send = useSendTestEmail({
    mutationConfig: { onSuccess: ({ email }) => setSent({ id: email.id, at: Date.now() }) },
  });
  return (
    <Card title="Send a test email">
      <Form
        form={form}
        onSubmit={({ to }) => send.mutateAsync({ to, idempotencyKey: newIdempotencyKey() })}
        aria-label="Send a test email"
        className="app-test-email"
      >
        <FormTextField
          control={form.control}
          name="to"
          label="Send to"
          type="email"
          hint="Goes through the saved settings: save changes first."
        />
        <SubmitButton>Send test email</SubmitButton>
      </Form>
      {sent && <TestEmailResult id={sent.id} startedAt={sent.at} />}
    </Card>
  );
}

function TestEmailResult({ id, startedAt }: { id: string; startedAt: number }) {
  const email = useTestEmail({ id, startedAt });
  const e = email.data;
  const link = <Link to={paths.app.email.getHref(id)}>Open the email</Link>;
  if (!e) {
    return (
      <p className="app-note-text" role="status">
        <Spinner size="sm" /> Test email queued.
      </p>
    );
  }
  if (e.status === 'sent') {
    return (
      <div className="ui-alert ui-alert--info" role="status">
        Test email sent to {e.to.join(', ')}.
        {e.smtpResponse ? ` The server answered: ${e.smtpResponse}.` : ''} {link}
      </div>
    );
  }
  if (e.status === 'failed' || e.status === 'skipped') {
    return (
      <div className="ui-alert ui-alert--error" role="alert">
        The test email was not sent: {e.lastError ?? 'no reason was recorded'}. {link}
      </div>
    );
  }
  return (
    <p className="app-note-text" role="status">
      Test email queued for {e.to.join(', ')}: waiting for the mail server. {link}
    </p>
  );
}
