import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  DataTable,
  ErrorState,
  SelectField,
  formatDateTime,
  type DataTableColumn,
} from '@settle/ui';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';

import { SearchInput } from '@/components/search-input';
import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { useEmails } from '../api/get-emails';
import type { EmailSort, EmailsListParams } from '../api/keys';
import type { EmailStatus, EmailSummaryDto, EmailType } from '../api/types';

import {
  EMAIL_STATUS_OPTIONS,
  EMAIL_TYPE_LABELS,
  EMAIL_TYPE_OPTIONS,
  EmailStatusBadge,
  recipientsText,
} from './email-words';

/** Where an email's page leads back to: the list it was opened from. */
export interface EmailLinkState {
  from: string;
}

export interface EmailsTableProps {
  title: ReactNode;
  params: EmailsListParams;
  onParamsChange: (next: Partial<EmailsListParams>) => void;
  /** A record's own emails (an invoice, a payment): no filters, paging only. */
  compact?: boolean;
  actions?: ReactNode;
  emptyText?: ReactNode;
  className?: string;
}

/** Email history: what was sent to whom, when, and how it went; each subject opens the email. */
export function EmailsTable({
  title,
  params,
  onParamsChange,
  compact,
  actions,
  emptyText,
  className,
}: EmailsTableProps) {
  const { timeZone } = useMsp();
  const { pathname, search } = useLocation();
  const emails = useEmails({ params });
  const label = typeof title === 'string' ? title : 'Emails';
  const filtered = !!(params.q || params.type || params.status);
  const linkState: EmailLinkState = { from: pathname + search };

  const columns: DataTableColumn<EmailSummaryDto>[] = [
    {
      key: 'createdAt',
      header: 'Created',
      sortable: true,
      render: (e) => formatDateTime(e.createdAt, timeZone),
    },
    { key: 'type', header: 'Type', render: (e) => EMAIL_TYPE_LABELS[e.type] ?? e.type },
    {
      key: 'to',
      header: 'Recipients',
      render: (e) =>
        e.to.length ? (
          <span className="app-email-recipients">{recipientsText(e.to)}</span>
        ) : (
          <span className="ui-muted">{recipientsText(e.to)}</span>
        ),
    },
    {
      key: 'subject',
      header: 'Subject',
      render: (e) => (
        <Link to={paths.app.email.getHref(e.id)} state={linkState}>
          {e.subject || '(no subject)'}
        </Link>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      render: (e) => (
        <>
          <EmailStatusBadge status={e.status} />
          {e.resentFromId && <div className="ui-muted app-note-text">Resent copy</div>}
          {(e.status === 'failed' || e.status === 'skipped') && e.lastError && (
            <div className="ui-muted app-note-text">{e.lastError}</div>
          )}
        </>
      ),
    },
    {
      key: 'sentAt',
      header: 'Sent',
      sortable: true,
      render: (e) => (e.sentAt ? formatDateTime(e.sentAt, timeZone) : '—'),
    },
  ];

  return (
    <Card title={title} flush actions={actions} className={className}>
      {!compact && (
        <div className="app-toolbar app-toolbar--padded">
          <SearchInput
            label="Search emails"
            placeholder="Subject or recipient"
            value={params.q ?? ''}
            onSearch={(q) => onParamsChange({ q: q || undefined, page: 1 })}
          />
          <SelectField
            label="Type"
            className="app-inline-field"
            value={params.type ?? ''}
            options={[{ value: '', label: 'All' }, ...EMAIL_TYPE_OPTIONS]}
            onChange={(e) =>
              onParamsChange({ type: (e.target.value || undefined) as EmailType, page: 1 })
            }
          />
          <SelectField
            label="Status"
            className="app-inline-field"
            value={params.status ?? ''}
            options={[{ value: '', label: 'All' }, ...EMAIL_STATUS_OPTIONS]}
            onChange={(e) =>
              onParamsChange({ status: (e.target.value || undefined) as EmailStatus, page: 1 })
            }
          />
        </div>
      )}
      {emails.isError ? (
        <ErrorState
          message={isApiError(emails.error) ? emails.error.detail : 'Could not load the emails.'}
          requestId={isApiError(emails.error) ? emails.error.requestId : null}
          action={<Button onClick={() => void emails.refetch()}>Try again</Button>}
        />
      ) : (
        <DataTable
          label={label}
          columns={columns}
          rows={emails.data?.data ?? []}
          getRowId={(e) => e.id}
          loading={emails.isPending || emails.isPlaceholderData}
          emptyTitle={filtered ? 'No matching emails' : 'No emails yet'}
          emptyText={filtered ? 'Change or clear the filters.' : emptyText}
          sort={params.sort}
          onSort={(sort) => onParamsChange({ sort: sort as EmailSort, page: 1 })}
          page={params.page}
          pageSize={params.pageSize}
          total={emails.data?.total ?? 0}
          onPageChange={(page) => onParamsChange({ page })}
          onPageSizeChange={(pageSize) => onParamsChange({ pageSize, page: 1 })}
        />
      )}
    </Card>
  );
}
