import { agingBuckets, AgingBuckets, CalendarDate, daysBetween } from '@settle/domain';

/** One open invoice on a statement; amounts in minor units of the statement's currency. */
export interface StatementInvoice {
  id: string;
  number: string;
  invoiceDate: CalendarDate;
  dueDate: CalendarDate;
  total: number;
  openBalance: number;
  /** 0 until the day after the due date. */
  daysPastDue: number;
}

/** What an organization owes in one currency on `asOf`: the account summary email's content. */
export interface OrganizationStatement {
  organizationId: string;
  organizationName: string;
  currency: string;
  asOf: CalendarDate;
  /** By due date, then number. */
  invoices: StatementInvoice[];
  aging: AgingBuckets;
  totalDue: number;
  pastDue: number;
}

/** An open invoice as the repository reads it for statements. */
export interface StatementInvoiceRow {
  id: string;
  number: string;
  currency: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  total: number;
  openBalance: number;
}

/**
 * One statement per currency, in the order the rows come (the repository sorts them by currency,
 * then due date and number); amounts in different currencies are never added together.
 */
export function toStatements(
  organization: { id: string; name: string },
  rows: readonly StatementInvoiceRow[],
  today: CalendarDate,
): OrganizationStatement[] {
  const byCurrency = new Map<string, StatementInvoiceRow[]>();
  for (const row of rows) {
    const same = byCurrency.get(row.currency);
    if (same) same.push(row);
    else byCurrency.set(row.currency, [row]);
  }
  return [...byCurrency].map(([currency, invoices]) => {
    const aging = agingBuckets(invoices, today);
    return {
      aging,
      asOf: today,
      currency,
      invoices: invoices.map((invoice) => ({
        daysPastDue: Math.max(0, daysBetween(invoice.dueDate, today)),
        dueDate: invoice.dueDate,
        id: invoice.id,
        invoiceDate: invoice.issueDate,
        number: invoice.number,
        openBalance: invoice.openBalance,
        total: invoice.total,
      })),
      organizationId: organization.id,
      organizationName: organization.name,
      pastDue: aging.total - aging.current,
      totalDue: aging.total,
    };
  });
}
