import { Card, ErrorState, LoadingState, PageHeader, formatDate, formatMoney } from '@settle/ui';
import { Link } from 'react-router';

import { useInvoice } from '@/api/invoices';
import { paths } from '@/config/paths';
import { problemMessage } from '@/lib/problem';

import { InvoicePdfDownload } from './invoice-pdf-download';

export function InvoiceDetail({
  organizationId,
  invoiceId,
  canPay,
}: {
  organizationId: string;
  invoiceId: string;
  canPay: boolean;
}) {
  const invoice = useInvoice({ organizationId, invoiceId });
  const back = <Link to={paths.app.invoices.getHref()}>Back to open invoices</Link>;
  if (invoice.isPending) return <LoadingState label="Loading the invoice…" />;
  if (invoice.isError) {
    return (
      <ErrorState
        title="Could not load the invoice"
        message={problemMessage(invoice.error)}
        action={back}
      />
    );
  }
  const inv = invoice.data;
  const money = (minor: number) => formatMoney(minor, inv.currency);
  const payable = inv.status === 'open' && inv.openBalance > 0;
  const status =
    inv.status === 'void' ? (
      <span className="ui-badge">Void</span>
    ) : inv.status === 'paid' ? (
      <span className="ui-badge ui-badge--success">Paid</span>
    ) : inv.awaitingAccounting ? (
      <span className="ui-badge portal-badge--info">Paid, being recorded</span>
    ) : inv.pastDue ? (
      <span className="ui-badge ui-badge--danger">Past due</span>
    ) : (
      <span className="ui-badge ui-badge--warning">Open</span>
    );
  return (
    <>
      <PageHeader title={`Invoice ${inv.number}`} actions={status} />
      <div className="portal-stack">
        <Card>
          <dl className="portal-totals">
            <div>
              <dt>Invoice total</dt>
              <dd>{money(inv.total)}</dd>
            </div>
            <div className="portal-totals__total">
              <dt>Left to pay</dt>
              <dd>{money(inv.openBalance)}</dd>
            </div>
          </dl>
          {inv.awaitingAccounting && (
            <p className="ui-muted">
              Nothing is left to pay here: a payment covers it, and your provider&apos;s accounting
              has not recorded it yet.
            </p>
          )}
          <dl className="portal-details">
            <div>
              <dt>Issued</dt>
              <dd>{formatDate(inv.issueDate)}</dd>
            </div>
            <div>
              <dt>Due</dt>
              <dd>{formatDate(inv.dueDate)}</dd>
            </div>
            {inv.terms && (
              <div>
                <dt>Terms</dt>
                <dd>{inv.terms}</dd>
              </div>
            )}
            {inv.poNumber && (
              <div>
                <dt>PO number</dt>
                <dd>{inv.poNumber}</dd>
              </div>
            )}
            <div>
              <dt>Billed to</dt>
              <dd>{inv.organizationName}</dd>
            </div>
          </dl>
          <div className="portal-actions portal-actions--start">
            {canPay && payable && (
              <Link
                className="ui-button ui-button--primary"
                to={paths.app.pay.getHref([{ invoiceId: inv.id, amount: inv.openBalance }])}
              >
                Pay {money(inv.openBalance)}
              </Link>
            )}
            {inv.hasPdf && (
              <InvoicePdfDownload
                organizationId={organizationId}
                invoiceId={inv.id}
                number={inv.number}
              />
            )}
            {back}
          </div>
        </Card>
      </div>
    </>
  );
}
