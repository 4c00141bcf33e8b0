import { Branding, EmailTemplateData, EmailType, InvoiceLine } from './email-types';

/** What each type's component gets: its data, the intro with placeholders filled, the branding. */
export interface TemplateProps<K extends EmailType> {
  branding: Branding;
  data: EmailTemplateData[K];
  intro: string;
}

export function invoiceRows(invoices: InvoiceLine[]): string[][] {
  return invoices.map((invoice) => [invoice.number, invoice.amount]);
}

export const INVOICE_COLUMNS = [{ title: 'Invoice' }, { align: 'right' as const, title: 'Amount' }];
