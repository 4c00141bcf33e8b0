import { isApiError } from '@settle/api-client';
import { Button, Card, ErrorState, Skeleton, formatDate, formatMoney } from '@settle/ui';
import { Link } from 'react-router';

import { usePaymentMethods } from '@/api/payment-methods/get-payment-methods';
import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { useInvoiceAutopay } from '../api/get-invoice-autopay';

import { ruleMethodText } from './rule-summary';

/** Whether AutoPay will charge this invoice, when, how much, with what, and why (or why not). */
export function InvoiceAutopayPanel({
  invoiceId,
  organizationId,
}: {
  invoiceId: string;
  organizationId: string;
}) {
  const { timeZone } = useMsp();
  const explainer = useInvoiceAutopay({ invoiceId });
  const methods = usePaymentMethods({ organizationId });
  const rules = (
    <Link to={paths.app.organization.section(organizationId, 'autopay')}>AutoPay rules</Link>
  );

  if (explainer.isPending)
    return (
      <Card title="AutoPay">
        <div role="status" aria-label="Loading AutoPay">
          <Skeleton height={18} width="60%" />
        </div>
      </Card>
    );
  if (explainer.isError)
    return (
      <Card title="AutoPay">
        <ErrorState
          message={
            isApiError(explainer.error)
              ? explainer.error.detail
              : 'Could not find out whether AutoPay will charge this invoice.'
          }
          requestId={isApiError(explainer.error) ? explainer.error.requestId : null}
          action={<Button onClick={() => void explainer.refetch()}>Try again</Button>}
        />
      </Card>
    );

  const e = explainer.data;
  const date = e.date ? formatDate(e.date, timeZone) : null;
  const method = ruleMethodText(e.paymentMethodId, methods.data?.data);
  return (
    <Card title="AutoPay" actions={rules}>
      <div className="app-stack">
        {e.willCharge ? (
          <p className="app-autopay-verdict">
            <span className="ui-badge ui-badge--success">Will charge</span>{' '}
            {formatMoney(e.amount, e.currency)}
            {date ? ` on ${date}` : ''} to {method}
            {e.needsApproval ? ', after staff approve it.' : '.'}
          </p>
        ) : (
          <p className="app-autopay-verdict">
            <span className="ui-badge">Won’t charge</span> AutoPay will not charge this invoice.
          </p>
        )}
        {e.reasons.length > 0 && (
          <div>
            <h3 className="app-subheading">Why</h3>
            <ul className="app-autopay-reasons" aria-label="Why AutoPay will or will not charge">
              {e.reasons.map((r, i) => (
                <li key={`${r.code}-${i}`}>{r.message}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Card>
  );
}
