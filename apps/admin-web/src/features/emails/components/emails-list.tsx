import { Link, useSearchParams } from 'react-router';

import { useContacts } from '@/api/contacts/get-contacts';
import { useInvoices } from '@/api/invoices/get-invoices';
import { useOrganization } from '@/api/organizations/get-organization';
import { paths } from '@/config/paths';

import type { EmailSort, EmailsListParams } from '../api/keys';
import type { EmailStatus, EmailType } from '../api/types';

import { EMAIL_STATUS_LABELS, EMAIL_TYPE_LABELS } from './email-words';
import { EmailsTable } from './emails-table';

const SORTS = ['createdAt', 'sentAt'];
const PAGE_SIZES = [10, 25, 50, 100];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RECORDS = ['organizationId', 'contactId', 'invoiceId', 'paymentId'] as const;

/** The list's state lives in the URL, so "View Email History" links can narrow it. */
function readParams(sp: URLSearchParams): EmailsListParams {
  const sort = sp.get('sort') ?? '-createdAt';
  const status = sp.get('status') ?? '';
  const type = sp.get('type') ?? '';
  const page = Number(sp.get('page'));
  const pageSize = Number(sp.get('pageSize'));
  const id = (key: (typeof RECORDS)[number]) => {
    const v = sp.get(key);
    // a malformed id would only earn a 400
    return v && UUID.test(v) ? v : undefined;
  };
  return {
    q: sp.get('q')?.trim() || undefined,
    status: status in EMAIL_STATUS_LABELS ? (status as EmailStatus) : undefined,
    type: type in EMAIL_TYPE_LABELS ? (type as EmailType) : undefined,
    organizationId: id('organizationId'),
    contactId: id('contactId'),
    invoiceId: id('invoiceId'),
    paymentId: id('paymentId'),
    sort: (SORTS.includes(sort.replace(/^-/, '')) ? sort : '-createdAt') as EmailSort,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 25,
  };
}

function writeParams(p: EmailsListParams): URLSearchParams {
  const sp = new URLSearchParams();
  for (const key of RECORDS) if (p[key]) sp.set(key, p[key]);
  if (p.q) sp.set('q', p.q);
  if (p.type) sp.set('type', p.type);
  if (p.status) sp.set('status', p.status);
  if (p.sort && p.sort !== '-createdAt') sp.set('sort', p.sort);
  if (p.page > 1) sp.set('page', String(p.page));
  if (p.pageSize !== 25) sp.set('pageSize', String(p.pageSize));
  return sp;
}

/** Every email Settle sent or tried to send, newest first (the Emails page). */
export function EmailsList() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = readParams(searchParams);
  const update = (next: Partial<EmailsListParams>) =>
    setSearchParams(writeParams({ ...params, ...next }), { replace: true });
  const narrowed = RECORDS.some((key) => params[key]);

  return (
    <>
      {narrowed && (
        <div className="app-filter-chip" role="status">
          <span>
            Showing emails <RecordFilter params={params} />
          </span>
          <button
            type="button"
            className="ui-button ui-button--ghost ui-button--sm"
            onClick={() =>
              update({
                organizationId: undefined,
                contactId: undefined,
                invoiceId: undefined,
                paymentId: undefined,
                page: 1,
              })
            }
          >
            Show all emails
          </button>
        </div>
      )}
      <EmailsTable
        title="Emails"
        params={params}
        onParamsChange={update}
        emptyText="Receipts, notices, statements and portal invitations appear here once Settle sends them."
      />
    </>
  );
}

/** "of Demo Company to Demo Owner about invoice 1001", each part linked to its record. */
function RecordFilter({ params }: { params: EmailsListParams }) {
  const { organizationId, contactId, invoiceId, paymentId } = params;
  const organization = useOrganization({
    id: organizationId ?? '',
    queryConfig: { enabled: !!organizationId },
  });
  // contacts are listed per organization; the contact's name is found among them
  const contacts = useContacts({
    organizationId: organizationId ?? '',
    params: { page: 1, pageSize: 200, sort: 'name' },
    queryConfig: { enabled: !!organizationId && !!contactId },
  });
  const invoices = useInvoices({
    params: { page: 1, pageSize: 1, id: invoiceId ? [invoiceId] : undefined },
    queryConfig: { enabled: !!invoiceId },
  });
  const contact = contacts.data?.data.find((c) => c.id === contactId);
  const invoice = invoices.data?.data.find((i) => i.id === invoiceId);
  return (
    <>
      {organizationId && (
        <>
          of{' '}
          <Link to={paths.app.organization.getHref(organizationId)}>
            {organization.data?.name ?? 'one organization'}
          </Link>
        </>
      )}
      {contactId && (
        <>
          {' '}
          to{' '}
          {organizationId ? (
            <Link to={paths.app.organization.section(organizationId, 'contacts')}>
              {contact?.name ?? 'one contact'}
            </Link>
          ) : (
            'one contact'
          )}
        </>
      )}
      {invoiceId && (
        <>
          {' '}
          about{' '}
          <Link to={paths.app.invoice.getHref(invoiceId)}>
            {invoice ? `invoice ${invoice.number}` : 'one invoice'}
          </Link>
        </>
      )}
      {paymentId && (
        <>
          {' '}
          about <Link to={paths.app.payment.getHref(paymentId)}>one payment</Link>
        </>
      )}
    </>
  );
}
