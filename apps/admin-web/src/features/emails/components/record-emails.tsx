import { useState } from 'react';
import { Link } from 'react-router';

import { paths, type EmailsQuery } from '@/config/paths';

import type { EmailsListParams } from '../api/keys';

import { EmailsTable } from './emails-table';

/** The "Emails" card of an invoice's or a payment's page: what was sent about that record. */
export function RecordEmails({
  record,
  emptyText,
  className,
}: {
  record: Required<Pick<EmailsQuery, 'invoiceId'>> | Required<Pick<EmailsQuery, 'paymentId'>>;
  emptyText: string;
  className?: string;
}) {
  const [params, setParams] = useState<EmailsListParams>({
    ...record,
    page: 1,
    pageSize: 10,
    sort: '-createdAt',
  });
  return (
    <EmailsTable
      title="Emails"
      params={params}
      onParamsChange={(next) => setParams((p) => ({ ...p, ...next }))}
      compact
      emptyText={emptyText}
      className={className}
      actions={<Link to={paths.app.emails.getHref(record)}>Open in Emails</Link>}
    />
  );
}
