import { Spinner } from '@settle/ui';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';

import { paths } from '@/config/paths';

import { useEmails } from '../api/get-emails';
import type { EmailSummaryDto, EmailType } from '../api/types';

import { EMAIL_TYPE_LABELS, recipientsText } from './email-words';

/** How long the pay confirmation waits for the payment's emails to be written and sent. */
const WATCH_MS = 10_000;
const EVERY_MS = 1_000;

const NOUNS: Partial<Record<EmailType, string>> = {
  payment_receipt: 'Receipt',
  payment_scheduled: 'Scheduling confirmation',
  payment_failed: 'Notice of the failed payment',
};

function sentence(e: EmailSummaryDto): string {
  const what = NOUNS[e.type] ?? EMAIL_TYPE_LABELS[e.type] ?? 'Email';
  const to = recipientsText(e.to);
  switch (e.status) {
    case 'sent':
      return `${what} sent to ${to}`;
    case 'queued':
      return `${what} queued for ${to}`;
    case 'failed':
      return `${what} to ${to} failed: ${e.lastError ?? 'the mail server refused it'}`;
    case 'skipped':
      return e.to.length
        ? `${what} not sent to ${to}: ${e.lastError ?? 'no reason recorded'}`
        : `${what} not sent: ${e.lastError ?? 'no reason recorded'}`;
  }
}

/**
 * Pay flow, confirmation: the customer-facing emails the payment led to, as they are written and
 * sent (they follow the payment by a moment). Watched briefly; it only ever names emails that
 * exist, with their real state.
 */
export function PaymentEmailsStatus({
  paymentId,
  expecting = 'receipt email',
}: {
  paymentId: string;
  /** What the customer is told by email about this payment ("receipt email"). */
  expecting?: string;
}) {
  const [startedAt] = useState(Date.now);
  const [watching, setWatching] = useState(true);
  useEffect(() => {
    const t = setTimeout(() => setWatching(false), WATCH_MS);
    return () => clearTimeout(t);
  }, []);
  const emails = useEmails({
    params: { paymentId, page: 1, pageSize: 50, sort: 'createdAt' },
    queryConfig: {
      refetchInterval: (query) => {
        const rows = customerEmails(query.state.data?.data);
        const settled = rows.length > 0 && rows.every((e) => e.status !== 'queued');
        return settled || Date.now() - startedAt > WATCH_MS ? false : EVERY_MS;
      },
    },
  });
  const rows = customerEmails(emails.data?.data);
  const stillQueued = rows.some((e) => e.status === 'queued');

  if (rows.length === 0) {
    return (
      <p className="ui-muted app-note-text" role="status">
        {watching && !emails.isError ? (
          <>
            <Spinner size="sm" /> Checking for the {expecting}…
          </>
        ) : (
          <>
            No {expecting} has been recorded yet. The{' '}
            <Link to={paths.app.payment.getHref(paymentId)}>payment's page</Link> lists its emails
            once they are written.
          </>
        )}
      </p>
    );
  }
  return (
    <div role="status">
      <ul className="app-plain-list" aria-label="Emails about this payment">
        {rows.map((e) => (
          <li
            key={e.id}
            className={
              e.status === 'failed' || e.status === 'skipped' ? 'app-text-danger' : undefined
            }
          >
            <Link to={paths.app.email.getHref(e.id)}>{sentence(e)}</Link>
            {e.status === 'queued' && watching && stillQueued && (
              <>
                {' '}
                <Spinner size="sm" />
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Staff notifications about the payment are not the customer's receipt. */
function customerEmails(rows: readonly EmailSummaryDto[] | undefined): EmailSummaryDto[] {
  return (rows ?? []).filter((e) => e.category !== 'staff');
}
