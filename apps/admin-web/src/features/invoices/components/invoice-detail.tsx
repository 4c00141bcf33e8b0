import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  EmptyState,
  ErrorState,
  LoadingState,
  StatTile,
  formatDate,
  formatDateTime,
  formatMoney,
} from '@settle/ui';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { useInvoice } from '../api/get-invoice';
import { useInvoiceActivity } from '../api/get-invoice-activity';
import type { InvoiceResponseDto } from '@/api/invoices/types';

import { InvoiceStatusBadge, isPayable } from './invoice-status';

/**
 * One invoice (seed 001's invoice summary): its figures, status, the payments against it and its
 * timeline. `payments`, `autopay` and `emails` are sections composed by the route (they belong to
 * payments, autopay and emails).
 */
export function InvoiceDetail({
  id,
  payments,
  emails,
  autopay,
}: {
  id: string;
  payments?: ReactNode;
  emails?: ReactNode;
  /** The AutoPay panel; it needs the invoice's organization to name the payment method. */
  autopay?: (invoice: InvoiceResponseDto) => ReactNode;
}) {
  const invoice = useInvoice({ id });

  if (invoice.isPending) return <LoadingState label="Loading invoice…" />;
  if (invoice.isError) {
    const notFound = isApiError(invoice.error) && invoice.error.status === 404;
    return (
      <>
        <Link to={paths.app.organizations.getHref()} className="app-back-link">
          ‹ Back to Organizations
        </Link>
        {notFound ? (
          <EmptyState
            title="This invoice does not exist or was removed"
            text="The link may be wrong, or the invoice was deleted in its source system."
            action={<Link to={paths.app.organizations.getHref()}>All organizations</Link>}
          />
        ) : (
          <ErrorState
            message={
              isApiError(invoice.error) ? invoice.error.detail : 'Could not load the invoice.'
            }
            requestId={isApiError(invoice.error) ? invoice.error.requestId : null}
            action={<Button onClick={() => void invoice.refetch()}>Try again</Button>}
          />
        )}
      </>
    );
  }
  return (
    <InvoiceView
      invoice={invoice.data}
      payments={payments}
      emails={emails}
      autopay={autopay?.(invoice.data)}
    />
  );
}

