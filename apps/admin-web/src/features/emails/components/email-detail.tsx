import { isApiError } from '@settle/api-client';
import { Button, Card, EmptyState, ErrorState, LoadingState, formatDateTime } from '@settle/ui';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';

import { useOrganization } from '@/api/organizations/get-organization';
import { EmailPreview } from '@/components/email-preview';
import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { emailAttachmentHref, emailHtmlHref, useEmail } from '../api/get-email';
import type { EmailDto } from '../api/types';

import { EmailEvents } from './email-events';
import { EMAIL_TYPE_LABELS, EmailStatusBadge, recipientsText } from './email-words';
import type { EmailLinkState } from './emails-table';
import { ResendEmailDialog } from './resend-email-dialog';

/** The list the email was opened from, when it is one of this app's pages. */
function backTarget(state: unknown): string {
  const from = (state as Partial<EmailLinkState> | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//')
    ? from
    : paths.app.emails.getHref();
}

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** One email: what it said, to whom, its attachments and its trail; staff can resend it. */
export function EmailDetail({ id }: { id: string }) {
  // a queued email is followed until the mail server answers (while the page is in view)
  const email = useEmail({
    id,
    queryConfig: {
      refetchInterval: (query) => (query.state.data?.status === 'queued' ? 5000 : false),
    },
  });
  const { state } = useLocation();
  const back = (
    <Link to={backTarget(state)} className="app-back-link">
      ‹ Back to emails
    </Link>
  );

  if (email.isPending) return <LoadingState label="Loading email…" />;
  if (email.isError) {
    const notFound = isApiError(email.error) && email.error.status === 404;
    return (
      <>
        {back}
        {notFound ? (
          <EmptyState
            title="Email not found"
            text="The link may be wrong."
            action={<Link to={paths.app.emails.getHref()}>All emails</Link>}
          />
        ) : (
          <ErrorState
            message={isApiError(email.error) ? email.error.detail : 'Could not load the email.'}
            requestId={isApiError(email.error) ? email.error.requestId : null}
            action={<Button onClick={() => void email.refetch()}>Try again</Button>}
          />
        )}
      </>
    );
  }
  return (
    <>
      {back}
      <EmailView email={email.data} />
    </>
  );
}

function EmailView({ email: e }: { email: EmailDto }) {
  const { timeZone, user } = useMsp();
  const [resending, setResending] = useState(false);
  const organization = useOrganization({
    id: e.organizationId ?? '',
    queryConfig: { enabled: !!e.organizationId },
  });
  const canResend = user.role !== 'viewer' && e.to.length > 0;

  return (
    <>
      <div className="ui-page-header app-org-header">
        <div>
          <h1 className="app-email-subject">
            {e.subject || '(no subject)'} <EmailStatusBadge status={e.status} />
          </h1>
          <p className="ui-muted app-org-header__parent">
            {EMAIL_TYPE_LABELS[e.type] ?? e.type} to {recipientsText(e.to)}
          </p>
        </div>
        {canResend && (
          <div className="ui-page-header__actions">
            <Button size="sm" onClick={() => setResending(true)}>
              Resend
            </Button>
          </div>
        )}
      </div>

      {e.status === 'failed' && (
        <div className="ui-alert ui-alert--error" role="alert">
          Not delivered: {e.lastError ?? 'the mail server refused it.'}
        </div>
      )}
      {e.status === 'skipped' && (
        <div className="ui-alert ui-alert--warning" role="status">
          Not sent: {e.lastError ?? 'no reason was recorded.'}
        </div>
      )}
      {e.status === 'queued' && (
        <div className="ui-alert ui-alert--info" role="status">
          Waiting to be sent
          {e.attempts > 0
            ? ` (${e.attempts === 1 ? '1 attempt' : `${e.attempts} attempts`} so far)`
            : ''}
          .
        </div>
      )}

      <div className="app-stack">
        <Card title="Email">
          <dl className="app-details">
            <div>
              <dt>To</dt>
              <dd className="app-email-recipients">{recipientsText(e.to)}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatDateTime(e.createdAt, timeZone)}</dd>
            </div>
            <div>
              <dt>Sent</dt>
              <dd>{e.sentAt ? formatDateTime(e.sentAt, timeZone) : '—'}</dd>
            </div>
            {e.organizationId && (
              <div>
                <dt>Organization</dt>
                <dd>
                  <Link to={paths.app.organization.getHref(e.organizationId)}>
                    {organization.data?.name ?? 'Organization'}
                  </Link>
                </dd>
              </div>
            )}
            {e.invoiceId && (
              <div>
                <dt>Invoice</dt>
                <dd>
                  <Link to={paths.app.invoice.getHref(e.invoiceId)}>View invoice</Link>
                </dd>
              </div>
            )}
            {e.paymentId && (
              <div>
                <dt>Payment</dt>
                <dd>
                  <Link to={paths.app.payment.getHref(e.paymentId)}>View payment</Link>
                </dd>
              </div>
            )}
            {e.resentFromId && (
              <div>
                <dt>Resend of</dt>
                <dd>
                  <Link to={paths.app.email.getHref(e.resentFromId)}>The earlier email</Link>
                </dd>
              </div>
            )}
            <div>
              <dt>Delivery attempts</dt>
              <dd>{e.attempts}</dd>
            </div>
            {e.smtpResponse && (
              <div>
                <dt>Server's answer</dt>
                <dd className="app-email-code">{e.smtpResponse}</dd>
              </div>
            )}
            {e.messageId && (
              <div>
                <dt>Message-ID</dt>
                <dd className="app-email-code">{e.messageId}</dd>
              </div>
            )}
          </dl>
        </Card>

        <Card title="Events">
          {e.events.length ? (
            <EmailEvents events={e.events} timeZone={timeZone} />
          ) : (
            <EmptyState bare title="No events recorded" />
          )}
        </Card>

        <Card title="Content">
          <EmailPreview htmlSrc={emailHtmlHref(e.id)} text={e.text} label="Email content" />
          <h3 className="app-subheading">Attachments</h3>
          {e.attachments.length ? (
            <ul className="app-plain-list" aria-label="Attachments">
              {e.attachments.map((a) => (
                <li key={a.index}>
                  <a href={emailAttachmentHref(e.id, a.index)} download={a.filename}>
                    {a.filename}
                  </a>{' '}
                  <span className="ui-muted">{fileSize(a.size)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="ui-muted app-note-text">No attachments.</p>
          )}
        </Card>
      </div>
      {resending && <ResendEmailDialog email={e} onClose={() => setResending(false)} />}
    </>
  );
}
