import { formatDateTime } from '@settle/ui';
import { Fragment } from 'react';
import { Link } from 'react-router';

import { paths } from '@/config/paths';

import type { EmailEventDto } from '../api/types';

import { EMAIL_EVENT_LABELS } from './email-words';

const EMAIL_ID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/** An event's detail, with the email ids it names ("Resent … as <id>") opening those emails. */
function DetailText({ text }: { text: string }) {
  const parts = text.split(EMAIL_ID);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <Link key={i} to={paths.app.email.getHref(part)}>
            {part.slice(0, 8)}…
          </Link>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/**
 * The email's trail, oldest first: triggered, queued, processed, then sent (with the server's
 * answer), failed (with the error) or skipped (with the reason); a resend adds "resent".
 */
export function EmailEvents({ events, timeZone }: { events: EmailEventDto[]; timeZone: string }) {
  return (
    <ol className="app-timeline" aria-label="Events">
      {events.map((e, n) => (
        <li
          key={`${e.at}-${n}`}
          className={`app-timeline__event app-timeline__event--${e.type === 'sent' ? 'succeeded' : e.type}`}
        >
          <p className="app-timeline__summary">{EMAIL_EVENT_LABELS[e.type] ?? e.type}</p>
          {e.detail && (
            <p className="ui-muted app-note-text app-email-event__detail">
              <DetailText text={e.detail} />
            </p>
          )}
          <p className="ui-muted app-timeline__meta">
            <time dateTime={e.at}>{formatDateTime(e.at, timeZone)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}