function InvoiceView({
  invoice: i,
  payments,
  emails,
  autopay,
}: {
  invoice: InvoiceResponseDto;
  payments: ReactNode;
  emails: ReactNode;
  autopay: ReactNode;
}) {
  const { timeZone, user } = useMsp();
  const payable = isPayable(i);
  const canPay = payable && user.role !== 'viewer';
  const money = (minor: number) => formatMoney(minor, i.currency);

  return (
    <>
      <Link
        to={paths.app.organization.section(
          i.organizationId,
          payable ? 'open-invoices' : 'invoice-history',
        )}
        className="app-back-link"
      >
        ‹ Back to {payable ? 'Open Invoices' : 'Invoice History'}
      </Link>
      <div className="ui-page-header app-org-header">
        <div>
          <h1>
            Invoice {i.number} <InvoiceStatusBadge invoice={i} />
            {i.pastDue && (
              <>
                {' '}
                <span className="ui-badge ui-badge--danger">Past due</span>
              </>
            )}
          </h1>
          <p className="ui-muted app-org-header__parent">
            <Link to={paths.app.organization.getHref(i.organizationId)}>{i.organizationName}</Link>
          </p>
        </div>
        <div className="ui-page-header__actions">
          {i.pdfUrl && (
            <a
              className="ui-button ui-button--sm"
              href={i.pdfUrl}
              target="_blank"
              rel="noreferrer"
              aria-label={`View PDF of invoice ${i.number}`}
            >
              View PDF
            </a>
          )}
          {canPay && (
            <Link
              className="ui-button ui-button--primary ui-button--sm"
              to={paths.app.organization.pay(i.organizationId, [i.id])}
              aria-label={`Pay invoice ${i.number}`}
            >
              Pay
            </Link>
          )}
        </div>
      </div>

      {i.awaitingAccounting && (
        <div className="ui-alert ui-alert--info" role="status">
          Paid in full through Settle. The source system ({i.source}) still shows{' '}
          {money(i.sourceBalance)} owed until the payment reaches accounting; nothing more can be
          paid on this invoice.
        </div>
      )}
      {i.overAllocated > 0 && (
        <div className="ui-alert ui-alert--warning" role="alert">
          Settle holds {money(i.overAllocated)} more in payments than the source system says is
          owed. Check whether this invoice was paid twice.
        </div>
      )}

      <div className="app-stack">
        <Card title="Invoice">
          <dl className="ui-stat-tiles" aria-label="Amounts">
            <StatTile data-testid="invoice-total" label="Total" value={money(i.total)} />
            <StatTile
              data-testid="invoice-source-balance"
              label="Source balance"
              value={money(i.sourceBalance)}
              hint={`What ${i.source} says is owed`}
            />
            <StatTile
              data-testid="invoice-open-balance"
              label="Open balance"
              value={money(i.openBalance)}
              hint="What can still be paid"
              tone={i.pastDue ? 'danger' : 'default'}
            />
          </dl>
          <dl className="app-details">
            <div>
              <dt>Issue date</dt>
              <dd>{formatDate(i.issueDate, timeZone)}</dd>
            </div>
            <div>
              <dt>Due date</dt>
              <dd>{formatDate(i.dueDate, timeZone)}</dd>
            </div>
            <div>
              <dt>Terms</dt>
              <dd>{i.terms || '—'}</dd>
            </div>
            <div>
              <dt>PO</dt>
              <dd>{i.poNumber || '—'}</dd>
            </div>
            <div>
              <dt>Source</dt>
              <dd>
                {i.source}
                <div className="ui-muted app-note-text">{i.externalId}</div>
              </dd>
            </div>
          </dl>
        </Card>

        {payments}
        {autopay}

        <InvoiceTimeline invoiceId={i.id} timeZone={timeZone} />

        {emails}
      </div>
    </>
  );
}

function InvoiceTimeline({ invoiceId, timeZone }: { invoiceId: string; timeZone: string }) {
  const activity = useInvoiceActivity({ id: invoiceId });
  let body: ReactNode;
  if (activity.isPending) body = <LoadingState label="Loading timeline…" />;
  else if (activity.isError)
    body = (
      <ErrorState
        message={
          isApiError(activity.error) ? activity.error.detail : 'Could not load the timeline.'
        }
        requestId={isApiError(activity.error) ? activity.error.requestId : null}
        action={<Button onClick={() => void activity.refetch()}>Try again</Button>}
      />
    );
  else if (activity.data.data.length === 0) body = <EmptyState bare title="No events yet" />;
  else
    body = (
      <ol className="app-timeline" aria-label="Timeline">
        {activity.data.data.map((e, n) => (
          <li
            key={`${e.at}-${n}`}
            // "payment.succeeded" colours its dot as a payment's own "succeeded" event does
            className={`app-timeline__event app-timeline__event--${e.type.slice(e.type.indexOf('.') + 1)}`}
          >
            <p className="app-timeline__summary">{e.summary}</p>
            {e.detail && <p className="ui-muted app-note-text">{e.detail}</p>}
            <p className="ui-muted app-timeline__meta">
              <time dateTime={e.at}>
                {/* an invoice is issued on a day, not at a time */}
                {e.type === 'invoice.issued'
                  ? formatDate(e.at, timeZone)
                  : formatDateTime(e.at, timeZone)}
              </time>
              {e.paymentId && (
                <>
                  {' · '}
                  <Link to={paths.app.payment.getHref(e.paymentId)}>
                    {e.paymentNumber ?? 'Payment'}
                  </Link>
                </>
              )}
            </p>
          </li>
        ))}
      </ol>
    );
  return <Card title="Timeline">{body}</Card>;
}
