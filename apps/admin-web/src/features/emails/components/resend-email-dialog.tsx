import { isApiError } from '@settle/api-client';
import { Button, Dialog, formatDateTime } from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { CONNECTION_ERROR } from '@/lib/forms/use-problem-form';
import { newIdempotencyKey } from '@/lib/idempotency-key';
import { useMsp } from '@/lib/msp-context';

import { useResendEmail } from '../api/resend-email';
import type { EmailDto } from '../api/types';

import { EMAIL_TYPE_LABELS, EmailStatusBadge, recipientsText } from './email-words';

/**
 * Confirms a resend, then shows the new email it created (a new row, linked back to this one).
 * Mount it when opening: its Idempotency-Key is made then, so a retry replays the same resend.
 */
export function ResendEmailDialog({ email, onClose }: { email: EmailDto; onClose: () => void }) {
  const { timeZone } = useMsp();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const resend = useResendEmail();
  const created = resend.data;

  return (
    <Dialog
      open
      title={created ? 'Email resent' : 'Resend this email?'}
      onClose={onClose}
      footer={
        created ? (
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={resend.isPending}>
              Cancel
            </Button>
            <Button
              variant="primary"
              loading={resend.isPending}
              onClick={() => resend.mutate({ id: email.id, idempotencyKey })}
            >
              Resend
            </Button>
          </>
        )
      }
    >
      {created ? (
        <div role="status">
          <p>A new email was created and queued; this one stays as it was.</p>
          <dl className="app-details">
            <div>
              <dt>Subject</dt>
              <dd>
                <Link to={paths.app.email.getHref(created.id)} onClick={onClose}>
                  {created.subject}
                </Link>
              </dd>
            </div>
            <div>
              <dt>To</dt>
              <dd>{recipientsText(created.to)}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>
                <EmailStatusBadge status={created.status} />
              </dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatDateTime(created.createdAt, timeZone)}</dd>
            </div>
          </dl>
        </div>
      ) : (
        <>
          <p>
            The same {EMAIL_TYPE_LABELS[email.type]?.toLowerCase() ?? 'email'} (“{email.subject}
            ”), attachments included, goes again to <strong>{recipientsText(email.to)}</strong> as a
            new email. This one stays in the history as it was.
          </p>
          {email.resentFromId && (
            <p className="ui-muted">
              This email is itself a resend of{' '}
              <Link to={paths.app.email.getHref(email.resentFromId)} onClick={onClose}>
                an earlier email
              </Link>
              .
            </p>
          )}
          {resend.isError && (
            <div className="ui-alert ui-alert--error" role="alert">
              {isApiError(resend.error) ? resend.error.detail : CONNECTION_ERROR}
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}
