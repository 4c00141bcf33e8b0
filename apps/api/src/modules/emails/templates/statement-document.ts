import { Branding } from './email-types';

/**
 * What the statement PDF shows, display-ready: the emails module builds it from the invoices
 * module's `OrganizationStatement` (minor units, ISO dates), formatting in the MSP's currency and
 * date format, so the renderer makes no money or calendar decisions.
 */
export interface StatementDocument {
  branding: Branding;
  organizationName: string;
  /** "Dec 1, 2026". */
  asOf: string;
  currency: string;
  invoices: Array<{
    number: string;
    invoiceDate: string;
    dueDate: string;
    total: string;
    openBalance: string;
    /** 0 when not past due; past-due rows are drawn in red. */
    daysPastDue: number;
  }>;
  /** In AGING_BUCKETS order, e.g. [{label: 'Current', amount: '$1,200.00'}, {label: '1–30 days', ...}]. */
  aging: Array<{ label: string; amount: string }>;
  totalDue: string;
  pastDue: string;
  portalUrl: string;
}
